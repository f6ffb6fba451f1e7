"""Feeds, sitemaps and the API cost the same number of queries for 5 stories or 10."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from demo import factories

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
