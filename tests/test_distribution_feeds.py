"""RSS and Atom feeds: valid for feedparser, scoped correctly, full content, stable GUIDs."""

import calendar
from urllib.parse import quote

import feedparser
import pytest
from django.template import Context, Template
from django.utils import translation

from news.models import Tag
from tests.distribution_fixtures import SECRET_DRAFT, SECRET_PRIVATE

SCOPED = {
    ("type", "news"): {"news"},
    ("type", "local-wisdom"): {"wisdom"},
    ("type", "culture"): {"culture"},
    ("network", "media"): {"news"},
    ("network", "youth"): {"wisdom", "culture"},
    ("topic", "agriculture"): {"news"},
    ("tag", "ผ้าไหม"): {"news"},
    ("reporter", "somchai"): {"news"},
}


def feed_path(language, format_name, scope=None, slug=None):
    if scope is None:
        return f"/{language}/feeds/{format_name}/"
    return f"/{language}/feeds/{format_name}/{scope}/{quote(slug)}/"


def fetch(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, (path, parsed.get("bozo_exception"))
    return response, parsed


def timestamp(struct_time):
    return calendar.timegm(struct_time)


def test_every_feed_parses_and_lists_its_own_stories_in_both_languages(stories, client):
    english_titles = {"news": stories["news_en"].title}
    for format_name, content_type in (
        ("rss", "application/rss+xml"),
        ("atom", "application/atom+xml"),
    ):
        for scope, expected in [((None, None), {"news", "wisdom", "culture"}), *SCOPED.items()]:
            response, parsed = fetch(client, feed_path("th", format_name, *scope))
            assert response["Content-Type"].startswith(content_type)
            titles = {entry.title for entry in parsed.entries}
            assert titles == {stories[key].title for key in expected}, scope
            body = response.content.decode()
            assert SECRET_DRAFT not in body and SECRET_PRIVATE not in body

            response, parsed = fetch(client, feed_path("en", format_name, *scope))
            titles = {entry.title for entry in parsed.entries}
            assert titles == {english_titles[key] for key in expected if key in english_titles}
            assert parsed.feed.language == "en" if format_name == "rss" else True


def test_rss_entry_carries_full_content_photo_dates_author_and_corrections(stories, client):
    news = stories["news"]
    _, parsed = fetch(client, "/th/feeds/rss/")
    entry = next(e for e in parsed.entries if e.title == news.title)
    assert entry.id == f"tag:testserver,2026:story:{news.pk}"
    assert entry.guidislink is False
    assert entry.link == "http://testserver" + news.url
    assert timestamp(entry.published_parsed) == int(news.first_published_at.timestamp())
    assert entry.summary == news.summary
    assert entry.author == "สมชาย ใจดี"
    assert {tag.term for tag in entry.tags} >= {"เครือข่ายสื่อ", "เกษตร", "ผ้าไหม"}
    [enclosure] = entry.enclosures
    assert enclosure.href.startswith("http://testserver/media/images/")
    assert enclosure.type == "image/jpeg" and int(enclosure.length) > 0
    assert entry.media_content[0]["url"] == enclosure.href
    content = entry.content[0].value
    assert "แก้ชื่อหมู่บ้านให้ถูกต้อง" in content  # the correction is noted
    assert 'href="http://testserver/th/"' in content  # internal links made absolute
    assert 'href="https://example.org/silk"' in content
    assert 'src="http://testserver/media/images/' in content
    assert "ผ้าทุกผืนมีเรื่องเล่า" in content  # the body, not only the summary


def test_atom_entry_has_published_and_updated_dates(stories, client):
    news = stories["news"]
    _, parsed = fetch(client, "/th/feeds/atom/")
    assert parsed.version == "atom10"
    entry = next(e for e in parsed.entries if e.title == news.title)
    assert entry.id == f"tag:testserver,2026:story:{news.pk}"
    assert timestamp(entry.published_parsed) == int(news.first_published_at.timestamp())
    assert timestamp(entry.updated_parsed) == int(news.last_published_at.timestamp())
    assert entry.summary == news.summary
    assert "แก้ชื่อหมู่บ้านให้ถูกต้อง" in entry.content[0].value
    assert any(link.rel == "enclosure" for link in entry.links)


def test_entries_are_newest_first(stories, client):
    _, parsed = fetch(client, "/th/feeds/rss/")
    assert [entry.title for entry in parsed.entries] == [
        stories[key].title for key in ("news", "culture", "wisdom")
    ]


def test_guid_stays_when_the_slug_changes(stories, client):
    news = stories["news"]
    _, before = fetch(client, "/th/feeds/rss/type/news/")
    news.slug = "ผ้าไหมลายใหม่"
    news.save_revision().publish()
    _, after = fetch(client, "/th/feeds/rss/type/news/")
    assert after.entries[0].id == before.entries[0].id
    assert after.entries[0].link != before.entries[0].link


@pytest.mark.parametrize(
    "path",
    [
        "/th/feeds/rss/network/no-such-network/",
        "/th/feeds/atom/topic/no-such-topic/",
        "/en/feeds/rss/tag/no-such-tag/",
        "/en/feeds/atom/reporter/no-such-reporter/",
        "/th/feeds/rss/type/podcast/",
        "/th/feeds/rss/colour/green/",
    ],
)
def test_unknown_feeds_are_not_found(site_tree, client, path):
    assert client.get(path).status_code == 404


def test_pages_link_their_feeds_in_the_head_and_footer(stories, client):
    html = client.get("/en/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="/en/feeds/rss/"' in html and 'href="/en/feeds/atom/"' in html
    footer = html[html.index("<footer") :]
    assert 'href="/en/feeds/rss/"' in footer


def test_a_network_page_links_that_networks_feed(stories, client):
    html = client.get("/en/networks/media/").content.decode()
    assert (
        'type="application/rss+xml" title="Media (RSS)" href="/en/feeds/rss/network/media/"' in html
    )


def test_feeds_may_be_cached_for_ten_minutes(stories, client):
    response = client.get("/en/feeds/atom/")
    assert "max-age=600" in response["Cache-Control"] and "public" in response["Cache-Control"]
    assert response["Last-Modified"]


def test_feed_titles_say_what_they_follow(stories, client):
    _, network = fetch(client, "/en/feeds/rss/network/media/")
    assert network.feed.title == "Siang Chumchon: Media"
    assert network.feed.link == "http://testserver/en/networks/media/"
    _, reporter = fetch(client, "/en/feeds/atom/reporter/somchai/")
    assert reporter.feed.subtitle == "The newest stories by สมชาย ใจดี."


@pytest.mark.parametrize(
    "kind, value, href",
    [
        ("topic", "topic", "/en/feeds/rss/topic/agriculture/"),
        ("tag", "tag", "/en/feeds/rss/tag/%E0%B8%9C%E0%B9%89%E0%B8%B2%E0%B9%84%E0%B8%AB%E0%B8%A1/"),
        ("reporter", "reporter", "/en/feeds/rss/reporter/somchai/"),
        ("type", "news", "/en/feeds/rss/type/news/"),
    ],
)
def test_a_story_listing_links_the_feed_of_what_it_lists(stories, kind, value, href):
    records = {"topic": stories["topic"], "tag": Tag.objects.get(name="ผ้าไหม")}
    records["reporter"] = stories["reporter"]
    context = {"listing_kind": kind, "filters": {kind: records.get(value, value)}}
    with translation.override("en"):
        html = Template("{% load distribution_tags %}{% feed_links %}").render(Context(context))
    assert 'type="application/rss+xml"' in html and f'href="{href}"' in html
    assert 'href="/en/feeds/atom/' in html


def test_a_photo_missing_from_storage_leaves_the_feed_readable(stories, client):
    from news import portable

    news = stories["news"]
    rendition = portable.hero_rendition(type(news).objects.get(pk=news.pk))
    rendition.file.storage.delete(rendition.file.name)
    response, parsed = fetch(client, "/th/feeds/rss/")
    entry = next(e for e in parsed.entries if e.title == news.title)
    [enclosure] = entry.enclosures
    assert response.status_code == 200 and enclosure.length == "0"


def test_a_feed_reads_each_main_photo_without_making_or_rewriting_it(stories, client, monkeypatch):
    from wagtail.images.models import AbstractImage

    from media_library.renditions import full_set, make_missing_renditions
    from news.portable import HERO_FILTER

    make_missing_renditions(stories["photo"], full_set())  # as the worker does after upload
    asked = []
    get_rendition = AbstractImage.get_rendition

    def recording_get_rendition(image, spec):
        # Wagtail's get_rendition writes the rendition to the cache on every call.
        asked.append(getattr(spec, "spec", spec))
        return get_rendition(image, spec)

    monkeypatch.setattr(AbstractImage, "get_rendition", recording_get_rendition)
    _, parsed = fetch(client, "/th/feeds/rss/")
    entry = next(e for e in parsed.entries if e.title == stories["news"].title)
    assert entry.enclosures and entry.media_content
    assert HERO_FILTER not in asked


def test_a_feed_draws_body_photos_from_the_renditions_made_after_upload(stories, client):
    from media_library.renditions import full_set, make_missing_renditions

    photo = stories["news"].hero_image
    make_missing_renditions(photo, full_set())  # what the background task makes after upload
    made = photo.renditions.count()
    _, parsed = fetch(client, "/th/feeds/rss/")
    entry = next(e for e in parsed.entries if e.title == stories["news"].title)
    assert entry.content[0].value.count("<img ") == 2  # the main photo and the body's
    assert photo.renditions.count() == made  # none made while the feed reader waited


def test_a_bucket_that_cannot_say_a_photos_size_leaves_the_feed_readable(
    stories, client, monkeypatch
):
    from news import portable

    class BucketError(Exception):
        """What an S3 client raises (botocore's ClientError is no OSError)."""

    news = stories["news"]
    storage = portable.hero_rendition(type(news).objects.get(pk=news.pk)).file.storage

    def size(name):
        raise BucketError("403 Forbidden")

    monkeypatch.setattr(storage, "size", size)
    _, parsed = fetch(client, "/th/feeds/rss/")
    entry = next(e for e in parsed.entries if e.title == news.title)
    assert entry.enclosures[0].length == "0"
