"""Sound and video uploads: accepted by their content, refused with a message otherwise."""

from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from demo import factories
from media_library.models import MediaItem
from tests.media_builders import (
    HTML_PAGE,
    SECRET_MAKE,
    SECRET_MODEL,
    WEBVTT,
    WINDOWS_EXE,
    adts_aac_bytes,
    mp3_bytes,
    mp4_bytes,
    ogg_opus_bytes,
    upload,
    webm_bytes,
)

DEMO_ASSETS = Path(__file__).resolve().parent.parent / "demo" / "assets"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


@pytest.fixture
def admin_client(client, db):
    from wagtail.users.models import UserProfile

    user = factories.UserFactory(username="media-admin", is_superuser=True, is_staff=True)
    # The admin speaks the editor's language; these tests read the English messages.
    UserProfile.get_for_user(user).__class__.objects.filter(user=user).update(
        preferred_language="en"
    )
    client.force_login(user)
    return client


def add_media(client, kind, name, data, **fields):
    with translation.override("en"):
        return client.post(
            reverse("wagtailmedia:add", args=(kind,)),
            {"title": "บันทึกเสียงชุมชน", "file": upload(name, data), **fields},
        )


def form_errors(response):
    return {name: " ".join(errors) for name, errors in response.context["form"].errors.items()}


# (media type, upload name, bytes, stored extension, MIME type, duration read from the file)
ACCEPTED = [
    ("audio", "interview.mp3", mp3_bytes(frames=76), "mp3", "audio/mpeg", 2.0),
    ("audio", "radio.aac", adts_aac_bytes(), "aac", "audio/aac", None),
    ("audio", "voice-memo.m4a", mp4_bytes(b"soun", b"mp4a", b"M4A "), "m4a", "audio/mp4", 3.0),
    ("audio", "song.opus", ogg_opus_bytes(seconds=2), "opus", "audio/ogg", 2.0),
    ("video", "festival.mp4", mp4_bytes(), "mp4", "video/mp4", 3.0),
    ("video", "clip.webm", webm_bytes(), "webm", "video/webm", None),
]


@pytest.mark.parametrize("kind, name, data, extension, mime_type, duration", ACCEPTED)
def test_each_accepted_format_is_stored_with_its_type_and_length(
    admin_client, kind, name, data, extension, mime_type, duration
):
    response = add_media(admin_client, kind, name, data, duration="" if duration else "95")

    assert response.status_code == 302, form_errors(response)
    item = MediaItem.objects.get()
    assert item.type == kind
    assert item.file.name.endswith(f".{extension}")
    assert item.mime_type == mime_type
    assert item.file_size == len(data)
    if duration:
        assert item.duration == pytest.approx(duration, abs=0.1)
    else:
        assert item.duration == 95  # the container does not say; the editor typed it


def test_content_decides_not_the_name(admin_client):
    response = add_media(admin_client, "audio", "interview.webm", mp3_bytes())

    assert response.status_code == 302, form_errors(response)
    assert MediaItem.objects.get().file.name.endswith(".mp3")


def test_location_and_camera_model_are_blanked_in_stored_video(admin_client):
    data = mp4_bytes()
    assert b"+14.8810+103.4935/" in data

    add_media(admin_client, "video", "IMG_5000.mp4", data)

    stored = Path(MediaItem.objects.get().file.path).read_bytes()
    assert len(stored) == len(data)  # same size: no sample offset moved
    for secret in (b"+14.8810+103.4935/", SECRET_MAKE.encode(), SECRET_MODEL.encode(), b"udta"):
        assert secret not in stored
    assert b"avc1" in stored and b"mvhd" in stored


def test_video_with_captions_file(admin_client):
    response = add_media(
        admin_client,
        "video",
        "festival.mp4",
        mp4_bytes(),
        captions=upload("subtitles.vtt", WEBVTT),
        captions_language="th",
    )

    assert response.status_code == 302, form_errors(response)
    assert MediaItem.objects.get().captions.name.endswith(".vtt")


