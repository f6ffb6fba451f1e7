"""The association's own pages: the home page, About, and the contact details in the footer."""

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Site
from wagtail.search import index

from core import every_page_entries
from core.compiled_queries import evaluate
from core.pages import BasePage
from core.site_sections import site_sections
from networks.models import Network
from news.models import StoryIndexPage
from news.queries import home_stories


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
        """The home page's sections in a fixed number of queries (news.queries.home_stories);
        the About page and the stories section come from the pages loaded once per request."""
        context = super().get_context(request, *args, **kwargs)
        networks = evaluate("all networks", Network.objects.all)
        sections = site_sections(request)
        language = self.locale.language_code
        context["networks"] = networks
        context["about_page"] = sections.section(language, AboutPage)
        context["story_index"] = sections.section(language, StoryIndexPage)
        context.update(
            home_stories(self.locale_id, lead_story_id=self.lead_story_id, networks=networks)
        )
        return context


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

    @classmethod
    def load(cls, request_or_site=None):
        """Wagtail's ``load`` (kept on the request), with the row also kept in the cache between
        requests: every page's footer shows it, and it changes only when an editor saves it."""
        attribute = cls.get_cache_attr_name()
        if request_or_site is not None and hasattr(request_or_site, attribute):
            return getattr(request_or_site, attribute)
        request = None if isinstance(request_or_site, Site) else request_or_site
        contact = every_page_entries.read(CONTACT_CACHE_KEY, request)
        if contact is None:
            contact = super().load(request_or_site)
            every_page_entries.write(CONTACT_CACHE_KEY, contact, CONTACT_CACHE_SECONDS)
        elif request_or_site is not None and not isinstance(request_or_site, Site):
            setattr(request_or_site, attribute, contact)
        return contact

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        forget_contact_settings()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        forget_contact_settings()
        return result


CONTACT_CACHE_KEY = every_page_entries.read_on_every_page("siang:contact-settings")
CONTACT_CACHE_SECONDS = 24 * 60 * 60


def forget_contact_settings():
    every_page_entries.forget(CONTACT_CACHE_KEY)
    # Again once the change is committed: a page rendered meanwhile may have cached the old row.
    transaction.on_commit(lambda: every_page_entries.forget(CONTACT_CACHE_KEY))
