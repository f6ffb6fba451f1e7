"""Photo uploads: every accepted phone format is stored upright and without location or device
metadata; everything else is refused with a message and leaves nothing behind."""

import io
import os

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from PIL import Image
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.models import UploadedFile

from demo import factories
from tests.media_builders import (
    DEVICE_TAGS,
    GPS_IFD,
    HTML_PAGE,
    SECRETS,
    SVG_WITH_SCRIPT,
    WINDOWS_EXE,
    animated_gif_bytes,
    phone_photo_bytes,
    png_bomb_header_bytes,
    upload,
)

CustomImage = get_image_model()

# (file name, Pillow format used to build it, format expected in storage)
ACCEPTED = [
    ("IMG_0001.jpg", "JPEG", "JPEG"),
    ("screenshot.png", "PNG", "PNG"),
    ("shared.webp", "WEBP", "WEBP"),
    ("camera.avif", "AVIF", "AVIF"),
    ("IMG_0002.HEIC", "HEIF", "JPEG"),
    ("IMG_0003.heif", "HEIF", "JPEG"),
]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    # A fresh folder per test, and no rendition remembered in the cache from an earlier test
    # whose image had the same id.
    from django.core.cache import cache

    settings.MEDIA_ROOT = str(tmp_path)
    cache.clear()
    return tmp_path


@pytest.fixture
def admin_client(client, db):
    user = factories.UserFactory(username="photo-admin", is_superuser=True, is_staff=True)
    client.force_login(user)
    client.user = user
    return client


def stored_files():
    """Every file under MEDIA_ROOT (a fresh folder per test)."""
    found = []
    for folder, _dirs, files in os.walk(settings.MEDIA_ROOT):
        found += [os.path.join(folder, name) for name in files]
    return sorted(found)


def assert_no_metadata(path):
    with open(path, "rb") as handle:
        data = handle.read()
    for secret in SECRETS:
        assert secret.encode() not in data, f"{secret} survived in {path}"
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        assert not exif.get_ifd(GPS_IFD), f"GPS survived in {path}"
        assert GPS_IFD not in exif
        for tag in DEVICE_TAGS:
            assert tag not in exif, f"{DEVICE_TAGS[tag]} survived in {path}"
            assert tag not in exif.get_ifd(0x8769)
        assert "xmp" not in image.info and "XML:com.adobe.xmp" not in image.info


def image_form(files, data=None, user=None):
    form_class = get_image_form(CustomImage)
    return form_class(data or {"title": "ภาพจากมือถือ"}, files, user=user)


@pytest.mark.parametrize("name, built_as, stored_as", ACCEPTED)
def test_each_phone_format_is_stored_upright_and_without_metadata(
    admin_client, name, built_as, stored_as
):
    # Orientation 6: the phone was held upright, so the 60×40 sensor image shows as 40×60.
    data = phone_photo_bytes(built_as, orientation=6)
    assert all(secret.encode() in data for secret in SECRETS[:2])

    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "ผ้าไหมบ้านท่าสว่าง", "file": upload(name, data)},
    )

    assert response.status_code == 302, response.context["form"].errors
    image = CustomImage.objects.get()
    assert (image.width, image.height) == (40, 60)
    with Image.open(image.file.path) as stored:
        assert stored.format == stored_as
        assert stored.size == (40, 60)
        # Rotated a quarter turn clockwise: the red left half is now on top.
        assert stored.convert("RGB").getpixel((20, 5))[0] > 150
        assert stored.convert("RGB").getpixel((20, 55))[2] > 150
    if built_as == "HEIF":
        assert image.file.name.endswith(".jpg")
    image.get_renditions("width-20|format-avif", "width-20|format-webp", "fill-20x20|format-jpeg")
    files = stored_files()
    # The original, and every rendition: these three and those made at upload.
    assert len(files) == 1 + image.renditions.count() >= 4
    for path in files:
        assert_no_metadata(path)


def test_multiple_uploader_strips_metadata(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": upload("IMG_0100.HEIC", phone_photo_bytes("HEIF"))},
    )

    assert response.status_code == 200
    assert response.json()["success"] is True
    image = CustomImage.objects.get()
    assert image.file.name.endswith(".jpg")
    assert not UploadedFile.objects.exists()
    assert_no_metadata(image.file.path)


