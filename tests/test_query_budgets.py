"""Query budgets: what a reader's page costs in SQL queries when it is not cached anywhere.

Each page is built twice, from a small world (1 network, topic, tag, reporter, photo, body
block of each kind, 3 stories) and from a large one (8 of each, 24 stories), and must cost the
same number of queries, within its budget (docs/frontend.md, "Where pages get their data").
Measured as a server that has served some other page before sees it: the cache is emptied,
another page is served (which keeps the site's own lookups: Wagtail's site root paths, the
site, the contact details), then the page is requested. The pages must still show what a
reader sees: titles, photos, bylines, tags, the language switch.
"""

import re
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction, Site

from core.compiled_queries import evaluate
from demo import factories
from demo.factories import published_story
from home.models import ContactSettings
from news.models import StoryCorrection, StoryPage
from news.models.pages import STORY_LISTS
from news.models.story_lists import story_lists, story_lists_query
from tests.story_helpers import build_story_site, make_story_world, module_data, story_ids

pytestmark = pytest.mark.django_db

BUDGETS = {
    "story": 12,
    "listing": 10,
    "home": 10,
    "network": 9,
    "networks": 5,
    "search": 11,
}
# Not counted: statements that read no data, only open or close a transaction or set its
# limits (search's time limit on PostgreSQL sets its statement_timeout inside a savepoint, and
# inside the test's own transaction reads the limit it puts back).
TRANSACTION_CONTROL = (
    "SAVEPOINT",
    "RELEASE SAVEPOINT",
    "ROLLBACK",
    "SET ",
    "SELECT SET_CONFIG('STATEMENT_TIMEOUT'",
    "SHOW ",
    "BEGIN",
    "COMMIT",
)
# Served before each measurement, after the cache is emptied: not one of the pages measured.
WARM_UP_URL = "/th/"


def listing_urls(prefix):
    return {
        "all": "/en/stories/",
        "type": "/en/stories/type/culture/",
        "network": f"/en/stories/network/{prefix}-network-0/",
        "topic": f"/en/stories/topic/{prefix}-topic-0/",
        "tag": f"/en/stories/tag/{quote(prefix + '-tag-0')}/",
        "district": "/en/stories/district/prasat/",
        "reporter": f"/en/stories/reporter/{prefix}-reporter-0/",
        "filtered": f"/en/stories/?type=news&topic={prefix}-topic-0&network={prefix}-network-0",
    }


def cold_get(client, url):
    """The page's queries and response, the page cached nowhere (module docstring)."""
    assert client.get(url).status_code == 200, url  # a photo's missing renditions are queued
    cache.clear()
    assert client.get(WARM_UP_URL).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(data_queries(queries)), response.content.decode()


def data_queries(queries):
    return [
        query
        for query in queries.captured_queries
        if not query["sql"].lstrip().upper().startswith(TRANSACTION_CONTROL)
    ]


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with module_data(django_db_blocker):
        yield build_story_site()


def test_a_story_costs_the_same_with_one_or_eight_of_everything(client, site):
    small = make_story_world(site["en"], 1, "small")
    large = make_story_world(site["en"], 8, "large")
    small_count, _html = cold_get(client, small["stories"][0].url)
    large_story = large["stories"][0]
    large_count, html = cold_get(client, large_story.url)

    assert large_count == small_count
    assert large_count <= BUDGETS["story"]
    # What the reader sees is all there: title, bylines, tags, networks, every photo, the
    # correction, related stories, the language switch and the metadata.
    assert "large news story 0" in html
    for i in range(8):
        assert f"large reporter {i}" in html
        assert f"large-tag-{i}" in html
        assert f"large network {i}" in html
    assert html.count("<picture") >= 1 + 8 + 8 + 4  # hero, image blocks, gallery, related
    assert "large correction" in html
    assert len(story_ids(html)) == 4  # related stories' cards
    assert ">TH<" in html and "ENG" in html
    assert 'property="og:image"' in html and "NewsArticle" in html
    assert html.count('property="article:tag"') == 8


