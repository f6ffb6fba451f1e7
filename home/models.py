"""The association's own pages: the home page, About, and the contact details in the footer."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from core.pages import BasePage
from networks.models import Network
from news.models import StoryIndexPage
from news.models.filters import listing_stories
from news.queries import network_strips, newest_by_type


def numbered_list_field(verbose_name):
    return StreamField(
        [("item", blocks.TextBlock(label=_("item")))],
        verbose_name=verbose_name,
        blank=True,
    )


class HomePage(BasePage):
    tagline = models.CharField(_("tagline"), max_length=255, blank=True)
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    lead_story = models.ForeignKey(
        "news.StoryPage",
        verbose_name=_("lead story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The story shown first and largest on the home page. Left empty, the newest story is."
        ),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("tagline"),
        FieldPanel("intro"),
        PageChooserPanel(
            "lead_story", ["news.NewsPage", "news.LocalWisdomPage", "news.CultureStoryPage"]
        ),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    parent_page_types = ["wagtailcore.Page"]
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["networks"] = Network.objects.all()
        context["about_page"] = AboutPage.objects.live().filter(locale=self.locale).first()
        context.update(self.story_sections())
        return context

    def story_sections(self):
        """The lead story, the newest of each type and a strip per network; none shown twice."""
        stories = listing_stories(self.locale_id)
        lead = None
        if self.lead_story_id:
            # An unpublished or other-language choice falls back to the newest story.
            lead = stories.filter(pk=self.lead_story_id).first()
        if lead is None:
            lead = stories.first()
        shown = {lead.pk} if lead else set()
        newest = newest_by_type(self.locale_id, exclude_ids=shown)
        shown.update(story.pk for story in newest.values())
        return {
            "lead_story": lead,
            "newest_by_type": list(newest.values()),
            "network_strips": network_strips(self.locale_id, exclude_ids=shown),
            "story_index": StoryIndexPage.for_locale(self.locale_id),
        }


class AboutPage(BasePage):
    history = RichTextField(_("history"), blank=True)
    vision = models.TextField(_("vision"), blank=True)
    philosophy = models.TextField(_("philosophy"), blank=True)
    objectives = numbered_list_field(_("objectives"))
    missions = numbered_list_field(_("missions"))
    policies = numbered_list_field(_("development policies"))
    structure = RichTextField(_("structure"), blank=True)
    board_size = models.PositiveSmallIntegerField(
        _("board members"), default=16, help_text=_("How many people sit on the board.")
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("history"),
        MultiFieldPanel([FieldPanel("vision"), FieldPanel("philosophy")], heading=_("Vision")),
        FieldPanel("objectives"),
        FieldPanel("missions"),
        FieldPanel("policies"),
        MultiFieldPanel(
            [FieldPanel("structure"), FieldPanel("board_size")], heading=_("Structure")
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("history"),
        index.SearchField("vision"),
        index.SearchField("philosophy"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "pages/about_page.html"

    class Meta:
        verbose_name = _("about page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        networks = Network.objects.all()
        context["networks"] = networks
        context["totals"] = networks.totals()
        return context


@register_setting(icon="mail")
class ContactSettings(BaseGenericSetting):
    address_th = models.TextField(_("address in Thai"), blank=True)
    address_en = models.TextField(_("address in English"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    facebook_url = models.URLField(_("Facebook page"), blank=True)

    panels = [
        FieldPanel("address_th"),
        FieldPanel("address_en"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("facebook_url"),
    ]

    class Meta:
        verbose_name = _("contact details")
