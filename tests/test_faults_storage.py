"""A full disk during an upload: a form error, no row, no file (media_library.storage).

Here the disk's free space is reported as nearly nothing and a write fails with ENOSPC as a
full disk's would; tests/faults/test_disk_full.py fills a real small file system.
"""

import errno
import os
from collections import namedtuple

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils.translation import gettext, override
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from demo import factories
from media_library import storage as upload_storage
from media_library.models import MediaItem
from media_library.storage import StorageFull, UploadStorage
from tests.media_builders import mp3_bytes, phone_photo_bytes, upload
from tests.upload_doors import door_admin_multiple, door_admin_single

FULL_MESSAGE = (
    "The site's storage is full, so this file was not saved and nothing was stored. "
    "Please tell the site's administrator, then try again."
)
Usage = namedtuple("Usage", "total used free")


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "media_library.storage.UploadStorage"},
    }
    return tmp_path


@pytest.fixture
def full_disk(monkeypatch, media_root):
    monkeypatch.setattr(
        upload_storage.shutil, "disk_usage", lambda path: Usage(10**9, 10**9 - 4096, 4096)
    )
    return media_root


@pytest.fixture
def editor_client(client, db):
    client.force_login(
        factories.UserFactory(username="photo-editor", is_superuser=True, is_staff=True)
    )
    return client


def stored_files(folder):
    return [path for path in folder.rglob("*") if path.is_file()]


def thai(message):
    with override("th"):
        return gettext(message)


@pytest.mark.parametrize("door", [door_admin_single, door_admin_multiple])
def test_a_photo_upload_on_a_full_disk_is_refused_in_the_form(editor_client, full_disk, door):
    outcome = door(editor_client, "IMG_2041.jpg", phone_photo_bytes("JPEG", width=800, height=600))
    assert not outcome.accepted
    # The single form's errors are read in English; the multiple uploader's come as sent, in
    # the admin's language (Thai).
    assert outcome.message in (FULL_MESSAGE, thai(FULL_MESSAGE))
    assert not get_image_model().objects.exists()
    assert stored_files(full_disk) == []


def test_the_refusal_reaches_a_thai_editor_in_thai(editor_client, full_disk):
    response = editor_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": upload("IMG_2041.jpg", phone_photo_bytes("JPEG"))},
    )
    assert response.json() == {"success": False, "error_message": thai(FULL_MESSAGE)}


def test_an_audio_upload_on_a_full_disk_is_refused_in_the_form(editor_client, full_disk):
    with override("en"):
        response = editor_client.post(
            reverse("wagtailmedia:add", args=("audio",)),
            {"title": "บันทึกเสียงชุมชน", "file": upload("interview.mp3", mp3_bytes(frames=76))},
        )
    assert response.status_code == 200
    with override("en"):
        assert FULL_MESSAGE in " ".join(response.context["form"].errors["file"])
    assert not MediaItem.objects.exists()
    assert stored_files(full_disk) == []


def test_a_photo_fits_when_there_is_room(editor_client, media_root):
    outcome = door_admin_single(editor_client, "IMG_2042.jpg", phone_photo_bytes("JPEG"))
    assert outcome.accepted
    # The original, and the renditions made at upload (its small copy and its social card).
    image = get_image_model().objects.get()
    assert len(stored_files(media_root)) == 1 + image.renditions.count()


class DiskFillsMidWrite(ContentFile):
    """Content whose second chunk meets a full disk, as a write(2) would."""

    def chunks(self, chunk_size=None):
        yield b"x" * 1024
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_write_cut_short_by_a_full_disk_leaves_no_partial_file(tmp_path):
    storage = UploadStorage(location=tmp_path)
    with pytest.raises(StorageFull):
        storage.save("original_images/IMG_2043.jpg", DiskFillsMidWrite(b"", name="IMG_2043.jpg"))
    assert stored_files(tmp_path) == []


def test_other_write_errors_are_left_as_they_were(tmp_path):
    class Broken(ContentFile):
        def chunks(self, chunk_size=None):
            yield b"x"
            raise OSError(errno.EIO, os.strerror(errno.EIO))

    storage = UploadStorage(location=tmp_path)
    with pytest.raises(OSError) as raised:
        storage.save("a.bin", Broken(b""))
    assert not isinstance(raised.value, StorageFull)


def test_clashing_names_still_get_their_own_file(tmp_path):
    storage = UploadStorage(location=tmp_path)
    first = storage.save("photo.jpg", ContentFile(b"one"))
    second = storage.save("photo.jpg", ContentFile(b"two"))
    assert first != second
    assert {path.read_bytes() for path in stored_files(tmp_path)} == {b"one", b"two"}


def test_a_document_upload_on_a_full_disk_is_refused_in_the_form(editor_client, full_disk):
    documents = get_document_model()
    with override("en"):
        response = editor_client.post(
            reverse("wagtaildocs:add"),
            {"title": "รายงานประชุม", "file": upload("minutes.pdf", b"%PDF-1.4\n%%EOF\n")},
        )
    assert response.status_code == 200
    assert response.context["form"].errors == {"__all__": [thai(FULL_MESSAGE)]}
    assert thai(FULL_MESSAGE) in response.content.decode()
    assert not documents.objects.exists()


def test_a_disk_that_fills_after_the_check_gets_a_clear_page_not_a_server_error(
    editor_client, media_root, monkeypatch
):
    def fills_now(self, name, content):
        raise StorageFull(errno.ENOSPC, "No room left for the upload", name)

    monkeypatch.setattr(UploadStorage, "_save", fills_now)
    with override("en"):
        response = editor_client.post(
            reverse("wagtailimages:add"),
            {"title": "ภาพ", "file": upload("IMG_2043.jpg", phone_photo_bytes("JPEG"))},
        )
    assert response.status_code == 507
    assert thai(FULL_MESSAGE) in response.content.decode()
    assert not get_image_model().objects.exists()
    assert stored_files(media_root) == []
