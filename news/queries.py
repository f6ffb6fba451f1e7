"""The selections the home page and the network pages show, built on the story manager
(``StoryPage.objects.published``) and the listings' query (``news.models.filters.listing_stories``)."""

from django.db.models import F, Window
from django.db.models.functions import RowNumber

from networks.models import Network

from .models import STORY_TYPES, StoryIndexPage, StoryPage
from .models.filters import listing_stories


def network_page_stories(network_index_page, network, count=6):
    """A network page's newest stories in its language, and the address of its full listing."""
    story_index = StoryIndexPage.for_locale(network_index_page.locale_id)
    if story_index is None:
        return {}
    return {
        "story_index": story_index,
        "network_stories": list(
            listing_stories(network_index_page.locale_id, {"network": network})[:count]
        ),
        "network_listing_url": story_index.listing_url("network", network.slug),
    }


def newest_by_type(locale, exclude_ids=()):
    """The newest story of each type: one query per type, three in all, whatever the size."""
    newest = {}
    for slug in STORY_TYPES:
        story = listing_stories(locale, {"type": slug}).exclude(pk__in=list(exclude_ids)).first()
        if story is not None:
            newest[slug] = story
    return newest


def network_strips(locale, per_network=3, exclude_ids=()):
    """The newest few stories of each network, each story in at most one strip.

    One window query ranks every network's stories (a row per story and network), one query
    loads the chosen stories: the count of queries does not grow with the number of networks.
    """
    exclude_ids = set(exclude_ids)
    through = StoryPage.networks.through
    # Spare candidates per network, so a story already shown elsewhere can be skipped.
    candidates_per_network = per_network * 3
    ranked = (
        through.objects.filter(
            storypage_id__in=StoryPage.objects.published(locale).values("pk"),
        )
        .exclude(storypage_id__in=exclude_ids)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("network_id")],
                order_by=[
                    F("storypage__first_published_at").desc(),
                    F("storypage_id").desc(),
                ],
            )
        )
        .filter(rank__lte=candidates_per_network)
        .values_list("network_id", "storypage_id", "rank")
    )
    rows = sorted(ranked, key=lambda row: row[2])
    story_ids = {story_id for _network, story_id, _rank in rows}
    stories = {
        story.pk: story
        for story in StoryPage.objects.published(locale)
        .with_listing_images()
        .filter(pk__in=story_ids)
    }
    chosen = {}
    for network_id, story_id, _rank in rows:
        strip = chosen.setdefault(network_id, [])
        if story_id in exclude_ids or len(strip) >= per_network or story_id not in stories:
            continue
        strip.append(stories[story_id])
        exclude_ids.add(story_id)
    networks = Network.objects.filter(pk__in=[n for n, strip in chosen.items() if strip])
    return [(network, chosen[network.pk]) for network in networks]
