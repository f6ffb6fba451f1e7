"""The rendition sizes the site uses, and making them before any reader asks for them.

A rendition made inside a reader's request makes that reader wait (AVIF encoding is the slow
part: about half a second per small rendition, three seconds at 1200 pixels), so none is.
When a photo's original is stored (``CustomImage.save``, every door) one small copy is made at
once and the full set is queued as a low-priority task; ``news.renditions`` queues the sizes a
story needs when it is published. Until the set exists, ``{% sized_picture %}`` draws the small
copy and queues the missing ones, and the pages showing the photo are purged from the frontend
cache once they are made (``renditions_ready``, which news answers).
"""

from functools import lru_cache

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.dispatch import Signal, receiver
from django.forms.utils import flatatt
from django.test.signals import setting_changed
from django.utils.safestring import mark_safe
from django_tasks import task
from wagtail.images import get_image_model
from wagtail.images.models import Filter, Picture

from core.compiled_queries import evaluate, padded
from core.kept_answers import KeptAnswers

from .story_media import story_images

FORMATS = ("avif", "webp", "jpeg")
# The one list of sizes: components/picture.html draws through {% sized_picture %}, which reads it.
# 1000 px: what a 360-pixel phone with a 3x screen asks for (issue 11's page weight: Chromium
# takes the first width at least as dense as the screen, and 1200 px of a phone photo in AVIF
# is about 100 KB against a budget of 80).
RESIZE_RULES = {
    "": ("width-400", "width-800", "width-1000", "width-1200"),
    "wide": ("fill-400x225", "fill-800x450", "fill-1200x675"),
    "landscape": ("fill-400x300", "fill-800x600"),
}
# The sizes attribute of a photo in the page's one column (46rem wide on a laptop; on a phone
# the screen less main's 1rem padding each side, so a phone asks for the width it shows): what
# {% sized_picture %} puts on a photo given no sizes of its own.
COLUMN_SIZES = "(min-width: 48rem) 46rem, calc(100vw - 2rem)"
CROPS_FOR_ROLE = {
    "hero": ("", "wide"),  # the story itself, and cards in listings
    "image": ("",),
    "gallery": ("landscape",),
    "poster": (),
}
# A video's poster, drawn before it plays (components/blocks/video_block.html).
POSTER_SPEC = "width-1200|format-jpeg"
# What readers see while the full set is being made: wide enough for a phone screen, about
# 35 KB for a phone photo, and JPEG because every browser draws it. Made at upload in about
# 0.2 s for a 12-megapixel photo (docs/media.md).
SMALL_COPY_SPEC = "width-480|format-jpeg|jpegquality-60"
# Queued work below everything a person waits for (django-tasks: higher runs first). The
# site's BACKGROUND_TASK_PRIORITIES (background.priorities) wins where it names the task; this is
# the number it says for renditions, so the task is low wherever it is queued.
RENDITIONS_PRIORITY = -50
# A reader's page queues an image's missing renditions at most once in this many seconds.
QUEUE_AGAIN_AFTER = 300

# Sent with ``image`` once a task has made renditions that were missing, so the pages showing
# the photo can be purged from the frontend cache (news connects to it).
renditions_ready = Signal()

_made_at_upload = [SMALL_COPY_SPEC]
_made_in_background = []


def also_make(*specs, at_upload=False):
    """Registers renditions another app reads for every image (news: the Open Graph card), so
    they are made with the rest; ``at_upload`` makes them beside the small copy, for a rendition
    a page's head reads directly instead of through {% sized_picture %}."""
    target = _made_at_upload if at_upload else _made_in_background
    target.extend(spec for spec in specs if spec not in target)


def filter_specs(crop=""):
    # Format first, as Wagtail's {% picture %} names them: the same string finds the rendition.
    return [f"format-{fmt}|{rule}" for rule in RESIZE_RULES[crop] for fmt in FORMATS]


def drawn_specs(crop=""):
    """The renditions components/picture.html may draw for this crop: its sizes, or the small
    copy while they are being made. A listing prefetches these."""
    return [*filter_specs(crop), SMALL_COPY_SPEC]


def all_picture_specs():
    """Every rendition components/picture.html can ask for, whatever the crop."""
    specs = [spec for crop in RESIZE_RULES for spec in filter_specs(crop)]
    return [*specs, SMALL_COPY_SPEC]


def full_set():
    """Every rendition an image may be shown in, made in the background after upload."""
    specs = [*_made_at_upload, *all_picture_specs(), *_made_in_background]
    return list(dict.fromkeys(specs))


def specs_for_media(hero_image, body):
    """{image: [filter spec, ...]} for every image a page with this hero photo and body shows."""
    wanted = {}
    for image, role in story_images(hero_image, body):
        specs = wanted.setdefault(image, [SMALL_COPY_SPEC])
        for crop in CROPS_FOR_ROLE[role]:
            specs.extend(spec for spec in filter_specs(crop) if spec not in specs)
        if role == "poster":
            specs.append(POSTER_SPEC)
    return wanted


