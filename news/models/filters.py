"""The one story filter: listings, feeds, the API and search narrow stories through it.

A reader's values (slugs from an address or a query parameter) are first checked by
``StoryFilterForm``; only values it accepts reach ``filter_stories``, so an unknown value is never
a database error. Each door decides what an unknown value means to its readers (a listing or a
feed is a 404, the API and search find nothing), but which stories match is decided here alone.
"""

from django import forms

from networks.models import Network

from .districts import District
from .pages import StoryPage
from .registry import STORY_TYPES
from .reporters import ReporterProfile
from .taxonomy import Tag, Topic

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
    """Narrow a story queryset by filters ``known_filters`` accepted (records or known slugs)."""
    if filters.get("type"):
        stories = stories.type(STORY_TYPES[filters["type"]])
    if filters.get("network"):
        stories = stories.filter(networks=filters["network"])
    if filters.get("topic"):
        stories = stories.filter(topics=filters["topic"])
    if filters.get("tag"):
        stories = stories.filter(tagged_items__tag=filters["tag"])
    if filters.get("district"):
        stories = stories.filter(district=filters["district"])
    if filters.get("reporter"):
        stories = stories.filter(bylines__reporter=filters["reporter"])
    return stories


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
