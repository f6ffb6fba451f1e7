"""Where a listing of stories lives, for feed links, breadcrumbs and author URLs.

The stories section (news.StoryIndexPage) may serve per-network, per-topic, per-tag and
per-reporter archives as routable sub-pages named after the taxonomy ("network", "topic",
"tag", "reporter"). When it does, links lead there; otherwise they fall back to the
section itself, then to the language's home page, so a link is never broken.
"""

from django.urls import NoReverseMatch

from home.models import HomePage
from news.models import StoryIndexPage


def story_index_for(locale):
    return StoryIndexPage.objects.live().public().filter(locale=locale).first()


def home_for(locale):
    return HomePage.objects.live().filter(locale=locale).first()


def listing_url(locale, kind=None, slug=None, request=None):
    """The URL (relative to the site) of a story listing, or None if the language has no home."""
    index = story_index_for(locale)
    if index is not None:
        url = index.get_url(request)
        if kind and slug and hasattr(index, "reverse_subpage"):
            try:
                return url + index.reverse_subpage(kind, kwargs={"slug": slug})
            except NoReverseMatch:
                pass
        return url
    home = home_for(locale)
    return home.get_url(request) if home is not None else None


def reporter_profile_url(reporter, locale, request=None, index=None):
    """A reporter's own archive page, if the stories section serves one.

    Pass the section (``index``) when linking several reporters, to look it up only once.
    """
    index = index or story_index_for(locale)
    if index is None or not hasattr(index, "reverse_subpage"):
        return None
    try:
        return index.get_url(request) + index.reverse_subpage(
            "reporter", kwargs={"slug": reporter.slug}
        )
    except NoReverseMatch:
        return None


def absolute_page_url(page, request):
    """The page's address on the host the reader used, as the hreflang links in base.html are.

    Site records keep one hostname; the request knows the one readers and crawlers actually
    reach, so canonical URLs, sitemaps and feeds agree with each other behind any proxy.
    """
    url = page.get_url(request)
    if url is None:
        return None
    return request.build_absolute_uri(url)
