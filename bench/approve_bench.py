"""An editor approves a story with 5 new phone photos: the approve request's time, before and after.

    .venv/bin/python -m pytest bench/approve_bench.py -m bench -s

(given by path: bench/ is outside the suite's testpaths, so neither `make test` nor CI runs it).
Each photo is a 12-megapixel JPEG made with Pillow, with the EXIF a phone writes (make, model,
serial, GPS), uploaded through the admin's upload form. The youth reporter writes a story with
one as its hero photo and four in the body, submits it, and the network editor approves it.

- before: django-tasks' immediate backend, as main ran until now: publishing makes the story's
  renditions inside the approve request (the photos had none yet).
- after: the site's queue (django-tasks-db's database backend; no worker runs during the
  bench): the upload made each photo's small copy and queued the rest, publishing queues the
  story's renditions.

Figures go to stdout and bench/approve_results.json; docs/media.md quotes them.
"""

import json
import time
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from PIL import Image, ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.test.utils.form_data import streamfield

from media_library.renditions import SMALL_COPY_SPEC, make_missing_renditions
from news.portable import SOCIAL_FILTER
from tests import roles_world
from tests.media_builders import phone_exif, upload

pytestmark = [pytest.mark.bench, pytest.mark.django_db]
RESULTS = Path(__file__).resolve().parent / "approve_results.json"
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PHOTOS_PER_STORY = 5
CustomImage = get_image_model()


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from roles_world.module_newsroom(django_db_setup, django_db_blocker)


@pytest.fixture(scope="module")
def phone_photo():
    """A 4000×3000 photo with grain, so the encoders work as hard as on a real one."""
    width, height = 4000, 3000
    bands = [
        Image.effect_noise((width // 32, height // 32), 70).resize(
            (width, height), Image.Resampling.BICUBIC
        )
        for _ in range(3)
    ]
    grain = Image.effect_noise((width, height), 10).convert("RGB")
    return Image.blend(Image.merge("RGB", bands), grain, 0.15)


def jpeg_bytes(photo, number):
    import io

    marked = photo.copy()
    ImageDraw.Draw(marked).rectangle((0, 0, 400, 400), fill=(number * 40 % 255, 90, 30))
    output = io.BytesIO()
    marked.save(output, format="JPEG", quality=90, exif=phone_exif())
    return output.getvalue()


def upload_photos(client, world, photos, label):
    """Uploads the photos as the reporter does; returns the images and each upload's seconds."""
    client.force_login(world.people.reporter)
    images, seconds = [], []
    for number, data in enumerate(photos):
        title = f"{label} {number}"
        started = time.perf_counter()
        response = client.post(
            reverse("wagtailimages:add"),
            {
                "title": title,
                "description": "ภาพงานบุญ",
                "collection": world.collections.youth.pk,
                "file": upload(f"IMG_{number:04d}.jpg", data),
            },
        )
        seconds.append(time.perf_counter() - started)
        assert response.status_code == 302, response.context["form"].errors
        images.append(CustomImage.objects.get(title=title))
    return images, seconds


def submitted_story(client, world, images, title):
    hero, *inline = images
    body = [("image", {"image": image.pk, "caption": "", "credit": ""}) for image in inline]
    return roles_world.reporter_adds_story(
        client, world, title, "ภาพงานบุญบั้งไฟ", hero_image=hero.pk, body=streamfield(body)
    )


def approve(client, world, page, capture):
    client.force_login(world.people.editor)
    state = page.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])
    started = time.perf_counter()
    # The request's own commit runs what publishing left for it, as in production.
    with capture(execute=True):
        response = client.post(url, {"comment": ""})
    seconds = time.perf_counter() - started
    assert response.status_code < 400
    assert Page.objects.get(pk=page.pk).live
    return seconds


def test_approving_a_story_with_five_new_phone_photos(
    client, world, phone_photo, django_capture_on_commit_callbacks
):
    figures = {}
    photos = [jpeg_bytes(phone_photo, number) for number in range(2 * PHOTOS_PER_STORY)]
    figures["photo_megabytes"] = round(sum(map(len, photos)) / len(photos) / 1e6, 1)
    cache.clear()

    with override_settings(TASKS=QUEUE):
        images, seconds = upload_photos(client, world, photos[:PHOTOS_PER_STORY], "before")
        # Main made no rendition at upload: the approval found none.
        for image in images:
            image.renditions.all().delete()
        page = submitted_story(client, world, images, "งานบุญก่อน")
    with override_settings(TASKS=IMMEDIATE):
        figures["before_approve_seconds"] = round(
            approve(client, world, page, django_capture_on_commit_callbacks), 2
        )
    figures["before_renditions_made_in_request"] = sum(image.renditions.count() for image in images)

    with override_settings(TASKS=QUEUE):
        images, seconds = upload_photos(client, world, photos[PHOTOS_PER_STORY:], "after")
        figures["upload_seconds_each"] = [round(value, 2) for value in seconds]
        page = submitted_story(client, world, images, "งานบุญหลัง")
        renditions_before = sum(image.renditions.count() for image in images)
        figures["after_approve_seconds"] = round(
            approve(client, world, page, django_capture_on_commit_callbacks), 2
        )
        figures["after_renditions_made_in_request"] = (
            sum(image.renditions.count() for image in images) - renditions_before
        )
        figures["after_tasks_queued"] = sorted(
            set(DBTaskResult.objects.values_list("task_path", flat=True))
        )

    # What the upload adds: the small copy and the Open Graph card of one photo, remade.
    image = images[0]
    image.renditions.all().delete()
    started = time.perf_counter()
    make_missing_renditions(image, [SMALL_COPY_SPEC, SOCIAL_FILTER])
    figures["upload_renditions_seconds"] = round(time.perf_counter() - started, 2)
    image.renditions.all().delete()
    started = time.perf_counter()
    make_missing_renditions(image, [SMALL_COPY_SPEC])
    figures["small_copy_seconds"] = round(time.perf_counter() - started, 2)
    figures["small_copy_bytes"] = image.renditions.get().file.size

    print(json.dumps(figures, indent=2))
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n", "utf-8")
    assert figures["after_approve_seconds"] < 1
    assert figures["after_renditions_made_in_request"] == 0