def test_chooser_upload_strips_metadata(admin_client):
    response = admin_client.post(
        reverse("wagtailimages_chooser:create"),
        {
            "image-chooser-upload-title": "ตลาดนัดชุมชน",
            "image-chooser-upload-file": upload("market.jpg", phone_photo_bytes("JPEG")),
        },
    )

    assert response.status_code == 200
    assert response.json()["step"] == "chosen"
    assert_no_metadata(CustomImage.objects.get().file.path)


def test_images_created_in_code_are_cleaned_too(db):
    from django.core.files.base import ContentFile

    data = phone_photo_bytes("JPEG", orientation=6)
    image = CustomImage(title="นำเข้า", file=ContentFile(data, name="import.jpg"))
    image.save()

    assert (image.width, image.height) == (40, 60)
    assert_no_metadata(image.file.path)


REFUSALS = [
    pytest.param(
        "big.jpg",
        lambda: phone_photo_bytes("JPEG", width=400, height=400),
        "too big",
        {"WAGTAILIMAGES_MAX_UPLOAD_SIZE": 2000},
        id="over-size-limit",
    ),
    pytest.param("bomb.png", png_bomb_header_bytes, "too many pixels", {}, id="pixel-bomb"),
    pytest.param(
        "many.png",
        lambda: phone_photo_bytes("PNG", width=200, height=200),
        "too many pixels",
        {"WAGTAILIMAGES_MAX_IMAGE_PIXELS": 30_000},
        id="over-pixel-limit",
    ),
    pytest.param(
        "dance.gif",
        lambda: animated_gif_bytes(8),
        "8 frames",
        {"MEDIA_LIBRARY_MAX_IMAGE_FRAMES": 5},
        id="animation-over-frame-budget",
    ),
    pytest.param("logo.svg", lambda: SVG_WITH_SCRIPT, "SVG", {}, id="svg"),
    pytest.param("logo.jpg", lambda: SVG_WITH_SCRIPT, "SVG", {}, id="svg-renamed-jpg"),
    pytest.param("page.jpg", lambda: HTML_PAGE, "SVG and web pages", {}, id="html-renamed-jpg"),
    pytest.param("setup.jpg", lambda: WINDOWS_EXE, "Windows program", {}, id="exe-renamed-jpg"),
    pytest.param(
        "cut.jpg",
        lambda: phone_photo_bytes("JPEG", width=300, height=300)[:-400],
        "damaged or incomplete",
        {},
        id="truncated-jpeg",
    ),
    pytest.param(
        "noise.jpg",
        lambda: b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8,
        "damaged or incomplete",
        {},
        id="corrupt-jpeg",
    ),
]


@pytest.mark.parametrize("name, build, message, limits", REFUSALS)
def test_bad_uploads_are_refused_with_a_message_and_nothing_is_stored(
    admin_client, name, build, message, limits
):
    with override_settings(**limits), translation.override("en"):
        form = image_form({"file": upload(name, build())}, user=admin_client.user)
        assert not form.is_valid()
        errors = " ".join(form.errors["file"])
        assert message.lower() in errors.lower(), errors

        response = admin_client.post(
            reverse("wagtailimages:add_multiple"), {"files[]": upload(name, build())}
        )

    assert response.json()["success"] is False
    assert response.json()["error_message"]
    assert not CustomImage.objects.exists()
    assert not UploadedFile.objects.exists()
    assert stored_files() == []


def test_refusals_speak_the_editors_language(admin_client):
    with translation.override("th"), override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=100):
        form = image_form({"file": upload("big.jpg", phone_photo_bytes("JPEG"))})
        assert not form.is_valid()
    assert "ใหญ่เกินไป" in form.errors["file"][0]  # "too big", from Wagtail's Thai catalogue


@override_settings(MEDIA_LIBRARY_MAX_IMAGE_DIMENSION=30)
def test_large_originals_are_scaled_down_to_the_stored_maximum(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "ภาพใหญ่", "file": upload("big.jpg", phone_photo_bytes("JPEG", orientation=6))},
    )

    assert response.status_code == 302
    image = CustomImage.objects.get()
    assert (image.width, image.height) == (20, 30)  # upright 40×60, long side now 30
