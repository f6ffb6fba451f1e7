"""What readers get from the media in a story: responsive pictures, galleries, players with
captions and transcripts, embeds that degrade to a link, and renditions ready on publish."""

import re

import pytest
from django.core.files.base import ContentFile
from django.template import Context, Template
from django.test import RequestFactory, override_settings
from PIL import Image
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from demo import factories
from news.blocks import StoryBodyBlock
from news.portable import story_html
from news.renditions import specs_for_story
from tests import embed_finders

CustomImage = get_image_model()
Rendition = CustomImage.get_rendition_model()

FAKE_FINDER = [{"class": "tests.embed_finders.FakeVideoFinder"}]
UNREACHABLE_FINDER = [{"class": "tests.embed_finders.UnreachableFinder"}]
YOUTUBE = "https://www.youtube.com/watch?v=surin-silk"


@pytest.fixture(autouse=True)
def fresh_media(settings, tmp_path):
    from django.core.cache import cache

    settings.MEDIA_ROOT = str(tmp_path)
    cache.clear()
    embed_finders.CALLS.clear()


@pytest.fixture
def story_index(site_tree):
    return factories.StoryIndexPageFactory(parent=site_tree["home_th"], slug="เรื่องราว")


def body(*blocks):
    return StoryBodyBlock().to_python([{"type": kind, "value": value} for kind, value in blocks])


def render(template, **context):
    request = RequestFactory().get("/th/")
    return Template("{% load wagtailcore_tags %}" + template).render(
        Context({"request": request, **context})
    )


def render_body(story):
    return render("{% include_block page.body %}", page=story)


def media_story(story_index, **extra):
    photos = factories.ImageFactory.create_batch(2)
    audio = factories.MediaItemFactory(transcript="สวัสดีค่ะ ยินดีต้อนรับสู่รายการ")
    video = factories.MediaItemFactory(type="video", title="งานทอผ้า", credit="ทีมเยาวชน")
    video.captions.save("subtitles.vtt", ContentFile(b"WEBVTT\n"), save=True)
    story = factories.NewsPageFactory(
        parent=story_index,
        live=False,
        hero_image=factories.ImageFactory(),
        body=body(
            (
                "gallery",
                {
                    "title": "ภาพบรรยากาศ",
                    "images": [
                        {"image": photos[0].pk, "caption": "", "credit": ""},
                        {"image": photos[1].pk, "caption": "แม่บุญมีสาวไหม", "credit": "นิด"},
                    ],
                },
            ),
            ("audio", {"audio": audio.pk, "title": "", "transcript": ""}),
            ("video", {"video": None, "file": video.pk, "caption": "บรรยากาศงาน"}),
        ),
        **extra,
    )
    return story, photos, audio, video


def test_story_with_gallery_audio_and_video_renders_players(story_index):
    story, photos, audio, video = media_story(story_index)

    html = render_body(story)

    assert html.count('<li class="story-gallery__item">') == 2
    assert "แม่บุญมีสาวไหม" in html and "นิด" in html
    assert photos[0].credit in html  # the image's own credit when the block gives none
    assert f'<source src="{audio.url}" type="audio/mpeg">' in html
    assert "สวัสดีค่ะ ยินดีต้อนรับสู่รายการ" in html  # the recording's transcript
    assert "00:02:05" in html  # its length
    assert f'<source src="{video.url}" type="video/mp4">' in html
    assert re.search(r'<track kind="captions" src="[^"]+\.vtt" srclang="th"', html)
    assert "บรรยากาศงาน" in html


def test_feeds_and_the_api_link_each_video_to_where_it_plays(story_index):
    # The portable body (feeds, the API) linked a video file to "", which the absolute-URL
    # pass turned into the story's own address.
    story, _photos, audio, video = media_story(story_index)
    youtube = {"video": YOUTUBE, "file": None, "caption": "บุญข้าวจี่"}
    story.body.append(("video", StoryBodyBlock().child_blocks["video"].to_python(youtube)))

    html = story_html(story, "https://siang.example/th/story/")

    assert f'<a href="https://siang.example{video.url}">บรรยากาศงาน</a>' in html
    assert f'<a href="{YOUTUBE}">บุญข้าวจี่</a>' in html
    assert f'href="https://siang.example{audio.url}"' in html


