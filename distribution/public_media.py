"""Which images and documents the public may list: those a reader already sees on the site.

Wagtail's API lists every image and document outside a restricted collection, so a reporter's
upload for a draft (or a photo nobody used) is public, original file and all, before any editor
published it. Public media listings here keep only what live, public pages use, as Wagtail's
reference index (``ReferenceIndex``, updated whenever a page is saved or published) records it
from the pages' rows, which hold what is live:

* images and documents a live public page refers to (hero image, body images and galleries,
  attachments, links in rich text);
* posters of the videos and recordings such a page plays;
* photos of the reporters in such a story's byline (shown on their public archive);
* member networks' logos, while a live public networks page shows them.

Each function takes a queryset and narrows it, so one query answers however much media there is.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import BigIntegerField, CharField, Q
from django.db.models.functions import Cast
from wagtail.models import Page, ReferenceIndex

from media_library.models import MediaItem
from networks.models import Network, NetworkIndexPage
from news.models import StoryByline


def live_public_pages():
    return Page.objects.live().public()


def _referenced_by_live_public_pages(model):
    """Primary keys of ``model`` objects that live public pages refer to (a subquery)."""
    page_ids = live_public_pages().annotate(id_text=Cast("pk", CharField())).values("id_text")
    return (
        ReferenceIndex.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=page_ids,
            to_content_type=ContentType.objects.get_for_model(model),
        )
        .annotate(target_id=Cast("to_object_id", BigIntegerField()))
        .values("target_id")
    )


def publicly_used_images(images):
    media_items = MediaItem.objects.filter(pk__in=_referenced_by_live_public_pages(MediaItem))
    reporters_photos = StoryByline.objects.filter(
        story__in=live_public_pages(), reporter__photo__isnull=False
    ).values("reporter__photo")
    used = (
        Q(pk__in=_referenced_by_live_public_pages(images.model))
        | Q(pk__in=media_items.filter(poster__isnull=False).values("poster"))
        | Q(pk__in=reporters_photos)
    )
    if NetworkIndexPage.objects.live().public().exists():
        used |= Q(pk__in=Network.objects.filter(logo__isnull=False).values("logo"))
    return images.filter(used)


def publicly_used_documents(documents):
    return documents.filter(pk__in=_referenced_by_live_public_pages(documents.model))
