"""Renditions are made in the background: a reader never waits for one, never gets the original.

An upload makes one small copy at once and queues the full set; a story page whose renditions
are not made yet shows the small copy and queues them; once the tasks have run it shows every
size, and the pages showing the photos are purged from the frontend cache. The queue here is
django-tasks' DummyBackend, which keeps what is queued until the test runs it, as a worker would.
"""

import json
import re

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import TestCase
from django.urls import reverse
from django_tasks import task_backends
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.images import get_image_model
from wagtail.test.utils.form_data import streamfield

from demo import factories
from media_library.renditions import SMALL_COPY_SPEC, generate_image_renditions
from news.portable import HERO_FILTER, PODCAST_COVER_FILTER, SOCIAL_FILTER
from news.renditions import generate_story_renditions
from page_cache.purging import wait_for_purges
from tests import roles_world, upload_doors
from tests.media_builders import phone_photo_bytes, upload

CustomImage = get_image_model()
Rendition = CustomImage.get_rendition_model()
PHOTO = phone_photo_bytes("JPEG", orientation=1, width=1000, height=750)
PURGED = []


class RecordingCacheBackend(BaseBackend):
    """A frontend cache that writes down what it is asked to purge."""

    def purge(self, url):
        PURGED.append(url)


@pytest.fixture
def queue(settings):
    """Tasks wait in django-tasks' DummyBackend until ``run_queued`` runs them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.WAGTAILFRONTENDCACHE = {"recording": {"BACKEND": f"{__name__}.RecordingCacheBackend"}}
    cache.clear()
    PURGED.clear()
    backend = task_backends["default"]
    backend.clear()
    yield backend
    backend.clear()


RENDITION_TASKS = {"generate_image_renditions", "generate_story_renditions"}


def queued(backend):
    """The rendition tasks waiting (Wagtail queues its search and reference indexing too)."""
    return [
        (result.task.name, tuple(result.args))
        for result in backend.results
        if result.task.name in RENDITION_TASKS
    ]


def run_queued(backend):
    """Runs what is queued, and what that queues, as the worker does; then waits for the
    purges they started (page_cache.purging sends them from a thread of their own, once the
    change is committed: at once in the worker, which runs outside a transaction)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        while backend.results:
            result = backend.results.pop(0)
            result.task.call(*result.args, **result.kwargs)
    wait_for_purges()


def specs_of(image):
    return set(image.renditions.values_list("filter_spec", flat=True))


def phone_image(django_capture_on_commit_callbacks, **extra):
    with django_capture_on_commit_callbacks(execute=True):
        return factories.ImageFactory(
            file=ContentFile(PHOTO, name="IMG_2041.jpg"), description="ภาพงานบุญ", **extra
        )


def assert_small_copy_made_and_rest_queued(image, backend):
    assert specs_of(image) == {SMALL_COPY_SPEC, SOCIAL_FILTER}
    small_copy = image.renditions.get(filter_spec=SMALL_COPY_SPEC)
    assert (small_copy.width, small_copy.height) == (480, 360)
    assert queued(backend) == [("generate_image_renditions", (image.pk,))]


def test_an_admin_upload_makes_the_small_copy_and_queues_the_rest(
    admin_client, queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("wagtailimages:add"),
            {"title": "งานบุญ", "file": upload("IMG_2041.jpg", PHOTO)},
        )

    assert response.status_code == 302
    assert_small_copy_made_and_rest_queued(CustomImage.objects.get(), queue)


