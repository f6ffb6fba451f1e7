"""Stories (news, local-wisdom articles, culture stories) and their taxonomy.

``StoryPage`` is a concrete base that editors never create directly (``is_creatable = False``):
keeping the shared fields and relations in one table lets a single queryset list every story
type, filtered by network, topic, tag, district or reporter, without a union over three tables.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    TitleFieldPanel,
)
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images import get_image_model_string
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable
from wagtail.search import index

from admin_thai.widgets import WrappingTitleInput
from core.compiled_queries import evaluate
from core.pages import BasePage
from core.site_sections import site_sections
from media_library.blocks import attach_embeds
from media_library.renditions import POSTER_SPEC, attach_drawn_renditions, drawn_specs
from media_library.story_media import story_images
from networks.models import Network
from thai_text.reading_time import reading_minutes

from .. import api_fields as api
from ..blocks import StoryBodyBlock
from ..permissions import StoryPermissionTester
from ..portable import SOCIAL_FILTER
from ..review_panel import ReviewerCommentPanel
from .bylines import BylinesPanel, reporter_profile_of
from .districts import District
from .forms import StoryForm
from .queryset import StoryManager, attach_networks
from .reporters import ReporterProfile
from .story_lists import story_lists, story_lists_query
from .taxonomy import TaggedStory, Topic

# Which parts of each body block are words to read (image ids, levels and links are not).
_READABLE_KEYS = {
    "heading": ("text",),
    "image": ("caption",),
    "quote": ("text", "attribution"),
    "fact_box": ("title", "body"),
    "gallery": ("title",),
    "audio": ("title",),
    "video": ("caption",),
}


def _texts_in(block_type, value):
    if block_type == "paragraph":
        return [value or ""]
    if not isinstance(value, dict):
        return []
    texts = [value.get(key) or "" for key in _READABLE_KEYS.get(block_type, ())]
    if block_type == "gallery":
        for item in value.get("images") or []:
            item_value = item.get("value", item) if isinstance(item, dict) else {}
            texts.append(item_value.get("caption") or "")
    return texts


def readable_text(body_raw_data):
    """The words a reader reads in a story body (its StreamField raw data), without markup."""
    texts = []
    for block in body_raw_data:
        texts.extend(_texts_in(block.get("type"), block.get("value")))
    return "\n".join(texts)


def story_reading_minutes(summary, body_raw_data):
    """The reading time of a story's summary and body, in minutes (news.0004 fills it in too)."""
    return reading_minutes("\n".join([summary or "", readable_text(body_raw_data)]))


