"""The association's member networks: the records every story is tagged with."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Sum
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.images import get_image_model_string
from wagtail.search import index

from core.page_addresses import KeptSubpageAddresses
from core.pages import BasePage
from thai_text.language import current_language, is_english
from thai_text.slugs import unique_slug, validate_thai_slug

from .page_sections import network_page_context


class NetworkQuerySet(models.QuerySet):
    def totals(self):
        return self.aggregate(
            organisations=Sum("organisation_count", default=0),
            members=Sum("member_count", default=0),
        )


class Network(index.Indexed, models.Model):
    class Unit(models.TextChoices):
        ORGANISATIONS = "organisations", _("organisations")
        CENTRES = "centres", _("centres")

    slug = models.CharField(
        _("slug"),
        max_length=80,
        unique=True,
        blank=True,
        validators=[validate_thai_slug],
        help_text=_(
            "The network's stable identifier in web addresses, imports and the API. "
            "Left empty, it is made from the Thai name."
        ),
    )
    name_th = models.CharField(_("name in Thai"), max_length=255)
    name_en = models.CharField(_("name in English"), max_length=255)
    description_th = models.TextField(_("description in Thai"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    organisation_count = models.PositiveIntegerField(_("member organisations"), default=0)
    organisation_unit = models.CharField(
        _("counted as"),
        max_length=20,
        choices=Unit.choices,
        default=Unit.ORGANISATIONS,
        help_text=_("The district network counts coordination centres, not organisations."),
    )
    member_count = models.PositiveIntegerField(_("members"), default=0)
    colour = models.CharField(
        _("colour"),
        max_length=7,
        blank=True,
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a colour such as #1f6f4a."))],
    )
    logo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = NetworkQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("name_th"), FieldPanel("name_en"), FieldPanel("slug")], heading=_("Name")
        ),
        FieldPanel("description_th"),
        FieldPanel("description_en"),
        FieldRowPanel(
            [
                FieldPanel("organisation_count"),
                FieldPanel("organisation_unit"),
                FieldPanel("member_count"),
            ],
            heading=_("Figures"),
        ),
        FieldRowPanel([FieldPanel("colour"), FieldPanel("sort_order")]),
        FieldPanel("logo"),
    ]

    search_fields = [
        index.SearchField("name_th"),
        index.SearchField("name_en"),
        index.AutocompleteField("name_th"),
        index.AutocompleteField("name_en"),
        index.SearchField("description_th"),
        index.SearchField("description_en"),
        index.FilterField("slug"),
    ]

    class Meta:
        ordering = ["sort_order", "name_en"]
        verbose_name = _("member network")
        verbose_name_plural = _("member networks")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.clean()
        super().save(*args, **kwargs)

    @property
    def name(self):
        return self.name_en if is_english() else self.name_th

    @property
    def description(self):
        if is_english():
            return self.description_en or self.description_th
        return self.description_th or self.description_en

    def clean(self):
        if not self.slug:
            self.slug = unique_slug(self, self.name_th or self.name_en, fallback="network")

    def get_url(self, locale_code=None):
        """The network's public page in the given (or the current) language, if the site has one."""
        index_page = NetworkIndexPage.for_language(locale_code or current_language())
        if index_page is None:
            return None
        return index_page.url + index_page.reverse_subpage("network", kwargs={"slug": self.slug})

    @property
    def url(self):
        return self.get_url()


class NetworkIndexPage(KeptSubpageAddresses, RoutablePageMixin, BasePage):
    """Lists the member networks and serves one page per network at <index>/<slug>/."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "pages/network_index_page.html"

    class Meta:
        verbose_name = _("member networks page")

    @classmethod
    def for_language(cls, language_code):
        code = (language_code or current_language()).split("-")[0]
        return cls.objects.live().filter(locale__language_code=code).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        networks = Network.objects.select_related("logo")
        context["networks"] = networks
        context["totals"] = networks.totals()
        return context

    @path("")
    def network_list(self, request):
        return self.render(request)

    @path("<str:slug>/", name="network")
    def network_detail(self, request, slug):
        network = Network.objects.filter(slug=slug).select_related("logo").first()
        if network is None:
            raise Http404(_("There is no member network with that name."))
        return self.render(
            request,
            context_overrides={
                "network": network,
                "page_title": network.name,
                **network_page_context(self, network),
            },
            template="pages/network_page.html",
        )
