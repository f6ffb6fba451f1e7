"""The stories section: the page every story lives under, serving every story listing."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from core.page_addresses import KeptSubpageAddresses
from core.pages import BasePage

from .listing import render_listing


class StoryIndexPage(KeptSubpageAddresses, RoutablePageMixin, BasePage):
    """The stories section: every story lives below it, and it serves every story listing.

    Listings are sub-pages (``reverse_subpage`` builds their addresses): all stories, then one
    per story type, network, topic, tag, district and reporter. Query parameters narrow any
    of them further (?type=news&network=youth&topic=health); the logic is in listing.py.
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage", "news.LocalWisdomPage", "news.CultureStoryPage"]
    max_count_per_parent = 1
    template = "pages/story_index_page.html"

    class Meta:
        verbose_name = _("stories section")

    @classmethod
    def for_locale(cls, locale):
        return cls.objects.live().filter(locale=locale).first()

    def listing_url(self, kind, value, request=None):
        """The address of one listing, e.g. listing_url("topic", "health").

        Pass the reader's request where there is one: the site's root paths are then looked
        up once for the whole page rather than once per section object."""
        return self.get_url(request) + self.reverse_subpage(kind, kwargs={"slug": value})

    def _listing(self, request, kind=None, value=None):
        return render_listing(self, request, kind, value)

    @path("")
    def all_stories(self, request):
        return self._listing(request)

    @path("type/<str:slug>/", name="type")
    def by_type(self, request, slug):
        return self._listing(request, "type", slug)

    @path("network/<str:slug>/", name="network")
    def by_network(self, request, slug):
        return self._listing(request, "network", slug)

    @path("topic/<str:slug>/", name="topic")
    def by_topic(self, request, slug):
        return self._listing(request, "topic", slug)

    @path("tag/<str:slug>/", name="tag")
    def by_tag(self, request, slug):
        return self._listing(request, "tag", slug)

    @path("district/<str:slug>/", name="district")
    def by_district(self, request, slug):
        return self._listing(request, "district", slug)

    @path("reporter/<str:slug>/", name="reporter")
    def by_reporter(self, request, slug):
        return self._listing(request, "reporter", slug)
