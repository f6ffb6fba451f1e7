"""The story listings StoryIndexPage serves: filters validated by a form before any .filter().

Every listing (all stories, one type, network, topic, tag, district or reporter) is the same view
with one filter fixed by the address; query parameters may add the others
(?type=news&network=youth&topic=health). An unknown value in the address or in a parameter is a
404, never a 500. A page number that is not a number or out of range shows the nearest page.

At 100,000 stories (bench/scale_bench.py) a listing is counted and paged through from
Wagtail's page table alone (``listing_rows``: an index-only scan of
``news_live_story_listing_order``, no join with the story table): ``KeysFirstPaginator`` reads
a page's primary keys from whichever end of the listing is nearer, so the last page costs what
the first does, then loads those twelve stories with everything a card shows.
"""

from django.http import Http404
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.pagination import KeysFirstPaginator

from .districts import District
from .filters import FILTER_NAMES, known_filters, listing_rows, listing_stories
from .registry import STORY_TYPES

STORIES_PER_PAGE = 12


def page_number(raw, num_pages):
    """The nearest valid page: 'abc' → 1, -1 → 1, 999 → the last page."""
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), max(num_pages, 1))


def listing_title(kind, filters):
    value = filters.get(kind)
    if kind == "type":
        return capfirst(STORY_TYPES[value]._meta.verbose_name_plural)
    if kind == "district":
        return _("District: %(name)s") % {"name": District(value).label}
    if kind == "network":
        return value.name
    if kind == "topic":
        return _("Topic: %(name)s") % {"name": value.name}
    if kind == "tag":
        return _("Tag: %(name)s") % {"name": value.name}
    if kind == "reporter":
        return value.display_name
    return None


def render_listing(index, request, kind=None, value=None):
    data = {name: request.GET.get(name, "") for name in FILTER_NAMES}
    if kind is not None:
        data[kind] = value
    filters = known_filters(data)
    if filters is None:
        raise Http404(_("There is nothing to list under that name."))

    paginator = KeysFirstPaginator(
        listing_stories(index.locale, filters),
        STORIES_PER_PAGE,
        rows=listing_rows(index.locale, filters),
    )
    stories = paginator.page(page_number(request.GET.get("page"), paginator.num_pages))

    title = listing_title(kind, filters) if kind else None
    context = {
        "stories": stories,
        "paginator": paginator,
        "filters": filters,
        "listing_kind": kind,
        "page_title": title or index.title,
        "listing_title": title,
        "reporter": filters.get("reporter") if kind == "reporter" else None,
        "network": filters.get("network") if kind == "network" else None,
        "story_index": index,
    }
    return index.render(request, context_overrides=context)
