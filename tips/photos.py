"""A tip's photos: cleaned by the media library's one cleaner, kept in the private storage, and
copied into the media library when an editor uses one in a story."""

from django.core.files.base import ContentFile
from wagtail.images import get_image_model
from wagtail.models import Collection

from editorial.models import NetworkCollection
from media_library.image_safety import clean_image
from media_library.storage import refuse_when_full

from .models import TipPhoto
from .storage import tip_storage


def clean_photos(uploads):
    """The cleaned copies of ``uploads`` (no GPS, no device tags, upright, within the media
    library's limits); raises ValidationError with the reader's message for a refused file."""
    cleaned = []
    for upload in uploads:
        clean = clean_image(upload, upload.name)
        refuse_when_full(clean.size, tip_storage())
        cleaned.append(clean)
    return cleaned


def store_photos(tip, cleaned):
    """Writes the cleaned photos and their rows; if any fails, the files written are removed
    (the caller's transaction takes the rows back)."""
    written = []
    try:
        for order, clean in enumerate(cleaned):
            photo = TipPhoto(tip=tip, sort_order=order)
            # Named by the tip, not the phone: a phone's file name tells when it was taken.
            extension = clean.name.rsplit(".", 1)[-1]
            photo.file.save(f"{tip.pk}-{order + 1}.{extension}", clean, save=False)
            written.append(photo.file.name)
            photo.save()
    except BaseException:
        for name in written:
            tip_storage().delete(name)
        raise


def network_collection(network):
    link = NetworkCollection.objects.filter(network=network).select_related("collection").first()
    return link.collection if link else Collection.get_first_root_node()


def copy_to_media_library(photo, title, credit, user):
    """A Wagtail image in the tip's network's collection, made from the tip photo's bytes
    (cleaned again on the way in, as every image is)."""
    with photo.file.open("rb") as handle:
        data = handle.read()
    image = get_image_model()(
        title=title,
        collection=network_collection(photo.tip.network),
        uploaded_by_user=user,
        credit=credit,
    )
    image.file.save(photo.file.name.rsplit("/", 1)[-1], ContentFile(data), save=False)
    image.save()
    return image
