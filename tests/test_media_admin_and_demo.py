"""The editor's side of the media library, and the demo story with a gallery, sound and video."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from demo import factories
from demo import media as demo
from media_library.models import MediaItem
from news.models import StoryPage


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    from django.core.cache import cache

    settings.MEDIA_ROOT = str(tmp_path)
    cache.clear()


@pytest.fixture
def admin_client(client, db):
    user = factories.UserFactory(username="media-editor", is_superuser=True, is_staff=True)
    client.force_login(user)
    return client


def test_media_admin_pages_open(admin_client):
    audio = factories.MediaItemFactory()
    video = factories.MediaItemFactory(type="video")

    for url in [
        reverse("wagtailmedia:index"),
        reverse("wagtailmedia:add", args=("audio",)),
        reverse("wagtailmedia:add", args=("video",)),
        reverse("wagtailmedia:edit", args=(audio.pk,)),
        reverse("wagtailmedia:edit", args=(video.pk,)),
        reverse("wagtailmedia:chooser_typed", args=("audio",)),
    ]:
        assert admin_client.get(url).status_code == 200, url

    audio_form = admin_client.get(reverse("wagtailmedia:add", args=("audio",))).content.decode()
    assert 'name="transcript"' in audio_form and 'name="network"' in audio_form
    assert 'name="captions"' not in audio_form  # captions are for video
    assert 'name="thumbnail"' not in audio_form  # raw uploads would skip photo cleaning
    video_form = admin_client.get(reverse("wagtailmedia:add", args=("video",))).content.decode()
    assert 'name="captions"' in video_form and 'accept=".vtt,text/vtt"' in video_form


def test_image_form_has_the_credit_fields(admin_client):
    html = admin_client.get(reverse("wagtailimages:add")).content.decode()

    for field in ("description", "alt_text_en", "caption", "credit", "licence", "source"):
        assert f'name="{field}"' in html
    assert "image/heic" in html  # phones may offer HEIC photos in the file picker


def test_demo_story_gets_a_gallery_sound_and_video_once(site_tree):
    index = factories.StoryIndexPageFactory(parent=site_tree["home_th"], slug="เรื่องราว")
    story = factories.NewsPageFactory(parent=index, live=False)

    demo.add_media_to_story(story)
    demo.add_media_to_story(StoryPage.objects.get(pk=story.pk).specific)

    story = StoryPage.objects.get(pk=story.pk).specific
    assert story.live
    assert [block.block_type for block in story.body] == ["gallery", "audio", "video"]
    assert MediaItem.objects.count() == 2
    video = MediaItem.objects.get(type="video")
    assert video.captions.name.endswith(".vtt") and video.poster is not None
    html = Template("{% load wagtailcore_tags %}{% include_block page.body %}").render(
        Context({"request": RequestFactory().get("/th/"), "page": story})
    )
    assert html.count('<figure class="story-figure story-figure--gallery">') == 3
    assert "<audio" in html and "<video" in html and "<track" in html