def media_story(index, n, prefix):
    """A story whose body has n of every kind of block that reads other tables: a video file
    with its poster, a YouTube video, a sound recording, a document, a photo and a gallery."""
    body = []
    for i in range(n):
        poster = factories.CustomImageFactory()
        video = factories.MediaItemFactory(type="video", title=f"{prefix} video {i}", poster=poster)
        document = get_document_model().objects.create(
            title=f"{prefix} report {i}", file=ContentFile(b"%PDF-1.4", name="report.pdf")
        )
        photo = factories.CustomImageFactory()
        body += [
            ("video", {"video": None, "file": video, "caption": f"{prefix} film {i}"}),
            ("video", {"video": f"https://www.youtube.com/watch?v={prefix}{i}", "file": None}),
            ("audio", {"audio": factories.MediaItemFactory(title=f"{prefix} sound {i}")}),
            ("attachment", {"document": document, "title": ""}),
            ("image", {"image": photo, "caption": "", "credit": ""}),
            ("gallery", {"title": "", "images": [{"image": photo, "caption": ""}]}),
            ("quote", {"text": f"{prefix} said {i}", "attribution": ""}),
            ("fact_box", {"title": "facts", "body": f"<p>{prefix} fact {i}</p>"}),
        ]
    network = factories.NetworkFactory(slug=f"{prefix}-network")
    hero = factories.CustomImageFactory()
    published_story(index, "news", title=f"{prefix} related", networks=[network], hero_image=hero)
    return published_story(
        index,
        "news",
        title=f"{prefix} media story",
        body=body,
        hero_image=hero,
        networks=[network],
        tags=[f"{prefix}-tag"],
        reporters=[factories.ReporterProfileFactory(display_name=f"{prefix} reporter")],
    )


@override_settings(WAGTAILEMBEDS_FINDERS=[{"class": "tests.embed_finders.FakeVideoFinder"}])
def test_a_story_costs_the_same_with_one_or_four_of_every_kind_of_block(client, site):
    # Each video's poster and each YouTube video cost a query or two of their own before.
    one_count, _html = cold_get(client, media_story(site["en"], 1, "one").url)
    four_count, html = cold_get(client, media_story(site["en"], 4, "four").url)

    assert four_count == one_count
    assert four_count <= BUDGETS["story"]
    for i in range(4):
        assert f"four film {i}" in html and f"four sound {i}" in html
        assert f"four report {i}" in html and f"four said {i}" in html
    assert html.count("<video") == 4 and html.count(" poster=") == 4
    assert html.count("This video is on YouTube") == 4  # the placeholder's provider name
    assert html.count("<picture") >= 1 + 4 + 4 + 1  # hero, photos, gallery, related card


def prepared_executions():
    with connection.cursor() as cursor:
        cursor.execute("SELECT sum(generic_plans + custom_plans) FROM pg_prepared_statements")
        (executions,) = cursor.fetchone()
    return executions or 0


def test_a_story_read_again_runs_its_queries_as_prepared_statements(client, site):
    # cms/settings/base.py: PostgreSQL stops planning the page's queries again.
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    story = make_story_world(site["en"], 1, "prepared")["stories"][0]
    for _ in range(5):
        assert client.get(story.url).status_code == 200
    before = prepared_executions()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(story.url).status_code == 200
    executions = prepared_executions() - before
    assert data_queries(queries) and executions >= len(data_queries(queries))


def test_a_served_storys_lists_are_the_rows_and_order_of_its_own_relations(site):
    # news.models.story_lists reads them in one query, not through the story's relations
    # (modelcluster's and taggit's managers): the same rows, fields and order.
    world = make_story_world(site["en"], 3, "lists")
    story = StoryPage.objects.get(pk=world["stories"][0].pk)
    StoryCorrection.objects.create(
        story=story, corrected_on="2026-11-01", text="an earlier correction", sort_order=5
    )
    story.tags.add("zz-last-added", "aa-added-after")
    story.save()
    served = story_lists(story.pk, evaluate("test: lists", story_lists_query, story.pk))

    for name, of_story in STORY_LISTS.items():
        expected = list(of_story(StoryPage.objects.get(pk=story.pk)))
        assert len(expected) >= 2, name
        assert [model_fields(row) for row in served[name]] == [
            model_fields(row) for row in expected
        ], name
    assert [model_fields(b.reporter) for b in served["bylines"]] == [
        model_fields(b.reporter) for b in story.bylines.select_related("reporter")
    ]
    # Every field read in that one query: none left to load on its own when a template asks.
    for row in [*(row for rows in served.values() for row in rows), served["bylines"][0].reporter]:
        assert not row.get_deferred_fields(), row
    assert served["corrections"][0].text == "an earlier correction"
    assert [tag.name for tag in served["story_tags"]][-2:] == ["zz-last-added", "aa-added-after"]


def model_fields(instance):
    return {
        field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields
    }


def test_every_listing_costs_the_same_for_three_stories_or_twenty_four(client, site):
    small = make_story_world(site["en"], 1, "few")
    small_counts = {
        kind: cold_get(client, url)[0] for kind, url in listing_urls(small["prefix"]).items()
    }
    large = make_story_world(site["en"], 8, "many")
    large_counts = {}
    for kind, url in listing_urls(large["prefix"]).items():
        large_counts[kind], html = cold_get(client, url)
        assert len(story_ids(html)) >= 1, url
    assert large_counts == small_counts
    assert max(large_counts.values()) <= BUDGETS["listing"]

    _count, html = cold_get(client, "/en/stories/")
    assert len(story_ids(html)) == 12
    assert html.count("<picture") == 12
    assert "many network 3" in html