# The admin speaks Thai (the default language) to a user without a preferred language.
REFUSALS = [
    pytest.param(
        "audio", "setup.mp3", WINDOWS_EXE, {}, "file", "not a sound file", id="exe-as-mp3"
    ),
    pytest.param("video", "page.mp4", HTML_PAGE, {}, "file", "not a video file", id="html-as-mp4"),
    pytest.param("video", "talk.mp4", mp3_bytes(), {}, "file", "ไฟล์เสียง", id="audio-as-video"),
    pytest.param("audio", "film.mp3", mp4_bytes(), {}, "file", "ไฟล์วิดีโอ", id="video-as-audio"),
    pytest.param(
        "video", "iphone.mp4", mp4_bytes(codec=b"hvc1"), {}, "file", "H.264", id="hevc-video"
    ),
    pytest.param("video", "film.mkv", webm_bytes(b"matroska"), {}, "file", "not a video", id="mkv"),
    pytest.param("video", "cut.mp4", mp4_bytes()[:-100], {}, "file", "เสียหรือไม่ครบ", id="truncated"),
    pytest.param(
        "audio",
        "long.mp3",
        mp3_bytes(frames=10),
        {"MEDIA_LIBRARY_MAX_AUDIO_SIZE": 1000},
        "file",
        "too big",
        id="audio-over-size-limit",
    ),
    pytest.param(
        "video",
        "long.mp4",
        mp4_bytes(),
        {"MEDIA_LIBRARY_MAX_VIDEO_SIZE": 100},
        "file",
        "too big",
        id="video-over-size-limit",
    ),
    pytest.param(
        "audio", "radio.aac", adts_aac_bytes(), {}, "duration", "ใส่ความยาว", id="no-length"
    ),
]


@pytest.mark.parametrize("kind, name, data, limits, field, message", REFUSALS)
def test_bad_media_is_refused_with_a_message_and_nothing_is_stored(
    admin_client, media_root, kind, name, data, limits, field, message
):
    with override_settings(**limits):
        response = add_media(admin_client, kind, name, data)

    assert response.status_code == 200
    errors = form_errors(response)
    assert message.lower() in errors.get(field, "").lower(), errors
    assert not MediaItem.objects.exists()
    assert not any(path.is_file() for path in media_root.rglob("*"))


def test_captions_must_be_webvtt(admin_client):
    response = add_media(
        admin_client,
        "video",
        "festival.mp4",
        mp4_bytes(),
        captions=upload("subtitles.vtt", b"1\n00:00:00,000 --> 00:00:01,000\nSRT, not VTT\n"),
    )

    assert "WebVTT" in form_errors(response)["captions"]
    assert not MediaItem.objects.exists()


def test_chooser_upload_checks_content_too(admin_client):
    url = reverse("wagtailmedia:chooser_upload", args=("audio",))
    refused = admin_client.post(
        url,
        {
            "media-chooser-upload-title": "ไม่ใช่เสียง",
            "media-chooser-upload-file": upload("x.mp3", WINDOWS_EXE),
        },
    )
    assert not MediaItem.objects.exists()
    assert refused.status_code == 200

    accepted = admin_client.post(
        url,
        {
            "media-chooser-upload-title": "เสียงตามสาย",
            "media-chooser-upload-file": upload("x.mp3", mp3_bytes(frames=40)),
        },
    )
    assert accepted.json()["step"] == "media_chosen"
    assert MediaItem.objects.get().mime_type == "audio/mpeg"


@pytest.mark.parametrize(
    "name, kind, duration", [("radio-clip.mp3", "audio", 6.0), ("weaving-video.mp4", "video", 4.0)]
)
def test_demo_recordings_made_by_a_real_encoder_are_accepted(admin_client, name, kind, duration):
    response = add_media(admin_client, kind, name, (DEMO_ASSETS / name).read_bytes())

    assert response.status_code == 302, form_errors(response)
    assert MediaItem.objects.get().duration == pytest.approx(duration, abs=0.2)