@lru_cache(maxsize=256)
def filter_for(spec):
    """One Wagtail ``Filter`` per spec for the process: a Filter parses its spec into operations
    the first time it is asked (``Filter.operations``, a cached property; about 0.1 ms a spec),
    and a page draws a dozen specs for each photo. Filters hold nothing else of their own."""
    return Filter(spec)


def make_missing_renditions(image, specs):
    """Makes those of ``specs`` the image lacks; returns how many it made (0 the second time)."""
    filters = [filter_for(spec) for spec in dict.fromkeys(specs)]
    missing = [f for f in filters if f not in image.find_existing_renditions(*filters)]
    # Wagtail's own guard against a rendition made twice at once (get_or_create, or a check
    # for clashes after making several) covers two workers on the same image.
    image.create_renditions(*missing)
    return len(missing)


@task(priority=RENDITIONS_PRIORITY)
def generate_image_renditions(image_id, extra_specs=()):
    """The image's full set, and ``extra_specs`` a feed asked for that the set lacks (the
    podcast cover)."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        return 0  # deleted since
    made = make_missing_renditions(image, [*full_set(), *extra_specs])
    if made:
        renditions_ready.send(sender=type(image), image=image)
    return made


def queue_image_renditions(image, *, new_original=False, extra_specs=()):
    """Queues the full set (and ``extra_specs``) once the image's row is committed. A reader's
    request queues it at most once per image and specs in QUEUE_AGAIN_AFTER seconds (a busy
    page would otherwise queue it for every reader); a new original always does."""
    extra_specs = sorted(set(extra_specs) - set(full_set()))
    key = f"media-renditions-queued:{image.pk}:{','.join(extra_specs)}"
    if new_original:
        cache.set(key, True, QUEUE_AGAIN_AFTER)
    elif not cache.add(key, True, QUEUE_AGAIN_AFTER):
        return
    args = (image.pk, extra_specs) if extra_specs else (image.pk,)
    transaction.on_commit(lambda: generate_image_renditions.enqueue(*args))


def original_stored(image):
    """Called by CustomImage.save() after a new original is stored: the small copy now (the
    one the pages draw until the rest exists), the full set queued."""
    make_missing_renditions(image, _made_at_upload)
    queue_image_renditions(image, new_original=True)


class DrawnRendition:
    """What a page needs of a rendition to draw it: its address, size and alt text, read from
    a row of the renditions table rather than loaded as a Wagtail ``Rendition``.

    A home page draws 32 photos from 416 renditions: as model instances they cost about as
    much as the rest of the page's queries together (docs/performance.md). Wagtail's
    ``Picture`` accepts these in place of renditions: it reads ``url`` and ``width`` for the
    sources and ``img_tag`` (so ``height`` and ``alt``) for the fallback image (checked against
    Wagtail 8.0.1; tests/test_media_pictures.py draws the same markup from both). ``alt`` and
    ``img_tag`` follow ``AbstractRendition``'s.
    """

    __slots__ = ("image", "file_name", "width", "height")

    def __init__(self, image, file_name, width, height):
        self.image = image
        self.file_name = file_name
        self.width = width
        self.height = height

    @property
    def url(self):
        return rendition_url(self.file_name)

    @property
    def alt(self):
        if getattr(self.image, "decorative", False):
            return ""
        return getattr(self.image, "contextual_alt_text", None) or self.image.default_alt_text

    def img_tag(self, extra_attributes=None):
        attrs = {"src": self.url, "width": self.width, "height": self.height, "alt": self.alt}
        attrs.update(apps.get_app_config("wagtailimages").default_attrs)
        attrs.update(extra_attributes or {})
        return mark_safe(f"<img{flatatt(attrs)}>")  # noqa: S308 - flatatt escapes the values


@lru_cache(maxsize=8192)
def rendition_url(file_name):
    """A rendition file's address, asked of its storage once per process: a home page draws
    416 and Django's FileSystemStorage spends about 20 microseconds on each (``urljoin``), an
    S3 bucket more. The site's storages give a file the same address every time (the S3
    settings turn signed addresses off); a change of storage settings forgets them."""
    storage = get_image_model().get_rendition_model()._meta.get_field("file").storage
    return storage.url(file_name)


# Photos' markup drawn from rows (``picture_html``): the photos of the pages served lately in
# their few layouts, about 2.5 KB each with their keys, 2.5 MB at most.
pictures = KeptAnswers(limit=1024)


def picture_html(renditions, attrs):
    """Wagtail's ``Picture`` of ``renditions`` ({spec: rendition}) with ``attrs`` on the <img>.

    Drawn from rows (``DrawnRendition``), the markup depends only on the rows' files and sizes,
    the photo's alt text and ``attrs``, so it is kept per process under exactly those: Wagtail
    spends about 0.15 ms on a picture and a home page draws 32. A new crop or a new original is
    a new file name, a changed alt text a new key. Wagtail's own Rendition objects (a page that
    read no rows) are drawn every time.
    """
    drawn = list(renditions.values())
    if not drawn or {type(rendition) for rendition in drawn} != {DrawnRendition}:
        return Picture(renditions, attrs).__html__()
    key = (
        tuple(
            [
                (spec, rendition.file_name, rendition.width, rendition.height)
                for spec, rendition in renditions.items()
            ]
        ),
        drawn[0].alt,
        tuple(attrs.items()),
    )

    def draw():
        # Picture adds the srcset to the attributes it is given.
        return Picture(renditions, dict(attrs)).__html__()

    try:
        return pictures.get(key, draw)
    except TypeError:  # an attribute whose value cannot be part of a key
        return draw()


@receiver(setting_changed)
def forget_rendition_urls(setting, **kwargs):
    if setting in {"MEDIA_URL", "STORAGES", "WAGTAILIMAGES_RENDITION_STORAGE"}:
        rendition_url.cache_clear()
        pictures.clear()


def attach_drawn_renditions(images, specs):
    """Reads, in one query, which of ``specs`` exist for these loaded images and keeps them on
    each image (``drawn_renditions``, by spec) as rows, for ``existing_renditions`` to answer
    from. An image shown twice on a page is two objects, each given its own."""
    images = [image for image in images if image is not None]
    if not images:
        return
    rows = evaluate(
        "drawn renditions",
        _rendition_rows,
        padded(sorted({image.pk for image in images})),
        list(specs),
    )
    by_image = {}
    for image_id, spec, focal_point_key, file_name, width, height in rows:
        by_image.setdefault(image_id, []).append((spec, focal_point_key, file_name, width, height))
    for image in images:
        drawn = {}
        for spec, focal_point_key, file_name, width, height in by_image.get(image.pk, ()):
            # A crop made before the photo's focal point changed is not this photo's crop.
            # Wagtail's Filter.get_cache_key(image) is a hash of the image fields the spec's
            # operations vary by, "" for a spec that varies by none (every resize that crops
            # nothing; checked against Wagtail 8.0.1, fingerprinted in
            # tests/test_wagtail_overrides.py): asked only of the specs that vary.
            if focal_point_key == (
                filter_for(spec).get_cache_key(image) if _varies_by_image(spec) else ""
            ):
                drawn[spec] = DrawnRendition(image, file_name, width, height)
        image.drawn_renditions = drawn


@lru_cache(maxsize=256)
def _varies_by_image(spec):
    return any(getattr(operation, "vary_fields", ()) for operation in filter_for(spec).operations)


def _rendition_rows(image_ids, specs):
    return (
        get_image_model()
        .get_rendition_model()
        .objects.filter(image_id__in=image_ids, filter_spec__in=specs)
        .values_list("image_id", "filter_spec", "focal_point_key", "file", "width", "height")
    )


def existing_renditions(image, specs):
    """{spec: rendition} of ``specs`` that already exist: from the rows the page read for it
    (``attach_drawn_renditions``) or the listing's prefetch when there is one, otherwise in
    one query (Wagtail's cache first)."""
    drawn = getattr(image, "drawn_renditions", None)
    if drawn is not None:
        return {spec: drawn[spec] for spec in specs if spec in drawn}
    filters = [filter_for(spec) for spec in specs]
    return {f.spec: rendition for f, rendition in image.find_existing_renditions(*filters).items()}


def _found_and_kept(image, spec):
    """The existing rendition of ``image`` for ``spec``, or None. One read from Wagtail's
    rendition cache or the database is kept in that cache for the next request, as Wagtail's
    get_rendition does; a prefetched one (or a row a page read) is not written back."""
    found = existing_renditions(image, [spec]).get(spec)
    rendition_model = get_image_model().get_rendition_model()
    if isinstance(found, rendition_model) and not getattr(found, "_from_cache", False):
        key = rendition_model.construct_cache_key(
            image, filter_for(spec).get_cache_key(image), spec
        )
        rendition_model.cache_backend.set(key, found)
    return found


def made_rendition(image, spec):
    """The rendition of ``image`` for ``spec`` if it is made (prefetched, cached or in one
    query), else None, and it is queued: no reader's request waits while one is drawn."""
    found = _found_and_kept(image, spec)
    if found is None:
        queue_image_renditions(image, extra_specs=[spec])
    return found


def rendition_of(image, spec):
    """The rendition of ``image`` for ``spec`` if it is made; until then the small copy made at
    upload, with ``spec`` queued. Feeds and a page's head ask here: drawing a 1200-pixel JPEG
    of a phone photo takes about half a second, which no reader waits for."""
    # The small copy is asked for only now: a feed prefetches its own size and the small copy,
    # and asking for both when the size exists would cost a query where nothing is prefetched.
    found = made_rendition(image, spec) or _found_and_kept(image, SMALL_COPY_SPEC)
    # Only a photo stored before small copies were made at upload lacks one: made once, now.
    return found or image.get_rendition(filter_for(SMALL_COPY_SPEC))


def layout_size(image, spec):
    """The width and height ``spec`` would give ``image``, computed without making it."""
    return filter_for(spec).get_transform(image).size
