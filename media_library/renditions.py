"""Pre-generates the renditions a story needs when it is published.

Without this the first reader of a new story waits while the server resizes and encodes every
photo in three formats and three widths (AVIF encoding is the slow part: about half a second per
rendition). The task runs through django-tasks, as Wagtail's own background work does: inline
with the default backend, in a worker when a queue backend is configured.
"""

from django.db import transaction
from django_tasks import task

from .story_media import story_images

FORMATS = ("avif", "webp", "jpeg")
# Must match templates/components/picture.html.
RESIZE_RULES = {
    "": ("width-400", "width-800", "width-1200"),
    "wide": ("fill-400x225", "fill-800x450", "fill-1200x675"),
    "landscape": ("fill-400x300", "fill-800x600"),
}
CROPS_FOR_ROLE = {
    "hero": ("", "wide"),  # the story itself, and cards in listings
    "image": ("",),
    "gallery": ("landscape",),
    "poster": (),
}


def filter_specs(crop=""):
    # The {% picture %} tag names its filters format first; the same string finds the rendition.
    return [f"format-{fmt}|{rule}" for rule in RESIZE_RULES[crop] for fmt in FORMATS]


def all_picture_specs():
    """Every rendition components/picture.html can ask for, whatever the crop."""
    return [spec for crop in RESIZE_RULES for spec in filter_specs(crop)]


def specs_for_story(story):
    """{image: [filter spec, ...]} for every image the story shows."""
    wanted = {}
    for image, role in story_images(story.hero_image, story.body):
        specs = wanted.setdefault(image, [])
        for crop in CROPS_FOR_ROLE[role]:
            specs.extend(spec for spec in filter_specs(crop) if spec not in specs)
        if role == "poster":
            specs.append("width-1200|format-jpeg")
    return wanted


@task()
def generate_story_renditions(page_id):
    from news.models import StoryPage

    story = StoryPage.objects.filter(pk=page_id).select_related("hero_image").first()
    if story is None:
        return 0
    created = 0
    for image, specs in specs_for_story(story).items():
        created += len(image.get_renditions(*specs))
    return created


def queue_story_renditions(sender, instance, **kwargs):
    """page_published receiver: queue the work once the publishing transaction commits."""
    from news.models import StoryPage

    if isinstance(instance, StoryPage):
        page_id = instance.pk
        transaction.on_commit(lambda: generate_story_renditions.enqueue(page_id))
