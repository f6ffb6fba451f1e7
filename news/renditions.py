"""Pre-generates the renditions a story needs when it is published.

The task runs through django-tasks, as Wagtail's own background work does: inline with the
default backend, in a worker when a queue backend is configured. The sizes are
media_library.renditions'.
"""

from django.db import transaction
from django_tasks import task

from media_library.renditions import generate_renditions, specs_for_media

from .models import StoryPage


def specs_for_story(story):
    """{image: [filter spec, ...]} for every image the story shows."""
    return specs_for_media(story.hero_image, story.body)


@task()
def generate_story_renditions(page_id):
    story = StoryPage.objects.filter(pk=page_id).select_related("hero_image").first()
    if story is None:
        return 0
    return generate_renditions(story.hero_image, story.body)


def queue_story_renditions(sender, instance, **kwargs):
    """page_published receiver: queue the work once the publishing transaction commits."""
    if isinstance(instance, StoryPage):
        page_id = instance.pk
        transaction.on_commit(lambda: generate_story_renditions.enqueue(page_id))
