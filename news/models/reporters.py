"""Reporter profiles: the names and photos readers see in bylines."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
)
from wagtail.images import get_image_model_string
from wagtail.search import index

from networks.models import Network
from thai_text.slugs import unique_slug, validate_thai_slug


class ReporterProfile(index.Indexed, models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reporter_profile",
    )
    display_name = models.CharField(
        _("display name"), max_length=100, help_text=_("The name readers see. A pen name is fine.")
    )
    slug = models.CharField(
        _("slug"), max_length=100, unique=True, blank=True, validators=[validate_thai_slug]
    )
    photo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    network = models.ForeignKey(
        Network,
        verbose_name=_("network"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reporters",
    )
    bio = models.TextField(_("short bio"), blank=True, max_length=1000)

    panels = [
        FieldPanel("display_name"),
        FieldPanel("slug"),
        FieldPanel("network"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("user"),
    ]
    search_fields = [
        index.SearchField("display_name"),
        index.AutocompleteField("display_name"),
        index.SearchField("bio"),
    ]

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("reporter profile")
        verbose_name_plural = _("reporter profiles")

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.display_name, fallback="reporter")
        super().save(*args, **kwargs)

    @property
    def name(self):
        """Reporters are named like networks, topics and tags wherever those are listed together."""
        return self.display_name
