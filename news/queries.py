"""The selections the home page and the network pages show, built on the story manager
(``StoryPage.objects.published``) and the listings' query (``news.models.filters.listing_stories``)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, F, When, Window
from django.db.models.functions import RowNumber

from core.compiled_queries import evaluate
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


def home_stories(locale, lead_story_id=None, per_network=3, networks=None):
    """The home page's stories: the lead, the newest of each type, a strip per network; none
    shown twice. Three queries find which stories (the lead, the newest of each type, each
    network's newest), one more loads them all as cards (with their networks and photos' renditions):
    six queries whatever the number of types, networks and stories.

    ``lead_story_id`` is the editors' choice; an unpublished or other-language choice falls
    back to the newest story. ``networks`` (already loaded, in their order) name the strips.
    """
    lead_id = next(iter(evaluate("home: lead", _lead_story_id, locale, lead_story_id or 0)), None)
    shown = {lead_id} if lead_id else set()
    newest_ids = _newest_ids_by_type(locale, exclude_ids=shown)
    shown.update(newest_ids)
    strip_rows = _network_strip_rows(locale, per_network, exclude_ids=shown)
    wanted = shown | {story_id for _network, story_id, _rank in strip_rows}
    stories = (
        {story.pk: story for story in evaluate("home: cards", _cards, locale, sorted(wanted))}
        if wanted
        else {}
    )
    chosen = {}
    for network_id, story_id, _rank in strip_rows:
        strip = chosen.setdefault(network_id, [])
        if story_id in shown or len(strip) >= per_network or story_id not in stories:
            continue
        strip.append(stories[story_id])
        shown.add(story_id)
    networks = networks if networks is not None else Network.objects.all()
    return {
        "lead_story": stories.get(lead_id),
        "newest_by_type": [stories[pk] for pk in newest_ids if pk in stories],
        "network_strips": [
            (network, chosen[network.pk]) for network in networks if chosen.get(network.pk)
        ],
    }


def _candidates(locale):
    return StoryPage.objects.cards(locale).prefetch_related(None)


def _lead_story_id(locale, lead_story_id):
    """The editors' lead story if it is a live story of this language, else the newest."""
    lead_first = Case(When(pk=lead_story_id, then=0), default=1)
    return (
        _candidates(locale)
        .order_by(lead_first, "-first_published_at", "-pk")
        .values_list("pk", flat=True)[:1]
    )


def _cards(locale, story_ids):
    return listing_stories(locale).filter(pk__in=story_ids)


def _newest_ids_by_type(locale, exclude_ids=()):
    """The newest story of each type (in STORY_TYPES' order), ranked in one query."""
    ranked = evaluate("home: newest by type", _ranked_by_type, locale, sorted(exclude_ids))
    by_type = dict(ranked)
    order = [
        ContentType.objects.get_for_model(model, for_concrete_model=False).pk
        for model in STORY_TYPES.values()
    ]
    return [by_type[content_type] for content_type in order if content_type in by_type]


def _ranked_by_type(locale, exclude_ids):
    return (
        _candidates(locale)
        .exclude(pk__in=exclude_ids)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("content_type_id")],
                order_by=[F("first_published_at").desc(), F("pk").desc()],
            )
        )
        .filter(rank=1)
        .values_list("content_type_id", "pk")
    )


def _network_strip_rows(locale, per_network, exclude_ids=()):
    """(network, story, rank) of each network's newest stories, in one window query.

    A row per story and network; spare candidates per network, so a story already shown
    elsewhere can be skipped.
    """
    ranked = evaluate(
        "home: network strips",
        _ranked_by_network,
        locale,
        per_network * 3,
        sorted(exclude_ids),
    )
    return sorted(ranked, key=lambda row: row[2])


def _ranked_by_network(locale, candidates_per_network, exclude_ids):
    return (
        StoryPage.networks.through.objects.filter(
            storypage_id__in=_candidates(locale).values("pk"),
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
