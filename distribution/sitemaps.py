"""sitemap.xml for both languages with hreflang alternates, and a Google News sitemap.

Wagtail's Sitemap lists one site root's descendants. Here the Thai home is the site root and
the English home is its translation beside it, so the pages sitemap walks every language's
tree and links each page to its translations (xhtml:link), as search engines ask.

A large site is listed in parts of ``SITEMAP_PART_SIZE`` pages: /sitemap.xml is then a sitemap
index naming /sitemap-pages.xml, /sitemap-pages.xml?p=2 ... (a small site's /sitemap.xml stays
the list itself). Django's default of 50,000 addresses a part took seconds to render at 100,000
stories (bench/scale_bench.py); each part's latest change is one aggregate query, not a walk
over every page. The pages are counted once per request and a part's pages found by their keys
from the nearer end of the site (``KeysFirstPaginator``), so the last part costs what the first
does; the index distribution/migrations/0001 makes both index-only scans on PostgreSQL.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Max, Q
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import index as wagtail_sitemap_index
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap_view
from wagtail.models import Page

from core.pagination import KeysFirstPaginator
from networks.models import Network, NetworkIndexPage
from news.models import StoryPage

from .links import absolute_page_url

NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000  # Google News reads at most 1,000 URLs per news sitemap
SITEMAP_PART_SIZE = 500


def public_pages():
    return Page.objects.live().public()


class BilingualPagesSitemap(Sitemap):
    limit = SITEMAP_PART_SIZE

    @cached_property
    def pages(self):
        """Every language's tree (found once: the site's roots and the view restrictions are
        queries of their own)."""
        root = self.get_wagtail_site().root_page
        trees = Q()
        for language_root in [root, *root.get_translations()]:
            trees |= Page.objects.descendant_of_q(language_root, inclusive=True)
        return public_pages().filter(trees)

    def items(self):
        return self.pages.order_by("path").defer_streamfields().specific()

    @cached_property
    def paginator(self):
        """Counted once per request (Django's Sitemap makes a new Paginator, and counts again,
        each time it is read); a part's keys read from the nearer end of the site."""
        return KeysFirstPaginator(self._items(), self.limit, rows=self.pages.order_by("path"))

    def get_latest_lastmod(self):
        """For the sitemap index: one aggregate, not every page's lastmod (Django's default)."""
        return self.pages.aggregate(latest=Max("last_published_at"))["latest"]

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        alternates = self._alternates({item.translation_key for item in pages})
        urls, last_mods = [], set()
        for item in pages:
            versions = alternates.get(item.translation_key, [])
            site_url, request_url = (
                item.get_full_url(self.request),
                absolute_page_url(item, self.request),
            )
            for url_info in item.get_sitemap_urls(self.request):
                if not url_info.get("location"):
                    continue  # a page no site serves has no address to list
                if site_url and url_info["location"].startswith(site_url):
                    url_info["location"] = request_url + url_info["location"][len(site_url) :]
                if len(versions) > 1:
                    url_info["alternates"] = versions
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
            if isinstance(item, NetworkIndexPage):
                urls.extend(self._network_urls(item, request_url, versions))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    def _network_urls(self, index, index_url, index_versions):
        """One entry per member network page that the networks page serves below itself."""
        entries = []
        for network in Network.objects.only("slug"):
            suffix = index.reverse_subpage("network", kwargs={"slug": network.slug})
            alternates = [
                {"lang_code": v["lang_code"], "location": v["location"] + suffix}
                for v in index_versions
            ]
            entry = {"location": index_url + suffix}
            if len(alternates) > 1:
                entry["alternates"] = alternates
            entries.append(entry)
        return entries

    def _alternates(self, translation_keys):
        """translation_key -> hreflang entries of every live, public language version."""
        versions = {}
        for version in (
            public_pages()
            .filter(translation_key__in=translation_keys)
            .select_related("locale")
            .order_by("locale__language_code")
        ):
            versions.setdefault(version.translation_key, []).append(
                {
                    "lang_code": version.locale.language_code,
                    "location": absolute_page_url(version, self.request),
                }
            )
        default_language = settings.LANGUAGE_CODE
        for entries in versions.values():
            default = next((e for e in entries if e["lang_code"] == default_language), None)
            if default is not None and len(entries) > 1:
                entries.append({"lang_code": "x-default", "location": default["location"]})
        return versions


class NewsSitemap(Sitemap):
    """Stories of the last two days in Google News' format (news:news)."""

    limit = NEWS_LIMIT

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return StoryPage.objects.published().filter(first_published_at__gte=since)[:NEWS_LIMIT]

    def _urls(self, page, protocol, domain):
        urls = []
        for story in self.paginator.page(page).object_list:
            language = story.locale.language_code
            with translation.override(language):
                publication_name = _("Siang Chumchon")
            urls.append(
                {
                    "item": story,
                    "location": absolute_page_url(story, self.request),
                    "lastmod": story.last_published_at,
                    "language": language,
                    "publication_name": publication_name,
                }
            )
        return urls


def sitemap(request):
    """The list of pages, or, when they need more than one part, the index of the parts."""
    pages = BilingualPagesSitemap(request)
    if "p" not in request.GET and pages.paginator.num_pages > 1:
        return wagtail_sitemap_index(
            request, sitemaps={"pages": pages}, sitemap_url_name="sitemap_section"
        )
    return wagtail_sitemap_view(request, sitemaps={"pages": pages})


def sitemap_section(request, section):
    """One part of a large site's sitemap (/sitemap-pages.xml?p=N), named by the index."""
    return wagtail_sitemap_view(
        request, sitemaps={"pages": BilingualPagesSitemap(request)}, section=section
    )


def news_sitemap(request):
    return wagtail_sitemap_view(
        request,
        sitemaps={"news": NewsSitemap},
        template_name="distribution/news_sitemap.xml",
    )