def test_home_network_and_search_pages_cost_the_same_however_much_there_is(client, site):
    make_story_world(site["en"], 1, "one", searchable=True)
    pages = {
        "home": "/en/",
        "network": "/en/networks/one-network-0/",
        "networks": "/en/networks/",
        "search": "/en/search/?q=paragraph",
    }
    small_counts = {kind: cold_get(client, url)[0] for kind, url in pages.items()}
    make_story_world(site["en"], 8, "eight", searchable=True)
    pages["network"] = "/en/networks/eight-network-0/"
    large_counts = {}
    for kind, url in pages.items():
        large_counts[kind], html = cold_get(client, url)
        assert large_counts[kind] <= BUDGETS[kind], (kind, large_counts[kind])
        if kind == "home":
            home_html = html
        if kind == "search":
            assert len(re.findall(r'class="search-result"', html)) == 10
    assert large_counts == small_counts
    # The home page: the lead, the newest of each type and a strip per network with stories.
    assert len(story_ids(home_html)) >= 4
    assert "eight network 7" in home_html
    assert 'aria-current="true"' in home_html  # the language switch


def test_a_private_story_still_asks_for_its_password(client, site):
    story = make_story_world(site["en"], 1, "private")["stories"][0]
    PageViewRestriction.objects.create(
        page=story, restriction_type=PageViewRestriction.PASSWORD, password="members"
    )
    response = client.get(story.url)
    assert response.status_code == 200
    assert "private news story 0" not in response.content.decode()
    assert 'name="password"' in response.content.decode()
    # ...and stays out of the listings, the related stories and the home page.
    assert "private news story 0" not in client.get("/en/stories/").content.decode()
    assert "private news story 0" not in client.get("/en/").content.decode()


def test_an_unpublished_story_and_an_unknown_address_are_not_found(client, site):
    story = make_story_world(site["en"], 1, "gone")["stories"][0]
    url = story.url
    story.unpublish()
    assert client.get(url).status_code == 404
    assert client.get("/en/stories/no-such-story/").status_code == 404
    assert client.get("/en/no-such-section/deeper/").status_code == 404


def test_a_page_reads_what_every_page_shares_in_one_round_trip_to_the_cache(
    client, site, monkeypatch
):
    """The site for the host, Wagtail's site root paths and the footer's contact details:
    one ``get_many`` per page once they are kept (core.every_page_entries), not a read each."""
    story = make_story_world(site["en"], 1, "trips")["stories"][0]
    assert client.get(story.url).status_code == 200  # keeps them
    reads, real_get, real_get_many = [], cache.get, cache.get_many
    in_get_many = []  # the test cache's get_many reads each key with its own get

    def get(key, *args, **kwargs):
        if not in_get_many:
            reads.append(("get", key))
        return real_get(key, *args, **kwargs)

    def get_many(keys, *args, **kwargs):
        reads.append(("get_many", keys))
        in_get_many.append(True)
        try:
            return real_get_many(keys, *args, **kwargs)
        finally:
            in_get_many.pop()

    monkeypatch.setattr(cache, "get", get)
    monkeypatch.setattr(cache, "get_many", get_many)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(story.url).status_code == 200
    shared = {"siang:sites-by-host", "wagtail_site_root_paths", "siang:contact-settings"}
    bundles = [keys for method, keys in reads if method == "get_many" and shared <= set(keys)]
    assert len(bundles) == 1
    assert not [key for method, key in reads if method == "get" and key in shared]
    assert not [q for q in queries.captured_queries if "wagtailcore_site" in q["sql"]]
    assert not [q for q in queries.captured_queries if "home_contactsettings" in q["sql"]]


def test_a_changed_site_and_changed_contact_details_are_seen_at_once(client, site):
    make_story_world(site["en"], 1, "changes")
    assert client.get("/en/").status_code == 200
    contact = ContactSettings.load()
    contact.phone = "044 000 111"
    contact.save()
    assert "044 000 111" in client.get("/en/stories/").content.decode()
    # The host the site answers on moves: the cached answer for the old one is dropped.
    Site.objects.update(is_default_site=False)
    default = Site.objects.get()
    default.hostname, default.is_default_site = "other.example", False
    default.save()
    assert client.get("/en/stories/").status_code == 404
    default.hostname, default.is_default_site = "localhost", True
    default.save()
    assert client.get("/en/stories/").status_code == 200