class StoryPage(BasePage):
    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_(
            "Two or three sentences that tell the story in short. Readers see it under the "
            "title, in lists, in feeds and when the story is shared on LINE or Facebook."
        ),
    )
    hero_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("main photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The photo at the top of the story and in lists."),
    )
    body = StreamField(
        StoryBodyBlock(),
        verbose_name=_("story"),
        blank=True,
        help_text=_("Write the story here. Add paragraphs, photos, quotes, video or sound."),
    )
    networks = ParentalManyToManyField(
        Network,
        verbose_name=_("member networks"),
        related_name="stories",
        help_text=_("Which member networks this story comes from or is about. At least one."),
    )
    topics = ParentalManyToManyField(
        Topic,
        verbose_name=_("topics"),
        related_name="stories",
        blank=True,
        help_text=_("Choose from the list the editors keep."),
    )
    tags = ClusterTaggableManager(
        through=TaggedStory,
        verbose_name=_("tags"),
        blank=True,
        help_text=_("Free words that help readers find the story, such as a village name."),
    )
    district = models.CharField(
        _("district"),
        max_length=30,
        choices=District.choices,
        blank=True,
        help_text=_("The district of Surin where it happened, if any."),
    )
    import_ref = models.CharField(
        _("import reference"),
        max_length=100,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("The story's stable identifier in import files (docs/import-format.md)."),
    )
    # Counted when the story is saved (publishing saves it), not while a reader waits: Thai
    # words are found with a dictionary, about 35 ms for a 7,600-character story, and the
    # first count in a process loads the dictionary (about 2 s).
    reading_minutes = models.PositiveSmallIntegerField(
        _("reading time in minutes"), null=True, editable=False
    )

    objects = StoryManager()

    is_creatable = False
    select_related_when_served = ("locale", "hero_image")
    # Each story type's two stable names (news.models.registry gathers them): ``type_slug`` in
    # public addresses, filters, feeds and the API; ``import_name`` in import and export files.
    type_slug = ""
    import_name = ""
    # A copy or a translation is another story: it must not claim the original's import ref.
    exclude_fields_in_copy = ["import_ref"]
    base_form_class = StoryForm
    parent_page_types = ["news.StoryIndexPage"]
    subpage_types = []
    template = "pages/story_page.html"

    content_panels = [
        ReviewerCommentPanel(),
        TitleFieldPanel("title", widget=WrappingTitleInput),
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("networks", widget=forms.CheckboxSelectMultiple),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
                FieldPanel("district"),
            ],
            heading=_("Where it belongs"),
        ),
        BylinesPanel("bylines", label=_("Reporters"), min_num=0),
        InlinePanel("corrections", label=_("Corrections")),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("district"),
        index.RelatedFields("networks", [index.FilterField("slug")]),
    ]
    # The public API (/api/v2/, see docs/api.md); first_published_at is in every page's meta.
    api_fields = [
        APIField("summary"),
        APIField("last_published_at"),
        APIField("networks", serializer=api.NetworksField()),
        APIField("topics", serializer=api.TopicsField()),
        APIField("tags", serializer=api.TagsField()),
        APIField("district", serializer=api.ChoiceField(model_field="district")),
        APIField("reporters", serializer=api.ReportersField(source="bylines")),
        APIField("hero_image"),
        APIField(
            "hero_image_social",
            serializer=ImageRenditionField(SOCIAL_FILTER, source="hero_image"),
        ),
        APIField("corrections", serializer=api.CorrectionsField()),
        APIField("body_html", serializer=api.BodyHTMLField()),
    ]

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        # Listings filter by district (news/migrations/0002_story_listing_indexes.py).
        indexes = [models.Index(fields=["district"], name="news_story_district_idx")]

    @property
    def story_type(self):
        """The stable slug of this story's type ("news", "local-wisdom", "culture")."""
        return self.specific_class.type_slug if self.specific_class else ""

    @property
    def story_type_label(self):
        return capfirst(self.specific_class._meta.verbose_name) if self.specific_class else ""

    @property
    def district_label(self):
        return District(self.district).label if self.district else ""

    @property
    def was_updated(self):
        """Shown as "updated" when republished more than an hour after it first appeared."""
        first, last = self.first_published_at, self.last_published_at
        return bool(first and last and (last - first).total_seconds() > 3600)

    def body_text(self):
        """The words a reader reads in the body, without markup (search results show them)."""
        return readable_text(self.body.raw_data)

    def count_reading_minutes(self):
        return story_reading_minutes(self.summary, self.body.raw_data)

    @classmethod
    def story_index_model(cls):
        """The stories section's page model, as Wagtail resolves ``parent_page_types``: the
        section serves the listings, whose code reads these models, so it is not imported here."""
        (index_model,) = cls.allowed_parent_page_models()
        return index_model

    def body_media(self):
        """What the body draws from other tables, in order: (image blocks' photos and videos'
        posters, galleries' photos, video blocks' values)."""
        images, gallery_images = [], []
        for image, role in story_images(None, self.body):
            (gallery_images if role == "gallery" else images).append(image)
        videos = [block.value for block in self.body if block.block_type == "video"]
        return images, gallery_images, videos

    def related_stories(self, limit=4):
        """Newest stories sharing a network, topic or tag with this one, never itself, as
        cards; their networks and photos' renditions are loaded by ``get_context``."""
        return evaluate(
            ("related stories", limit),
            lambda locale_id, story_pk: (
                StoryPage.objects.cards(locale_id)
                .prefetch_related(None)
                .sharing_with(story_pk)[:limit]
            ),
            self.locale_id,
            self.pk,
        )

    def get_context(self, request, *args, **kwargs):
        """Everything the story's template, its metadata and its related cards show, in a
        fixed number of queries however many networks, tags, reporters, images, blocks and
        related stories there are (tests/test_query_budgets.py). The template and
        ``{% page_meta %}`` read these and query nothing themselves (docs/frontend.md)."""
        context = super().get_context(request, *args, **kwargs)
        # A preview shows the networks chosen in the form, which may not be saved yet, and a
        # story never saved has no related stories to look up.
        related = self.related_stories() if self.pk else []
        previewing = getattr(request, "is_preview", False)
        if previewing or self.reading_minutes is None:
            # A preview shows the draft's own length; a row written without save() (none of
            # the site's doors) is counted here rather than shown without a reading time.
            self.reading_minutes = self.count_reading_minutes()
        # The story's networks and its related cards' networks: one query for all of them.
        attach_networks(related if previewing else [self, *related])
        # One query for every rendition the page draws: the hero (and its social-card crop),
        # the body's photos, videos' posters and galleries (4:3), the related cards' photos.
        body_images, gallery_images, videos = self.body_media()
        attach_drawn_renditions(
            [self.hero_image, *body_images, *gallery_images]
            + [story.hero_image for story in related],
            [
                *drawn_specs(""),
                *(drawn_specs("landscape") if gallery_images else ()),
                *((POSTER_SPEC,) if videos else ()),
                SOCIAL_FILTER,
            ],
        )
        # One query for the stored answers of every video from YouTube or Facebook.
        attach_embeds(videos)
        index = site_sections(request).ancestor(self, self.depth - 1) if self.depth <= 4 else None
        if not isinstance(index, self.story_index_model()):
            index = self.story_index_model().for_locale(self.locale_id)
        context.update(
            story_index=index,
            story_networks=list(self.networks.all()),
            related_stories=related,
        )
        if previewing:
            # A preview's are the form's choices, held in memory (modelcluster).
            context.update((name, list(of_story(self))) for name, of_story in STORY_LISTS.items())
        else:
            rows = evaluate("story page: its lists", story_lists_query, self.pk)
            context.update(story_lists(self.pk, rows))
        return context

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") is None:
            self.reading_minutes = self.count_reading_minutes()
        # A new story is by its owner unless its bylines already name someone (news.models.bylines).
        if self.pk is None and self.owner_id and not self.bylines.all():
            profile = reporter_profile_of(self.owner)
            if profile is not None:
                self.bylines.add(StoryByline(reporter=profile))
        return super().save(*args, **kwargs)

    @property
    def status_string(self):
        # Wagtail says "in moderation" of a story the editor has sent back as well; the
        # reporter who has to act on it needs to read that changes were asked for.
        workflow_state = self.current_workflow_state
        if (
            workflow_state is not None
            and workflow_state.status == workflow_state.STATUS_NEEDS_CHANGES
        ):
            return _("live + changes requested") if self.live else _("changes requested")
        return super().status_string

    def permissions_for_user(self, user):
        # Who may edit, review and publish a story follows its member networks, not the page
        # tree (see news.permissions and docs/roles.md).
        return StoryPermissionTester(user, self)

    def clean(self):
        super().clean()
        # A story always belongs to at least one member network: that is how readers follow
        # networks and how editors of a network find their reporters' work.
        if self.live and not self.networks.all():
            raise ValidationError({"networks": _("Choose at least one member network.")})


