"""What keeps a large site fast, checked at a small size: listings that fetch a deep page from
the nearer end, the sitemap in parts, and a search that ranks a bounded number of matches
(docs/performance.md, docs/search.md)."""

import re
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo import factories
from demo.factories import published_story
from distribution.sitemaps import BilingualPagesSitemap
from tests.story_helpers import build_story_site, module_data, story_ids
from thai_search import search as thai_search

pytestmark = pytest.mark.django_db

SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def result_urls(html):
    """The addresses of the search results, in order."""
    return re.findall(r'class="search-result__title"><a href="([^"]+)"', html)


@pytest.fixture(scope="module")
def many_stories(django_db_setup, django_db_blocker):
    """30 Thai stories of one network, newest first."""
    with module_data(django_db_blocker):
        site = build_story_site()
        network = factories.NetworkFactory(slug="weavers")
        yield (
            site,
            [
                published_story(
                    site["th"], days_ago=day, networks=[network], title=f"ทอผ้าไหม {day}"
                )
                for day in range(30)
            ],
        )


def test_the_last_page_is_read_from_the_end_without_a_deep_offset(client, many_stories):
    site, stories = many_stories
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{site['th'].url}?page=3")
    assert response.status_code == 200
    assert story_ids(response.content.decode()) == [story.pk for story in stories[24:]]
    offsets = [query["sql"] for query in queries.captured_queries if "OFFSET 24" in query["sql"]]
    assert offsets == []


def test_pages_past_the_end_show_the_last_page_and_filters_keep_their_pages(client, many_stories):
    site, stories = many_stories
    last = story_ids(client.get(f"{site['th'].url}?page=3").content.decode())
    assert story_ids(client.get(f"{site['th'].url}?page=99999999999").content.decode()) == last
    filtered = f"{site['th'].url}network/weavers/?type=news&page=2"
    assert story_ids(client.get(filtered).content.decode()) == [s.pk for s in stories[12:24]]
    assert client.get(f"{site['th'].url}network/nobody/?page=2").status_code == 404


def test_a_search_matching_more_than_it_ranks_lists_the_newest_and_says_so(
    client, many_stories, monkeypatch
):
    monkeypatch.setattr(thai_search, "RANKED_MATCHES", 10)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/th/search/", {"q": "ทอผ้าไหม"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "More than 10 stories found" in html or "มากกว่า 10" in html
    _site, stories = many_stories
    assert result_urls(html) == [story.url for story in stories[:10]]
    if connection.vendor == "postgresql":
        counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]]
        # The count stops at the limit: a COUNT over a LIMITed subquery, never over every match.
        assert counts and all("LIMIT 11" in sql for sql in counts if "indexentry" in sql)
    # Past the ranked limit there is no page to go to.
    last = client.get("/th/search/", {"q": "ทอผ้าไหม", "page": "99"}).content.decode()
    assert result_urls(last) == [story.url for story in stories[:10]]


def test_a_search_within_the_limit_is_ranked_and_counted_exactly(client, many_stories):
    html = client.get("/th/search/", {"q": "ทอผ้าไหม"}).content.decode()
    heading = re.search(r'id="search-results-heading">(.*?)</h2>', html, re.S).group(1)
    assert re.findall(r"\d+", heading) == ["30"]
    assert "More than" not in heading and "มากกว่า" not in heading
    assert len(result_urls(html)) == 10


def sitemap_locations(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own output)
    return root.tag, [loc.text for loc in root.findall(".//sm:loc", SITEMAP)]


def test_a_large_sitemap_is_an_index_of_parts_that_together_list_every_page(
    client, many_stories, monkeypatch
):
    _tag, whole = sitemap_locations(client, "/sitemap.xml")
    monkeypatch.setattr(BilingualPagesSitemap, "limit", 8)
    tag, parts = sitemap_locations(client, "/sitemap.xml")
    assert tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    assert parts[0] == "http://testserver/sitemap-pages.xml"
    assert parts[1] == "http://testserver/sitemap-pages.xml?p=2"
    listed = []
    for part in parts:
        part_tag, locations = sitemap_locations(client, part.removeprefix("http://testserver"))
        assert part_tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
        listed += locations
    assert sorted(listed) == sorted(whole)
    # A part that does not exist is not found (the site's 404 page), never an error.
    for missing in ("/sitemap-pages.xml?p=999", "/sitemap-pages.xml?p=abc", "/sitemap-other.xml"):
        assert client.get(missing, follow=True).status_code == 404


def test_the_sitemap_counts_its_pages_once_and_reads_the_last_part_from_the_end(
    client, many_stories, monkeypatch
):
    monkeypatch.setattr(BilingualPagesSitemap, "limit", 8)
    with CaptureQueriesContext(connection) as queries:
        _tag, parts = sitemap_locations(client, "/sitemap.xml")
    counts = [query["sql"] for query in queries.captured_queries if "COUNT(" in query["sql"]]
    assert len(counts) == 1
    with CaptureQueriesContext(connection) as queries:
        _tag, last = sitemap_locations(client, parts[-1].removeprefix("http://testserver"))
    assert last
    deep = [query["sql"] for query in queries.captured_queries if " OFFSET " in query["sql"]]
    assert deep == []


def test_routing_listings_and_the_sitemap_have_their_indexes():
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "wagtailcore_page")
    assert indexes["core_page_url_path"]["columns"] == ["url_path"]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'wagtailcore_page'"
            )
            definitions = dict(cursor.fetchall())
        assert "INCLUDE (path, content_type_id)" in definitions["news_live_story_listing_order"]
        assert "USING hash (url_path)" in definitions["core_page_url_path"]
        assert "WHERE live" in definitions["distribution_live_pages_by_path"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plans")
def test_the_route_finds_its_pages_and_their_translations_from_indexes(client, many_stories):
    site, stories = many_stories
    url = stories[0].url
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    (route_sql,) = [q["sql"] for q in queries if "has_view_restriction" in q["sql"]]
    with connection.cursor() as cursor:
        # Whether the planner could find the rows without reading the whole table, as it must
        # on a large site: neither a table scan nor a walk through a whole index.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + route_sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Seq Scan on wagtailcore_page" not in plan, plan
    assert "wagtailcore_page_translation_key_locale_id" in plan, plan
