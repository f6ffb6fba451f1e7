"""What stories are filed under: the editors' topics and free tags."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase
from wagtail.search import index

from thai_text.language import is_english
from thai_text.slugs import thai_slugify, validate_thai_slug


class BilingualNameMixin(models.Model):
    name_th = models.CharField(_("name in Thai"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100)
    slug = models.CharField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        validators=[validate_thai_slug],
        help_text=_("Used in web addresses. Left empty, it is made from the English name."),
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = thai_slugify(self.name_en or self.name_th)
        super().save(*args, **kwargs)

    @property
    def name(self):
        return self.name_en if is_english() else self.name_th


class Topic(BilingualNameMixin, index.Indexed):
    """The controlled list of subjects editors manage (the association's objective 3)."""

    search_fields = [
        index.SearchField("name_th"),
        index.SearchField("name_en"),
        index.AutocompleteField("name_th"),
        index.AutocompleteField("name_en"),
    ]

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class Tag(TagBase):
    """A free tag; its slug keeps Thai vowels and tone marks (taggit's slugify drops them)."""

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def slugify(self, tag, i=None):
        slug = thai_slugify(tag, max_length=90) or "tag"
        return f"{slug}-{i}" if i is not None else slug


class TaggedStory(ItemBase):
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_stories")
    content_object = ParentalKey(
        "news.StoryPage", on_delete=models.CASCADE, related_name="tagged_items"
    )
