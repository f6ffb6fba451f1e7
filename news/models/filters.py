"""The one story filter: listings, feeds, the API and search narrow stories through it.

A reader's values (slugs from an address or a query parameter) are first checked by
``StoryFilterForm``; only values it accepts reach ``filter_stories``, so an unknown value is never
a database error. Each door decides what an unknown value means to its readers (a listing or a
feed is a 404, the API and search find nothing), but which stories match is decided here alone.
"""

from django import forms
from wagtail.models import Page

from networks.models import Network

from .districts import District
from .pages import StoryByline, StoryPage
from .queryset import StoryQuerySet
from .registry import STORY_TYPES
from .reporters import ReporterProfile
from .taxonomy import Tag, TaggedStory, Topic

FILTER_NAMES = ("type", "network", "topic", "tag", "district", "reporter")


class StoryFilterForm(forms.Form):
    type = forms.ChoiceField(required=False, choices=[(slug, slug) for slug in STORY_TYPES])
    network = forms.ModelChoiceField(
        required=False, queryset=Network.objects.all(), to_field_name="slug"
    )
    topic = forms.ModelChoiceField(
        required=False, queryset=Topic.objects.all(), to_field_name="slug"
    )
    tag = forms.ModelChoiceField(required=False, queryset=Tag.objects.all(), to_field_name="slug")
    district = forms.ChoiceField(required=False, choices=District.choices)
    reporter = forms.ModelChoiceField(
        required=False,
        queryset=ReporterProfile.objects.select_related("photo", "network"),
        to_field_name="slug",
    )


def known_filters(values):
    """{name: record or slug} for the given raw values, or None when any value is unknown."""
    form = StoryFilterForm({name: values.get(name, "") for name in FILTER_NAMES})
    if not form.is_valid():
        return None
    return {name: found for name, found in form.cleaned_data.items() if found}


def filter_stories(stories, filters):
    """Narrow a story queryset by filters ``known_filters`` accepted (records or known slugs).

    Apart from the type, each filter is a ``pk IN (subquery)`` on its own table (the link
    tables, the story table for the district): the same stories as a join, without
    duplicates, and it narrows a queryset of Wagtail's pages as well (``listing_rows``)."""
    if filters.get("type"):
        stories = stories.type(STORY_TYPES[filters["type"]])
    for name in FILTER_NAMES:
        if name != "type" and filters.get(name):
            stories = stories.filter(pk__in=_keys_of_stories_with(name, filters[name]))
    return stories


def _keys_of_stories_with(name, value):
    if name == "network":
        return StoryPage.networks.through.objects.filter(network=value).values("storypage_id")
    if name == "topic":
        return StoryPage.topics.through.objects.filter(topic=value).values("storypage_id")
    if name == "tag":
        return TaggedStory.objects.filter(tag=value).values("content_object_id")
    if name == "district":
        return StoryPage.objects.filter(district=value).values("pk")
    if name == "reporter":
        return StoryByline.objects.filter(reporter=value).values("story_id")
    raise ValueError(name)


def filter_by_story_pk(pages, filters):
    """The same narrowing as ``filter_stories``, as one ``pk IN (subquery)`` condition.

    For querysets that cannot take the filter's joins: a search backend accepts only filters on
    the fields ``search_fields`` declares (modelsearch checks every filtered column; the
    primary key always passes), and the API's page queryset may be of another page model.
    """
    return pages.filter(pk__in=filter_stories(StoryPage.objects.all(), filters).values("pk"))


def listing_stories(locale, filters=None):
    """What every story listing shows: the stories' cards, filtered, with their images."""
    return filter_stories(StoryPage.objects.cards(locale), filters or {}).with_listing_images()


def listing_rows(locale, filters=None):
    """The stories ``listing_stories`` lists, in its order, as rows of Wagtail's page table
    alone: what a listing counts and reads a page's keys from (``core.pagination.KeysFirstPaginator``).

    Everything a listing always asks (live, language, story type, no private section) is a
    column of the page table, and news_live_story_listing_order carries them on PostgreSQL: an
    index-only scan, with no join to the story table for each of 80,000 stories (at 100,000
    stories that join was most of a listing's time). Other filters narrow by primary key."""
    filters = filters or {}
    # The stories' own "no private section" condition, which reads only the page table.
    rows = StoryQuerySet(Page).live().public_in_one_query().filter(locale=locale)
    if not filters.get("type"):
        rows = rows.type(StoryPage)
    return filter_stories(rows, filters).order_by("-first_published_at", "-pk")
