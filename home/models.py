"""The association's own pages: the home page, About, and the contact details in the footer."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from networks.models import Network

from .base_page import BasePage


def numbered_list_field(verbose_name):
    return StreamField(
        [("item", blocks.TextBlock(label=_("item")))],
        verbose_name=verbose_name,
        blank=True,
    )


class HomePage(BasePage):
    tagline = models.CharField(_("tagline"), max_length=255, blank=True)
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("tagline"), FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    parent_page_types = ["wagtailcore.Page"]
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["networks"] = Network.objects.all()
        context["about_page"] = AboutPage.objects.live().filter(locale=self.locale).first()
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
