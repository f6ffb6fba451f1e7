"""Feeds, sitemaps and the API cost the same number of queries for 5 stories or 10."""

import json

import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from demo import factories
from media_library.renditions import full_set, make_missing_renditions

URLS = (
    "/th/feeds/rss/",
    "/th/feeds/atom/network/media/",
    "/sitemap.xml",
    "/news-sitemap.xml",
    "/api/v2/pages/?type=news.StoryPage&fields=*",
)


def query_counts(client):
    counts = {}
    for url in URLS:
        client.get(url)  # the first request fills the caches (sites, the site's root paths)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[url] = len(queries)
    return counts


def test_query_count_does_not_grow_with_the_number_of_stories(stories, client):
    before = query_counts(client)
    for number in range(5):
        story = factories.NewsPageFactory(
            parent=stories["index_th"],
            title=f"ข่าวเพิ่มเติม {number}",
            networks=[stories["media"]],
            hero_image=stories["photo"],
            first_published_at=timezone.now(),
            last_published_at=timezone.now(),
        )
        story.tags.add("ผ้าไหม")
        story.save()
    after = query_counts(client)
    assert after == before
    assert "ข่าวเพิ่มเติม 4" in client.get("/news-sitemap.xml").content.decode()


def test_a_feeds_body_photos_cost_one_query_per_story_not_per_photo(stories, client):
    """A story's body photos are loaded together (Wagtail's chooser block), and their
    renditions are found in Wagtail's rendition cache from the second reading on, as with
    Wagtail's own {% image %}. A size still being made is looked for again on each reading
    (the small copy is shown meanwhile), until the worker has made it."""
    url = "/th/feeds/rss/"
    before = query_counts(client)[url]

    def story_with_photos(count):
        photos = [wagtail_factories.ImageFactory() for _ in range(count)]
        body = [{"type": "image", "value": {"image": photo.pk, "caption": ""}} for photo in photos]
        factories.NewsPageFactory(
            parent=stories["index_th"],
            networks=[stories["media"]],
            body=json.dumps(body),
            first_published_at=timezone.now(),
            last_published_at=timezone.now(),
        )
        return photos

    def worker_makes_renditions(photos):
        for photo in photos:
            make_missing_renditions(photo, full_set())

    worker_makes_renditions(story_with_photos(1))
    assert query_counts(client)[url] == before + 1
    worker_makes_renditions(story_with_photos(3))
    assert query_counts(client)[url] == before + 2
    being_made = story_with_photos(3)
    assert query_counts(client)[url] == before + 3 + len(being_made)
    worker_makes_renditions(being_made)
    assert query_counts(client)[url] == before + 3