def test_the_multiple_uploader_makes_the_small_copy_and_queues_the_rest(
    admin_client, queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        outcome = upload_doors.door_admin_multiple(admin_client, "IMG_2042.jpg", PHOTO)

    assert outcome.accepted
    assert_small_copy_made_and_rest_queued(CustomImage.objects.get(), queue)


def test_an_imported_photo_gets_its_small_copy_and_queues_the_rest(
    site_tree, queue, tmp_path, django_capture_on_commit_callbacks
):
    factories.StoryIndexPageFactory(parent=site_tree["home_th"], slug="เรื่องราว")
    factories.NetworkFactory(slug="elderly")

    with django_capture_on_commit_callbacks(execute=True):
        outcome = upload_doors.door_import(tmp_path, "IMG_2043.jpg", PHOTO)

    assert outcome.accepted, outcome.message
    image = CustomImage.objects.get()
    assert specs_of(image) == {SMALL_COPY_SPEC, SOCIAL_FILTER}
    assert ("generate_image_renditions", (image.pk,)) in queued(queue)


def test_a_replaced_photo_gets_a_new_small_copy(
    admin_client, queue, django_capture_on_commit_callbacks
):
    image = phone_image(django_capture_on_commit_callbacks)
    queue.clear()
    taller = phone_photo_bytes("JPEG", width=600, height=900)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("wagtailimages:edit", args=[image.pk]),
            {"title": image.title, "file": upload("IMG_2044.jpg", taller)},
        )

    assert response.status_code == 302
    small_copy = image.renditions.get(filter_spec=SMALL_COPY_SPEC)
    assert (small_copy.width, small_copy.height) == (480, 720)
    # Queued by the save and again after Wagtail dropped the old renditions: the second run
    # makes what the first may have made too early.
    assert set(queued(queue)) == {("generate_image_renditions", (image.pk,))}


@pytest.fixture
def story_with_new_photo(story_index, queue, django_capture_on_commit_callbacks):
    """A live story whose hero photo and body photo were just uploaded: only their small
    copies exist, the rest is queued."""
    hero = phone_image(django_capture_on_commit_callbacks)
    inline = phone_image(django_capture_on_commit_callbacks, title="ภาพในเนื้อเรื่อง")
    body = json.dumps(
        [{"type": "image", "value": {"image": inline.pk, "caption": "", "credit": ""}}]
    )
    with django_capture_on_commit_callbacks(execute=True):
        story = factories.published_story(story_index["th"], "news", hero_image=hero, body=body)
    return story, hero, inline