class StoryByline(Orderable):
    story = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="bylines")
    reporter = models.ForeignKey(
        ReporterProfile,
        verbose_name=_("reporter"),
        on_delete=models.CASCADE,
        related_name="bylines",
    )

    panels = [FieldPanel("reporter")]

    class Meta(Orderable.Meta):
        verbose_name = _("reporter")
        unique_together = [("story", "reporter")]


class StoryCorrection(Orderable):
    story = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="corrections")
    corrected_on = models.DateField(_("date of correction"))
    text = models.TextField(_("what was corrected"))

    panels = [FieldPanel("corrected_on"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")


class NewsPage(StoryPage):
    type_slug = import_name = "news"
    template = "pages/story_page.html"

    class Meta:
        verbose_name = _("news")
        verbose_name_plural = _("news")


def choice_label(choices, value):
    """The label of ``value`` among ``choices`` (a TextChoices), or the value itself, as
    Django's get_<field>_display shows a value that is not among the choices."""
    try:
        return choices(value).label
    except ValueError:
        return value


class LocalWisdomPage(StoryPage):
    type_slug = "local-wisdom"
    import_name = "local_wisdom"
    template = "pages/local_wisdom_page.html"

    class Practice(models.TextChoices):
        HERBAL_MEDICINE = "herbal-medicine", _("Herbal medicine")
        WEAVING_DYEING = "weaving-dyeing", _("Weaving and dyeing")
        FARMING = "farming", _("Farming")
        CRAFTS = "crafts", _("Crafts")
        FOOD = "food", _("Food")
        MUSIC_PERFORMANCE = "music-performance", _("Music and performance")
        RITUAL = "ritual", _("Ritual")
        OTHER = "other", _("Other")

    class ConsentMethod(models.TextChoices):
        WRITTEN = "written", _("Signed a written form")
        RECORDED = "recorded", _("Agreed on a sound or video recording")
        VERBAL = "verbal", _("Agreed by word, with a witness")

    class Licence(models.TextChoices):
        CC_BY = "cc-by-4.0", _("CC BY 4.0: anyone may reuse with credit")
        CC_BY_NC = "cc-by-nc-4.0", _("CC BY-NC 4.0: reuse with credit, not for sale")
        CC_BY_NC_ND = "cc-by-nc-nd-4.0", _("CC BY-NC-ND 4.0: share unchanged, not for sale")
        ALL_RIGHTS = "all-rights-reserved", _("All rights reserved: ask before reuse")

    holder_name = models.CharField(
        _("knowledge holder"),
        max_length=200,
        help_text=_("The name of the local sage (ปราชญ์ชาวบ้าน)."),
    )
    holder_role = models.CharField(
        _("role"), max_length=200, blank=True, help_text=_("For example: weaver, healer, teacher.")
    )
    holder_village = models.CharField(_("village or tambon"), max_length=200, blank=True)
    holder_district = models.CharField(
        _("district"), max_length=30, choices=District.choices, blank=True
    )
    practice = models.CharField(_("practice"), max_length=30, choices=Practice.choices)
    consent_given_by = models.CharField(
        _("consent given by"),
        max_length=200,
        blank=True,
        help_text=_("Who agreed to publish. Editors see this; readers never do."),
    )
    consent_date = models.DateField(_("consent date"), null=True, blank=True)
    consent_method = models.CharField(
        _("how consent was given"), max_length=20, choices=ConsentMethod.choices, blank=True
    )
    licence = models.CharField(
        _("reuse licence"), max_length=30, choices=Licence.choices, default=Licence.CC_BY_NC
    )

    content_panels = (
        StoryPage.content_panels[:5]
        + [
            MultiFieldPanel(
                [
                    FieldPanel("holder_name"),
                    FieldPanel("holder_role"),
                    FieldRowPanel([FieldPanel("holder_village"), FieldPanel("holder_district")]),
                    FieldPanel("practice"),
                    FieldPanel("licence"),
                ],
                heading=_("The knowledge and who holds it"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("consent_given_by"),
                    FieldRowPanel([FieldPanel("consent_date"), FieldPanel("consent_method")]),
                ],
                heading=_("Consent to publish (never shown to readers)"),
            ),
        ]
        + StoryPage.content_panels[5:]
    )
    search_fields = StoryPage.search_fields + [index.SearchField("holder_name")]
    # Who gave consent, when and how stays with the editors: no consent_* field is listed.
    api_fields = StoryPage.api_fields + [
        APIField("holder_name"),
        APIField("holder_role"),
        APIField("holder_village"),
        APIField("holder_district", serializer=api.ChoiceField(model_field="holder_district")),
        APIField("practice", serializer=api.ChoiceField(model_field="practice")),
        APIField("licence", serializer=api.ChoiceField(model_field="licence")),
    ]

    # Labels of the chosen values for the page's template. Django's get_<field>_display makes a
    # dictionary of every choice on each call (about 220 Python calls for the 17 districts).
    @property
    def holder_district_label(self):
        return choice_label(District, self.holder_district)

    @property
    def practice_label(self):
        return choice_label(self.Practice, self.practice)

    @property
    def licence_label(self):
        return choice_label(self.Licence, self.licence)

    class Meta:
        verbose_name = _("local-wisdom article")
        verbose_name_plural = _("local-wisdom articles")


class CultureStoryPage(StoryPage):
    type_slug = import_name = "culture"
    template = "pages/culture_story_page.html"
    tradition = models.CharField(
        _("tradition or festival"), max_length=200, help_text=_("For example: งานช้างสุรินทร์.")
    )
    occurs_on = models.DateField(
        _("date"), null=True, blank=True, help_text=_("If it happens on a fixed date.")
    )
    lunar_timing = models.CharField(
        _("when, in words"),
        max_length=200,
        blank=True,
        help_text=_("For example: the full moon of the 11th lunar month."),
    )
    place = models.CharField(_("where"), max_length=200, blank=True)

    content_panels = (
        StoryPage.content_panels[:5]
        + [
            MultiFieldPanel(
                [
                    FieldPanel("tradition"),
                    FieldRowPanel([FieldPanel("occurs_on"), FieldPanel("lunar_timing")]),
                    FieldPanel("place"),
                ],
                heading=_("The tradition"),
            ),
        ]
        + StoryPage.content_panels[5:]
    )
    search_fields = StoryPage.search_fields + [index.SearchField("tradition")]
    api_fields = StoryPage.api_fields + [
        APIField("tradition"),
        APIField("occurs_on"),
        APIField("lunar_timing"),
        APIField("place"),
    ]

    class Meta:
        verbose_name = _("culture story")
        verbose_name_plural = _("culture stories")


# What a story page lists beside its body, as the story's own relations give them: a preview
# holds the form's choices in memory; a served story reads all four in one query
# (news.models.story_lists, which tests/test_query_budgets.py compares with these).
STORY_LISTS = {
    "story_topics": lambda story: story.topics.all(),
    "story_tags": lambda story: story.tags.all(),
    "bylines": lambda story: story.bylines.select_related("reporter"),
    "corrections": lambda story: story.corrections.order_by("corrected_on", "sort_order"),
}
