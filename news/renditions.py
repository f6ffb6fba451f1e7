"""Makes the renditions a story needs once it is published, and purges the pages showing
its photos from the frontend cache when renditions they lacked are ready.

Publishing only queues the task (it runs in the worker; inline under django-tasks' immediate
backend, as in tests); until it has run, readers see the small copy made at upload
(media_library.renditions). The sizes are media_library.renditions'; the Open Graph card and
the feeds' photo are news.portable's, registered with the media library in NewsConfig.ready.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django_tasks import task
from wagtail.models import Page, ReferenceIndex

from media_library.renditions import (
    RENDITIONS_PRIORITY,
    also_make,
    make_missing_renditions,
    specs_for_media,
)
from media_library.story_media import story_audio
from page_cache.purging import invalidate

from .models import StoryPage
from .portable import HERO_FILTER, PODCAST_COVER_FILTER, SOCIAL_FILTER


def specs_for_story(story):
    """{image: [filter spec, ...]} for every image the story shows, the podcast feeds' cover of
    its episode included when it has a sound recording."""
    wanted = specs_for_media(story.hero_image, story.body)
    if story.hero_image is not None:
        wanted[story.hero_image].extend((SOCIAL_FILTER, HERO_FILTER))
    episode_image = episode_picture(story)
    if episode_image is not None:
        wanted.setdefault(episode_image, []).append(PODCAST_COVER_FILTER)
    return wanted


def episode_picture(story, audio=None):
    """The picture of the story's podcast episode: its first recording's poster, else the
    story's photo; None without a recording (distribution.podcast reads the same). ``audio``:
    that first recording, when the caller has read it already."""
    audio = audio or next(story_audio(story.body), None)
    if audio is None:
        return None
    return audio.poster or story.hero_image


def register_story_specs():
    """NewsConfig.ready: every photo's background set includes the feeds' photo, and its upload
    makes the Open Graph card, which every story page's head reads directly."""
    also_make(SOCIAL_FILTER, at_upload=True)
    also_make(HERO_FILTER)


def purge_pages(pages):
    """Pages showing a photo whose renditions are now made leave the caches: the app's page
    cache at once (all of it), and the reverse proxy's copies of ``pages`` (the story and its
    section); page_cache.purging.invalidate, the one way anything leaves the caches."""
    invalidate(pages=pages)


def pages_showing(stories):
    """The stories and the section pages that list them (their parents)."""
    pages = {}
    for story in stories:
        pages[story.pk] = story
        parent = story.get_parent()
        if parent is not None and parent.depth > 1:
            pages[parent.pk] = parent.specific_deferred
    return list(pages.values())


def live_stories_showing(image):
    """Live stories whose hero or body shows ``image``: heroes by their key, body photos
    through Wagtail's reference index (which may still be catching up on a hero)."""
    page_type = ContentType.objects.get_for_model(Page)
    references = ReferenceIndex.get_references_to(image).filter(base_content_type=page_type)
    page_ids = {int(object_id) for object_id in references.values_list("object_id", flat=True)}
    return list(StoryPage.objects.live().filter(Q(hero_image=image) | Q(pk__in=page_ids)))


@task(priority=RENDITIONS_PRIORITY)
def generate_story_renditions(page_id):
    story = StoryPage.objects.filter(pk=page_id).select_related("hero_image").first()
    if story is None:
        return 0
    made = sum(
        make_missing_renditions(image, specs) for image, specs in specs_for_story(story).items()
    )
    if made and story.live:
        purge_pages(pages_showing([story]))
    return made


def queue_story_renditions(sender, instance, **kwargs):
    """page_published receiver: queue the work once the publishing transaction commits."""
    if isinstance(instance, StoryPage):
        page_id = instance.pk
        transaction.on_commit(lambda: generate_story_renditions.enqueue(page_id))


def purge_pages_showing_image(sender, image, **kwargs):
    """media_library.renditions.renditions_ready receiver (after the upload task)."""
    stories = live_stories_showing(image)
    if stories:
        purge_pages(pages_showing(stories))
