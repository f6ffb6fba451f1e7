"""Photos drawn from rendition rows (media_library.renditions.DrawnRendition) look exactly as
Wagtail draws them from its Rendition objects, and a page that read the rows asks nothing more.

Listings and story pages read the renditions they draw as rows in one query
(``attach_drawn_renditions``) instead of loading a model instance per rendition; Wagtail's
``Picture`` draws both, so a reader must see the same <picture> either way.
"""

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model

from demo import factories
from media_library.renditions import (
    COLUMN_SIZES,
    SMALL_COPY_SPEC,
    attach_drawn_renditions,
    drawn_specs,
    full_set,
    make_missing_renditions,
    rendition_url,
)
from media_library.templatetags.media_pictures import sized_picture
from news.models import StoryPage
from tests.media_builders import phone_photo_bytes
from tests.story_helpers import build_site_tree

pytestmark = pytest.mark.django_db
CustomImage = get_image_model()
ATTRS = {"sizes": "100vw", "alt": "ทอผ้าไหม", "loading": "lazy", "decoding": "async"}


@pytest.fixture
def photo(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = factories.ImageFactory(
            file=ContentFile(phone_photo_bytes("JPEG", width=480, height=360), name="silk.jpg")
        )
    make_missing_renditions(image, full_set())
    cache.clear()
    return CustomImage.objects.get(pk=image.pk)


def drawn_by_wagtail(image, crop=""):
    """The markup drawn from Wagtail's Rendition objects (the image's own lookup)."""
    return sized_picture(CustomImage.objects.get(pk=image.pk), crop, **ATTRS)


@pytest.mark.parametrize("crop", ["", "wide", "landscape"])
def test_a_photo_drawn_from_rows_is_the_picture_wagtail_draws(photo, crop):
    attach_drawn_renditions([photo], drawn_specs(crop))

    with CaptureQueriesContext(connection) as queries:
        html = sized_picture(photo, crop, **ATTRS)

    assert len(queries) == 0
    assert html == drawn_by_wagtail(photo, crop)
    assert html.count("<source") == 2 and 'type="image/avif"' in html
    assert 'alt="ทอผ้าไหม"' in html


def test_a_photo_drawn_again_is_kept_and_a_changed_photo_or_layout_is_drawn_anew(photo):
    attach_drawn_renditions([photo], drawn_specs(""))
    first = sized_picture(photo, **ATTRS)
    assert sized_picture(photo, **ATTRS) == first == drawn_by_wagtail(photo)

    wider = sized_picture(photo, **{**ATTRS, "sizes": "50vw"})
    assert 'sizes="50vw"' in wider and 'sizes="50vw"' not in first
    # Given no sizes (or the empty ones a template passes), a photo fills the page's column.
    without_sizes = {name: value for name, value in ATTRS.items() if name != "sizes"}
    for no_sizes in ({}, {"sizes": ""}):
        assert f'sizes="{COLUMN_SIZES}"' in sized_picture(photo, **without_sizes, **no_sizes)

    # Without an alt attribute of the page's own, the <img> carries the photo's alt text.
    own_alt = {name: value for name, value in ATTRS.items() if name != "alt"}
    assert f'alt="{photo.default_alt_text}"' in sized_picture(photo, **own_alt)
    photo.description = "ผ้าไหมลายใหม่"
    photo.save()
    photo = CustomImage.objects.get(pk=photo.pk)
    attach_drawn_renditions([photo], drawn_specs(""))
    assert 'alt="ผ้าไหมลายใหม่"' in sized_picture(photo, **own_alt)


def test_a_kept_picture_follows_a_new_media_url(photo, settings):
    attach_drawn_renditions([photo], drawn_specs(""))
    assert 'srcset="/media/' in sized_picture(photo, **ATTRS)
    settings.MEDIA_URL = "https://media.example.org/"
    html = sized_picture(photo, **ATTRS)
    assert 'srcset="https://media.example.org/' in html and "/media/" not in html


def test_a_process_keeps_a_bounded_number_of_pictures(photo, monkeypatch):
    from media_library import renditions

    monkeypatch.setattr(renditions.pictures, "limit", 1)
    renditions.pictures.clear()
    attach_drawn_renditions([photo], drawn_specs(""))
    for sizes in ("100vw", "50vw", "100vw"):
        assert f'sizes="{sizes}"' in sized_picture(photo, **{**ATTRS, "sizes": sizes})
        assert len(renditions.pictures) <= 1


def test_the_alt_text_of_a_row_is_the_photos_own(photo):
    attach_drawn_renditions([photo], [SMALL_COPY_SPEC])
    small_copy = photo.drawn_renditions[SMALL_COPY_SPEC]
    assert small_copy.alt == photo.default_alt_text
    photo.decorative = True
    assert small_copy.alt == ""


def test_a_crop_made_before_the_focal_point_moved_is_not_drawn(photo, queue_nothing):
    photo.focal_point_x, photo.focal_point_y = 100, 100
    photo.focal_point_width, photo.focal_point_height = 50, 50
    attach_drawn_renditions([photo], drawn_specs("wide"))

    html = sized_picture(photo, "wide", **ATTRS)

    # The old crops are not this photo's any more: the small copy is drawn meanwhile.
    assert "<source" not in html
    assert photo.drawn_renditions[SMALL_COPY_SPEC].url in html


def test_a_story_listing_reads_its_photos_renditions_in_one_query(photo):
    index = build_site_tree(stories=True)["th"]
    for number in range(3):
        factories.published_story(index, title=f"เรื่อง {number}", hero_image=photo)

    stories = StoryPage.objects.cards(index.locale_id).with_listing_images()
    with CaptureQueriesContext(connection) as queries:
        page = list(stories[:2])
        drawn = [sized_picture(story.hero_image, **ATTRS) for story in page]

    assert len(page) == 2
    # the stories, their networks, the renditions' rows; nothing per photo
    assert len(queries) == 3
    assert drawn[0] == drawn[1] == drawn_by_wagtail(photo)
    # a list of values is not a list of stories: no photos to look up
    assert stories.values_list("pk", flat=True).count() == 3


def test_an_address_changes_with_the_media_url(photo, settings):
    name = photo.renditions.first().file.name
    before = rendition_url(name)
    settings.MEDIA_URL = "https://media.example.org/"
    assert rendition_url(name) == f"https://media.example.org/{name}"
    assert before != rendition_url(name)


@pytest.fixture
def queue_nothing(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def test_any_number_of_photos_reads_their_rows_in_a_few_query_shapes(photo, monkeypatch):
    """The rows' query is compiled once per shape (core.compiled_queries), and a listing's
    pages show any number of photos: the photos' count is rounded up to a power of two, so
    pages of 1 to 40 photos keep seven shapes, and each photo still gets its own rows."""
    from core import compiled_queries

    monkeypatch.setattr(compiled_queries, "_COMPILED", {})
    photos = [photo] + [factories.ImageFactory() for _ in range(39)]
    specs = drawn_specs("")
    made = {image.pk: set() for image in photos}
    for image_id, spec in (
        CustomImage.get_rendition_model()
        .objects.filter(image__in=photos, filter_spec__in=specs)
        .values_list("image_id", "filter_spec")
    ):
        made[image_id].add(spec)
    assert made[photo.pk] == set(specs)
    for count in range(1, 41):
        shown = [CustomImage.objects.get(pk=image.pk) for image in photos[:count]]
        attach_drawn_renditions(shown, specs)
        assert all(set(image.drawn_renditions) == made[image.pk] for image in shown)
    shapes = [
        lengths for shape, lengths in compiled_queries._COMPILED if shape == "drawn renditions"
    ]
    assert sorted(image_count for image_count, _specs in shapes) == [1, 2, 4, 8, 16, 32, 64]
