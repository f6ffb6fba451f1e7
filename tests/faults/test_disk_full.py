"""A full disk during uploads: a clear Thai message, no row without its file, no partial file.

MEDIA_ROOT is a real small tmpfs (harness.Drill), filled to the last megabyte, so the refusals
below meet the kernel's own "no space left on device".
"""

import errno
import html
import os

import pytest
from django.core.files.base import ContentFile
from django.utils.translation import gettext, override

from media_library.storage import StorageFull, UploadStorage
from tests.media_builders import mp3_bytes, phone_photo_bytes

from .harness import Editor

pytestmark = pytest.mark.slow

FULL_MESSAGE = (
    "The site's storage is full, so this file was not saved and nothing was stored. "
    "Please tell the site's administrator, then try again."
)
LEFT_FREE = 1024 * 1024
TABLES = ("media_library_customimage", "media_library_mediaitem", "wagtailcore_uploadedfile")


def fill(folder):
    """Fill ``folder``'s file system until only about ``LEFT_FREE`` bytes remain."""
    filler = folder / "filler.bin"
    chunk = b"\0" * (256 * 1024)
    with open(filler, "wb") as out:
        try:
            while os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize > LEFT_FREE:
                out.write(chunk)
                out.flush()
        except OSError as error:
            assert error.errno == errno.ENOSPC
    return filler


def stored_files(folder):
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())


def rows(drill):
    return {table: drill.postgres.query(f"SELECT count(*) FROM {table}")[0][0] for table in TABLES}  # noqa: S608 – fixed names


@pytest.fixture
def full_media(drill):
    before = rows(drill)
    filler = fill(drill.media)
    yield drill.media
    filler.unlink()
    assert rows(drill) == before


def test_uploads_on_a_full_disk_are_refused_with_a_thai_message(drill, full_media, figures):
    editor = Editor(drill, "editor_a")
    csrf = {"csrfmiddlewaretoken": editor.session.cookies["csrftoken"]}
    photo = phone_photo_bytes("JPEG", width=1600, height=1200)
    with override("th"):
        thai = gettext(FULL_MESSAGE)
    files_before = stored_files(full_media)
    rows_before = rows(drill)

    multiple = editor.session.post(
        drill.url("/admin/images/multiple/add/"),
        data=csrf,
        files={"files[]": ("IMG_2041.jpg", photo, "image/jpeg")},
        timeout=30,
    )
    assert multiple.status_code == 200
    assert multiple.json() == {"success": False, "error_message": thai}

    single = editor.session.post(
        drill.url("/admin/images/add/"),
        data={**csrf, "title": "ภาพงานบุญ"},
        files={"file": ("IMG_2042.jpg", photo, "image/jpeg")},
        timeout=30,
    )
    assert single.status_code == 200
    assert thai in html.unescape(single.text)

    audio = editor.session.post(
        drill.url("/admin/media/audio/add/"),
        data={**csrf, "title": "เสียงสัมภาษณ์"},
        files={"file": ("interview.mp3", mp3_bytes(frames=76), "audio/mpeg")},
        timeout=30,
    )
    assert audio.status_code == 200
    assert thai in html.unescape(audio.text)

    assert rows(drill) == rows_before
    assert stored_files(full_media) == files_before
    assert "Traceback" not in drill.server.log_text()
    figures.append(
        "disk full: photo (multiple uploader), photo (single form), audio refused with the Thai "
        "message; rows added 0, files added 0, 500s 0"
    )


def test_a_write_the_disk_cuts_short_leaves_nothing_behind(drill, full_media):
    storage = UploadStorage(location=full_media)
    files_before = stored_files(full_media)
    with pytest.raises(StorageFull):
        storage.save("original_images/IMG_2043.jpg", ContentFile(b"\xff" * (2 * LEFT_FREE)))
    assert stored_files(full_media) == files_before


def test_with_room_again_the_same_photo_is_stored(drill):
    editor = Editor(drill, "editor_a")
    response = editor.session.post(
        drill.url("/admin/images/multiple/add/"),
        data={"csrfmiddlewaretoken": editor.session.cookies["csrftoken"]},
        files={"files[]": ("IMG_2041.jpg", phone_photo_bytes("JPEG"), "image/jpeg")},
        timeout=30,
    )
    assert response.json()["success"] is True
    assert any(name.startswith("original_images/") for name in stored_files(drill.media))