def test_a_story_whose_renditions_are_missing_shows_the_small_copies_and_makes_none(
    client, queue, story_with_new_photo, django_capture_on_commit_callbacks
):
    story, hero, inline = story_with_new_photo
    renditions_before = Rendition.objects.count()
    queue.clear()
    cache.clear()  # more than QUEUE_AGAIN_AFTER since the uploads queued their renditions

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(story.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert Rendition.objects.count() == renditions_before
    for image in (hero, inline):
        small_copy = image.renditions.get(filter_spec=SMALL_COPY_SPEC)
        img = re.search(rf'<img[^>]*src="{re.escape(small_copy.url)}"[^>]*>', html).group(0)
        # The layout size of the full picture (its 400-pixel JPEG), the alt text unchanged.
        assert 'width="400"' in img and 'height="300"' in img
        assert f'alt="{image.description}"' in img
        assert image.file.url not in html
    # Each photo's renditions queued once, however many times the page draws it.
    assert sorted(queued(queue)) == sorted(
        [("generate_image_renditions", (hero.pk,)), ("generate_image_renditions", (inline.pk,))]
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.get(story.url)
    assert len(queued(queue)) == 2


def test_once_the_tasks_have_run_the_story_shows_every_size(client, queue, story_with_new_photo):
    story, hero, _inline = story_with_new_photo

    run_queued(queue)
    html = client.get(story.url).content.decode()

    small_copy = hero.renditions.get(filter_spec=SMALL_COPY_SPEC)
    assert small_copy.url not in html
    picture = re.search(r"<picture>.*?</picture>", html, re.S).group(0)
    assert 'type="image/avif"' in picture and 'type="image/webp"' in picture
    for width in (400, 800, 1200):
        assert f"format-avif.width-{width}.avif" in picture
    assert hero.file.url not in html


def test_a_picture_finds_its_renditions_in_one_query(
    db, queue, django_capture_on_commit_callbacks, django_assert_num_queries
):
    from django.template import Context, Template

    image = phone_image(django_capture_on_commit_callbacks)
    image = CustomImage.objects.get(pk=image.pk)
    template = Template('{% include "components/picture.html" with image=image %}')

    with django_assert_num_queries(1):
        template.render(Context({"image": image}))


def test_the_story_page_is_purged_when_its_renditions_are_done(
    queue, story_with_new_photo, site_tree
):
    story, _hero, _inline = story_with_new_photo
    assert ("generate_story_renditions", (story.pk,)) in queued(queue)
    wait_for_purges()
    PURGED.clear()  # what publishing purged

    run_queued(queue)

    assert story.full_url in PURGED
    assert story.get_parent().full_url in PURGED


def test_a_photo_uploaded_into_a_live_story_purges_it_when_its_renditions_are_done(
    story_index, queue, django_capture_on_commit_callbacks
):
    story = factories.published_story(story_index["th"], "news")
    run_queued(queue)
    PURGED.clear()
    photo = phone_image(django_capture_on_commit_callbacks)
    story.hero_image = photo
    story.save_revision().publish()
    queue.clear()  # only the upload's task, not the one publishing queued

    with django_capture_on_commit_callbacks(execute=True):
        generate_image_renditions.call(photo.pk)
    run_queued(queue)

    assert story.full_url in PURGED


def test_running_the_renditions_tasks_twice_is_harmless(queue, story_with_new_photo):
    story, hero, _inline = story_with_new_photo
    run_queued(queue)
    renditions = set(Rendition.objects.values_list("pk", "file"))
    PURGED.clear()

    assert generate_story_renditions.call(story.pk) == 0
    assert generate_image_renditions.call(hero.pk) == 0

    assert set(Rendition.objects.values_list("pk", "file")) == renditions
    run_queued(queue)
    assert PURGED == []  # nothing changed, nothing to purge


def test_the_tasks_skip_a_deleted_photo_or_story(db, queue):
    assert generate_image_renditions.call(987654) == 0
    assert generate_story_renditions.call(987654) == 0


def test_a_feed_shows_the_small_copy_of_a_new_photo_and_makes_no_rendition(
    client, queue, story_with_new_photo, django_capture_on_commit_callbacks
):
    story, hero, _inline = story_with_new_photo
    renditions_before = Rendition.objects.count()
    queue.clear()
    cache.clear()

    with django_capture_on_commit_callbacks(execute=True):
        feed = client.get("/th/feeds/rss/").content.decode()

    assert Rendition.objects.count() == renditions_before
    small_copy = hero.renditions.get(filter_spec=SMALL_COPY_SPEC)
    assert f'url="http://testserver{small_copy.url}"' in feed  # the enclosure
    assert hero.file.url not in feed
    assert ("generate_image_renditions", (hero.pk,)) in queued(queue)

    run_queued(queue)
    feed = client.get("/th/feeds/rss/").content.decode()

    assert hero.renditions.get(filter_spec=HERO_FILTER).url in feed
    assert small_copy.url not in feed


def test_a_podcast_feed_makes_no_cover_and_shows_them_once_the_worker_has(
    client, site_tree, story_index, queue, django_capture_on_commit_callbacks
):
    """Podcast apps want 1400-pixel squares: the feed shows the association's cover and no
    episode picture until the worker has made them, then the feed is purged."""
    logo = phone_image(django_capture_on_commit_callbacks, title="โลโก้เครือข่าย")
    poster = phone_image(django_capture_on_commit_callbacks, title="ภาพปกรายการ")
    network = factories.NetworkFactory(slug="radio", logo=logo)
    clip = factories.MediaItemFactory(poster=poster)
    body = json.dumps(
        [{"type": "audio", "value": {"audio": clip.pk, "title": "", "transcript": ""}}]
    )
    factories.published_story(story_index["th"], "news", networks=[network], body=body)
    queue.clear()
    cache.clear()
    renditions_before = Rendition.objects.count()
    feed_url = f"/th/podcast/{network.slug}/"

    with django_capture_on_commit_callbacks(execute=True):
        feed = client.get(feed_url).content.decode()

    assert Rendition.objects.count() == renditions_before
    assert '<itunes:image href="http://testserver/static/media_library/podcast-cover' in feed
    assert feed.count("<itunes:image") == 1  # the channel's only: the episode shows it
    for image in (logo, poster):
        assert ("generate_image_renditions", (image.pk, [PODCAST_COVER_FILTER])) in queued(queue)
    wait_for_purges()
    PURGED.clear()

    run_queued(queue)

    assert f"http://localhost{feed_url}" in PURGED
    feed = client.get(feed_url).content.decode()
    for image in (logo, poster):
        cover = image.renditions.get(filter_spec=PODCAST_COVER_FILTER)
        assert (cover.width, cover.height) == (750, 750)  # as large as the photo allows
        assert f'<itunes:image href="http://testserver{cover.url}"' in feed
    assert "podcast-cover" not in feed


def test_a_network_given_a_logo_has_its_podcast_cover_queued(
    db, queue, django_capture_on_commit_callbacks
):
    logo = phone_image(django_capture_on_commit_callbacks, title="โลโก้เครือข่าย")
    network = factories.NetworkFactory(slug="elders")
    queue.clear()
    cache.clear()

    with django_capture_on_commit_callbacks(execute=True):
        network.logo = logo
        network.save()

    assert queued(queue) == [("generate_image_renditions", (logo.pk, [PODCAST_COVER_FILTER]))]


def test_a_video_poster_just_uploaded_shows_its_small_copy_and_makes_nothing(
    client, story_index, queue, django_capture_on_commit_callbacks
):
    # Wagtail's {% image %} in the video's template drew the 1200-pixel poster inside the
    # reader's request (about half a second for a phone photo).
    poster = phone_image(django_capture_on_commit_callbacks, title="ภาพปกวิดีโอ")
    video = factories.MediaItemFactory(type="video", poster=poster)
    body = json.dumps(
        [{"type": "video", "value": {"video": None, "file": video.pk, "caption": "งานบุญ"}}]
    )
    story = factories.published_story(story_index["th"], "news", body=body)
    queue.clear()
    cache.clear()
    renditions_before = Rendition.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        html = client.get(story.url).content.decode()

    assert Rendition.objects.count() == renditions_before
    small_copy = poster.renditions.get(filter_spec=SMALL_COPY_SPEC)
    assert f'poster="{small_copy.url}"' in html
    assert ("generate_image_renditions", (poster.pk,)) in queued(queue)

    run_queued(queue)

    html = client.get(story.url).content.decode()
    assert f'poster="{poster.renditions.get(filter_spec=HERO_FILTER).url}"' in html


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from roles_world.module_newsroom(django_db_setup, django_db_blocker)


def test_approving_a_story_with_photos_under_the_immediate_backend_publishes_every_size(
    db, client, world, django_capture_on_commit_callbacks
):
    photo = phone_image(django_capture_on_commit_callbacks, collection=world.collections.youth)
    with django_capture_on_commit_callbacks(execute=True):
        page = roles_world.reporter_adds_story(
            client,
            world,
            "งานบุญบั้งไฟ",
            "ภาพงานบุญ",
            body=streamfield([("image", {"image": photo.pk, "caption": "", "credit": ""})]),
        )
    photo.renditions.exclude(filter_spec=SMALL_COPY_SPEC).delete()
    state = page.current_workflow_state.current_task_state
    client.force_login(world.people.editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk]),
            {"comment": ""},
        )

    assert response.status_code < 400
    page.refresh_from_db()
    assert page.live
    assert "format-avif|width-1200" in specs_of(photo)