def test_picture_has_avif_webp_jpeg_sources_with_sizes_and_dimensions(
    db, django_capture_on_commit_callbacks
):
    # Its renditions made, as the task queued at upload does.
    with django_capture_on_commit_callbacks(execute=True):
        image = factories.ImageFactory()

    html = render('{% include "components/picture.html" with image=image %}', image=image)

    sources = re.findall(r"<source[^>]+>", html)
    assert [re.search(r'type="([^"]+)"', source).group(1) for source in sources] == [
        "image/avif",
        "image/webp",
    ]
    for source in sources:
        assert 'sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)"' in source
        assert re.search(r'srcset="\S+\.width-400\.\w+ 400w, \S+ 640w', source)
    img = re.search(r"<img[^>]+>", html).group(0)
    assert re.search(r'src="\S+\.jpg"', img) and 'srcset="' in img
    assert 'width="400"' in img and 'height="300"' in img
    assert 'loading="lazy"' in img and 'decoding="async"' in img
    assert f'alt="{image.description}"' in img


def test_picture_alt_text_follows_the_page_language(db):
    from django.utils import translation

    image = factories.ImageFactory()
    with translation.override("en"):
        html = render('{% include "components/picture.html" with image=image %}', image=image)
    assert f'alt="{image.alt_text_en}"' in html


def test_first_image_loads_eagerly_when_asked(db):
    image = factories.ImageFactory()
    html = render(
        '{% include "components/picture.html" with image=image loading="eager" %}', image=image
    )
    assert 'loading="eager"' in html


def test_crops_keep_the_focal_point_in_frame(db):
    source = Image.new("RGB", (800, 200), (220, 20, 20))
    source.paste((20, 20, 220), (600, 0, 800, 200))  # blue on the right quarter
    image = factories.ImageFactory(file__from_func=lambda: _as_file(source))
    image.focal_point_x, image.focal_point_y = 700, 100
    image.focal_point_width = image.focal_point_height = 100
    image.save()

    rendition = image.get_rendition(Filter("fill-200x200|format-png"))

    with Image.open(rendition.file.path) as cropped:
        assert cropped.convert("RGB").getpixel((100, 100))[2] > 150


def _as_file(image):
    import io

    output = io.BytesIO()
    image.save(output, format="PNG")
    output.seek(0)
    return output


def test_publishing_pre_generates_the_renditions_readers_need(
    story_index, django_capture_on_commit_callbacks
):
    story, photos, _audio, _video = media_story(story_index)
    wanted = {(image.pk, spec) for image, specs in specs_for_story(story).items() for spec in specs}
    made_at_upload = set(Rendition.objects.values_list("image_id", "filter_spec"))
    assert not wanted <= made_at_upload

    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()

    assert wanted <= set(Rendition.objects.values_list("image_id", "filter_spec"))
    expected = Rendition.objects.count()
    # Rendering the story now creates nothing new: the template asks for exactly these.
    render_body(story)
    render(
        '{% include "components/picture.html" with image=image loading="eager" %}'
        '{% include "components/picture.html" with image=image crop="wide" %}',
        image=story.hero_image,
    )
    assert Rendition.objects.count() == expected


@override_settings(WAGTAILEMBEDS_FINDERS=FAKE_FINDER)
def test_youtube_embed_renders_through_wagtail_embeds(story_index):
    story = factories.NewsPageFactory(
        parent=story_index,
        live=False,
        body=body(("video", {"video": YOUTUBE, "file": None, "caption": "บุญข้าวจี่"})),
    )

    html = render_body(story)

    assert f'<iframe title="video" src="{YOUTUBE}"' in html
    assert embed_finders.CALLS == [YOUTUBE]


@override_settings(WAGTAILEMBEDS_FINDERS=UNREACHABLE_FINDER)
def test_story_still_renders_with_a_link_when_the_provider_is_unreachable(story_index):
    story = factories.NewsPageFactory(
        parent=story_index,
        live=False,
        body=body(("video", {"video": YOUTUBE, "file": None, "caption": "บุญข้าวจี่"})),
    )

    html = render_body(story)

    assert "<iframe" not in html
    assert f'<a href="{YOUTUBE}" rel="noopener">' in html
    assert "บุญข้าวจี่" in html
    assert embed_finders.CALLS == [YOUTUBE]


def test_video_block_needs_exactly_one_source(db):
    from wagtail.blocks import StructBlockValidationError

    block = StoryBodyBlock().child_blocks["video"]
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"video": None, "file": None, "caption": ""}))


def test_by_default_tests_never_reach_an_embed_provider(story_index):
    story = factories.NewsPageFactory(
        parent=story_index,
        live=False,
        body=body(("video", {"video": YOUTUBE, "file": None, "caption": ""})),
    )

    html = render_body(story)

    assert f'<a href="{YOUTUBE}" rel="noopener">' in html
    assert embed_finders.CALLS == [YOUTUBE]
