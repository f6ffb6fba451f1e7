"""The one optimised story queryset that pages, feeds, sitemaps and the API all reuse."""

import copy

from django.db.models import F, Prefetch, Q, Window
from django.db.models.functions import RowNumber
from wagtail.images import get_image_model

from media_library.renditions import all_picture_specs, filter_specs
from networks.models import Network

from .filters import filter_stories
from .models import STORY_TYPES, StoryByline, StoryIndexPage, StoryPage, TaggedStory


def published_stories(locale=None):
    """Live, public stories, newest first, with everything a listing shows prefetched."""
    stories = (
        StoryPage.objects.live()
        .public()
        .select_related("hero_image", "locale", "content_type")
        .prefetch_related(
            "networks",
            "topics",
            "tags",
            Prefetch(
                "bylines",
                queryset=StoryByline.objects.select_related("reporter").order_by("sort_order"),
            ),
        )
        .order_by("-first_published_at", "-pk")
    )
    if locale is not None:
        stories = stories.filter(locale=locale)
    return stories


# The renditions components/picture.html asks for (media_library.renditions keeps the list);
# prefetching exactly these lets a listing draw every card's image without one query per story.
LISTING_IMAGE_FILTERS = filter_specs("")


def with_hero_renditions(stories, filter_specs):
    """Prefetch these renditions of the hero images (Wagtail's prefetch_renditions, through the
    FK): the one place listings, feeds and the API ask for their photos' renditions."""
    rendition_model = get_image_model().get_rendition_model()
    return stories.prefetch_related(
        Prefetch(
            "hero_image__renditions",
            queryset=rendition_model.objects.filter(filter_spec__in=list(filter_specs)),
            to_attr="prefetched_renditions",
        )
    )


def with_listing_images(stories):
    """The renditions a story card draws."""
    return with_hero_renditions(stories, LISTING_IMAGE_FILTERS)


def listing_stories(locale, filters=None):
    """What every story listing shows: the shared queryset, filtered, with card images."""
    return with_listing_images(filter_stories(published_stories(locale), filters or {}))


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


def related_stories(story, networks, topics, tags, limit=4):
    """Newest stories sharing a network, topic or tag with ``story``, never the story itself.

    Subqueries on the link tables rather than joins: no duplicates, so no DISTINCT needed.
    """
    through_networks = StoryPage.networks.through
    through_topics = StoryPage.topics.through
    shared = Q(
        pk__in=through_networks.objects.filter(
            network_id__in=[network.pk for network in networks]
        ).values("storypage_id")
    )
    if topics:
        shared |= Q(
            pk__in=through_topics.objects.filter(
                topic_id__in=[topic.pk for topic in topics]
            ).values("storypage_id")
        )
    if tags:
        shared |= Q(
            pk__in=TaggedStory.objects.filter(tag_id__in=[tag.pk for tag in tags]).values(
                "content_object_id"
            )
        )
    return with_listing_images(
        published_stories(story.locale_id).filter(shared).exclude(pk=story.pk)
    )[:limit]


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
            storypage_id__in=published_stories(locale).values("pk"),
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
        for story in with_listing_images(published_stories(locale)).filter(pk__in=story_ids)
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


def body_images(body):
    """The image objects of a story body (image blocks and galleries), in order."""
    images = []
    for block in body:
        if block.block_type == "image" and block.value.get("image"):
            images.append(block.value["image"])
        elif block.block_type == "gallery":
            images.extend(item["image"] for item in block.value["images"] if item.get("image"))
    return images


def prefetch_image_renditions(images, filters=None):
    """One query for the renditions of many already-loaded images (hero and body images).

    Wagtail's prefetch_renditions works on image querysets; StreamField images are loaded by
    the block itself, so their renditions are attached here in the same way
    (``prefetched_renditions``), which Image.get_renditions() reads before any other lookup.
    """
    images = [image for image in images if image is not None]
    if not images:
        return
    filters = filters or all_picture_specs()
    rendition_model = get_image_model().get_rendition_model()
    by_image = {}
    for rendition in rendition_model.objects.filter(
        image_id__in={image.pk for image in images}, filter_spec__in=filters
    ):
        by_image.setdefault(rendition.image_id, []).append(rendition)
    for image in images:
        # Each image gets its own copies pointing back to it, as Django's prefetch would do;
        # otherwise reading a rendition's alt text loads its image again.
        image.prefetched_renditions = [copy.copy(r) for r in by_image.get(image.pk, [])]
        for rendition in image.prefetched_renditions:
            rendition.image = image
