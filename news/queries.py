"""The one optimised story queryset that pages, feeds, sitemaps and the API all reuse."""

from django.db.models import Prefetch

from .models import StoryByline, StoryPage


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
