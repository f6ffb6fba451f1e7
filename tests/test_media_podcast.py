"""The audio feed per member network, as a podcast app reads it."""

import feedparser
import pytest

from demo import factories
from news.blocks import StoryBodyBlock
from news.portable import PODCAST_COVER_FILTER
from news.renditions import generate_story_renditions


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    from django.core.cache import cache

    settings.MEDIA_ROOT = str(tmp_path)
    cache.clear()


@pytest.fixture
def story_index(site_tree):
    return factories.StoryIndexPageFactory(parent=site_tree["home_th"], slug="เรื่องราว")


def story_with_body(story_index, network, body=(), **fields):
    """A published story (factories.published_story) with these body blocks."""
    stream = StoryBodyBlock().to_python([{"type": kind, "value": value} for kind, value in body])
    return factories.published_story(story_index, networks=[network], body=stream, **fields)


def audio_block(item):
    return ("audio", {"audio": item.pk, "title": "", "transcript": ""})


def test_network_feed_lists_its_audio_stories_as_episodes(client, story_index):
    radio = factories.NetworkFactory(slug="วิทยุชุมชน", name_th="เครือข่ายวิทยุชุมชน")
    other = factories.NetworkFactory(slug="youth")
    clip = factories.MediaItemFactory(duration=3725, explicit=False, file_size=417)
    poster = factories.ImageFactory()
    clip.poster = poster
    clip.save()
    with_audio = story_with_body(
        story_index, radio, [audio_block(clip)], title="เสียงจากท้องนา", summary="คุยกับชาวนา"
    )
    story_with_body(story_index, radio, title="ข่าวไม่มีเสียง")
    story_with_body(story_index, other, [audio_block(factories.MediaItemFactory())])
    generate_story_renditions.call(with_audio.pk)  # as the worker does once it is published

    response = client.get(f"/th/podcast/{radio.slug}/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    assert feed.namespaces["itunes"] == "http://www.itunes.com/dtds/podcast-1.0.dtd"
    channel = feed.feed
    assert radio.name_th in channel.title
    # Apple's current spec says true/false; feedparser only maps the older yes/clean values.
    assert response.content.count(b"<itunes:explicit>false</itunes:explicit>") == 2
    assert channel.image.href.startswith("http://testserver/")
    assert channel.author_detail.name or channel.author
    assert {tag.term for tag in channel.tags} >= {"News", "Society & Culture"}
    assert len(feed.entries) == 1
    episode = feed.entries[0]
    assert episode.title == with_audio.title
    assert episode.summary == "คุยกับชาวนา"
    assert episode.itunes_duration == "01:02:05"
    cover = poster.renditions.get(filter_spec=PODCAST_COVER_FILTER)
    assert episode.image.href == f"http://testserver{cover.url}"
    enclosure = episode.enclosures[0]
    assert enclosure.href == f"http://testserver{clip.url}"
    assert enclosure.length == "417"
    assert enclosure.type == "audio/mpeg"


def test_feed_in_english_lists_english_stories(client, story_index, locales):
    network = factories.NetworkFactory(slug="elders", name_en="Elderly people's network")
    story_with_body(story_index, network, [audio_block(factories.MediaItemFactory())])

    feed = feedparser.parse(client.get(f"/en/podcast/{network.slug}/").content)

    assert "Elderly people's network" in feed.feed.title
    assert feed.entries == []  # the only story is in Thai


def test_unknown_network_is_not_found(client, site_tree):
    assert client.get("/th/podcast/no-such-network/").status_code == 404


def test_the_feed_costs_no_query_per_story(client, story_index):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    network = factories.NetworkFactory(slug="radio")

    def episode_with_poster():
        clip = factories.MediaItemFactory(poster=factories.ImageFactory())
        story_with_body(story_index, network, [audio_block(clip)])

    def episode_with_the_story_photo():
        clip = factories.MediaItemFactory()
        story_with_body(
            story_index, network, [audio_block(clip)], hero_image=factories.ImageFactory()
        )

    def story_without_sound():
        photo = ("image", {"image": factories.ImageFactory().pk, "caption": ""})
        story_with_body(story_index, network, [photo])

    def feed_queries():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/th/podcast/{network.slug}/")
        assert response.status_code == 200
        return len(queries), len(feedparser.parse(response.content).entries)

    episode_with_poster()
    episode_with_the_story_photo()
    story_without_sound()
    queries, episodes = feed_queries()
    assert episodes == 2
    for _ in range(2):
        episode_with_poster()
        episode_with_the_story_photo()
        story_without_sound()
    assert feed_queries() == (queries, 6)
