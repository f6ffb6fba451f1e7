"""The story listings StoryIndexPage serves: filters validated by a form before any .filter().

Every listing (all stories, one type, network, topic, tag, district or reporter) is the same view
with one filter fixed by the address; query parameters may add the others
(?type=news&network=youth&topic=health). An unknown value in the address or in a parameter is a
404, never a 500. A page number that is not a number or out of range shows the nearest page.

At 100,000 stories (bench/scale_bench.py) a page deep in a listing is found without dragging
every story before it through the query's joins: ``StoryPaginator`` first reads the page's
primary keys alone (an index scan on ``news_live_story_listing_order``), from whichever end of
the listing is nearer, so the last page costs what the first does; then it loads those twelve
stories with everything a card shows.
"""

from django.core.paginator import Paginator
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .districts import District
from .filters import FILTER_NAMES, known_filters, listing_stories
from .registry import STORY_TYPES

STORIES_PER_PAGE = 12


class StoryPaginator(Paginator):
    """Django's Paginator (same pages, numbers and ``?page=N`` addresses) for an ordered story
    queryset, fetching a page by its primary keys first, from the nearer end."""

    @cached_property
    def count(self):
        # One COUNT over the listing's conditions, without its prefetches and ordering.
        return self.object_list.order_by().count()

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = self.object_list.prefetch_related(None).values_list("pk", flat=True)
        if bottom > self.count - top:
            # Past the middle: counted from the end, in reverse, then put back in order.
            pks = list(keys.reverse()[self.count - top : self.count - bottom])[::-1]
        else:
            pks = list(keys[bottom:top])
        found = {story.pk: story for story in self.object_list.filter(pk__in=pks)}
        return self._get_page([found[pk] for pk in pks if pk in found], number, self)


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

    paginator = StoryPaginator(listing_stories(index.locale, filters), STORIES_PER_PAGE)
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
