"""The doors a file can reach storage by, each as one function returning an Outcome.

Shared by the hostile files suite (tests/test_security_files.py) and its benchmark
(tests/test_security_files_bench.py). Requests are written by hand (``post_file``) because
Django's test client strips folders from file names and a hostile client does not.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.models import UploadedFile

from demo import factories
from demo import media as demo
from news.interchange.importing import import_stories
from news.interchange.validation import ImportFileError

CustomImage = get_image_model()


@dataclass
class Outcome:
    accepted: bool
    message: str = ""
    # (path, bytes) of files parked in MEDIA_ROOT before the editor finished the upload
    parked: list = field(default_factory=list)


def post_file(client, url, fields, file_field, name, data, more_files=()):
    """A multipart POST written by hand: Django's test client would strip folders from the
    file name before sending, and a hostile client does not."""
    boundary = "hostile-boundary-7MA4YWxkTrZu0gW"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    ]
    for field_name, file_name, content in [(file_field, name, data), *more_files]:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field_name}"; '
            f'filename="{file_name.replace(chr(34), "%22")}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return client.generic(
        "POST", url, b"".join(parts), content_type=f"multipart/form-data; boundary={boundary}"
    )


def english(messages):
    """Messages joined, in English: the request leaves Thai (the default) active behind it, and
    messages without placeholders are still lazy."""
    with translation.override("en"):
        return " ".join(str(message) for message in messages)


def door_admin_single(client, name, data):
    response = post_file(
        client, reverse("wagtailimages:add"), {"title": "ภาพจากมือถือ"}, "file", name, data
    )
    if response.status_code == 302:
        return Outcome(True)
    assert response.status_code == 200, response.status_code
    return Outcome(False, english(response.context["form"].errors.get("file", ["?"])))


def door_admin_multiple(client, name, data):
    response = post_file(client, reverse("wagtailimages:add_multiple"), {}, "files[]", name, data)
    assert response.status_code == 200, response.status_code
    body = response.json()
    return Outcome(body["success"], body.get("error_message", ""))


def door_chooser(client, name, data):
    response = post_file(
        client,
        reverse("wagtailimages_chooser:create"),
        {"image-chooser-upload-title": "ภาพจากตัวเลือก"},
        "image-chooser-upload-file",
        name,
        data,
    )
    assert response.status_code == 200, response.status_code
    body = response.json()
    # A photo whose clean pixels match an existing one is stored, and Wagtail asks which to use.
    return Outcome(body["step"] in ("chosen", "duplicate_found"), body.get("htmlFragment", ""))


def door_parked(client, name, data):
    """The multiple uploader parks a file whose title is refused; the editor then completes it."""
    response = post_file(
        client,
        reverse("wagtailimages:add_multiple"),
        {"title": "ชื่อยาวเกินไป" * 40},
        "files[]",
        name,
        data,
    )
    assert response.status_code == 200, response.status_code
    body = response.json()
    if not body["success"]:
        return Outcome(False, body.get("error_message", ""))
    parked = UploadedFile.objects.get(pk=body["uploaded_file_id"])
    # Until the editor finishes, the parked file sits in MEDIA_ROOT, which anyone can read.
    parked_file = Path(parked.file.path)
    parked_files = [(parked_file, parked_file.read_bytes())]
    response = client.post(
        reverse("wagtailimages:create_multiple_from_uploaded_image", args=(parked.pk,)),
        {f"uploaded-image-{parked.pk}-title": "ภาพที่จอดไว้"},
    )
    assert response.status_code == 200, response.status_code
    return Outcome(response.json()["success"], str(response.json()), parked_files)


def door_code(name, data):
    try:
        CustomImage(title="จากสคริปต์", file=ContentFile(data, name=name)).save()
    except ValidationError as error:
        return Outcome(False, english(error.messages))
    return Outcome(True)


def door_factory(name, data):
    try:
        factories.ImageFactory(file=ContentFile(data, name=name))
    except ValidationError as error:
        return Outcome(False, english(error.messages))
    return Outcome(True)


def door_demo(monkeypatch, name, data):
    CustomImage.objects.filter(title__in=[photo[0] for photo in demo.PHOTOS]).delete()
    monkeypatch.setattr(demo, "_drawn_photo", lambda *args: data)
    try:
        demo.load_photos()
    except ValidationError as error:
        return Outcome(False, english(error.messages))
    return Outcome(True)


def door_import(folder, name, data, ref="hostile-1"):
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(data)
    record = {
        "ref": ref,
        "type": "news",
        "locale": "th",
        "title": "ข่าวพร้อมภาพ",
        "networks": ["elderly"],
        "hero_image": name,
        "hero_image_alt": "ภาพประกอบ",
    }
    path = folder / "stories.json"
    path.write_text(json.dumps({"stories": [record]}, ensure_ascii=False), "utf-8")
    try:
        import_stories(path)
    except ImportFileError as error:
        return Outcome(False, " ".join(error.errors))
    return Outcome(True)
