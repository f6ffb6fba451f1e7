"""One story filter (news.models.filters): a listing, its feed and the API hold the same stories.

Before, feeds matched a story type exactly and the API looked slugs up on every story, drafts
included; now every door asks the listing's filter, so the answers cannot drift apart.
"""

from urllib.parse import quote

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from news.models import (
    IMPORT_TYPES,
    STORY_TYPES,
    CultureStoryPage,
    LocalWisdomPage,
    NewsPage,
    StoryPage,
)
from news.models.filters import known_filters, listing_rows, listing_stories
from tests.story_helpers import story_ids

SCOPES = [
    ("type", "local-wisdom"),
    ("type", "news"),
    ("network", "media"),
    ("network", "youth"),
    ("topic", "agriculture"),
    ("tag", "ผ้าไหม"),
    ("reporter", "somchai"),
]


def listing(client, stories, scope, slug):
    index = stories["index_th"]
    response = client.get(f"{index.url}{scope}/{quote(slug)}/")
    assert response.status_code == 200
    return set(story_ids(response.content.decode()))


def feed(client, scope, slug):
    response = client.get(f"/th/feeds/atom/{scope}/{quote(slug)}/")
    assert response.status_code == 200
    return {entry.title for entry in feedparser.parse(response.content).entries}


def api(client, scope, slug):
    response = client.get(f"/api/v2/pages/?type=news.StoryPage&locale=th&{scope}={quote(slug)}")
    assert response.status_code == 200
    return {item["id"] for item in response.json()["items"]}


@pytest.mark.parametrize(("scope", "slug"), SCOPES)
def test_listing_feed_and_api_hold_the_same_stories(stories, client, scope, slug):
    shown = listing(client, stories, scope, slug)
    titles = {
        page.title for page in stories.values() if isinstance(page, Page) and page.pk in shown
    }
    assert feed(client, scope, slug) == titles
    if scope != "type":  # the API names page types by model (?type=news.LocalWisdomPage)
        assert api(client, scope, slug) == shown


def test_a_draft_never_lets_a_tag_through_the_api(stories, client):
    # The tag is on a published story and on a draft: only the published one is listed.
    assert stories["draft"].pk not in api(client, "tag", "ผ้าไหม")
    assert stories["news"].pk in api(client, "tag", "ผ้าไหม")


def test_unknown_values_find_nothing_in_the_api_and_are_not_found_elsewhere(stories, client):
    assert api(client, "network", "no-such-network") == set()
    assert client.get("/th/feeds/atom/network/no-such-network/").status_code == 404
    index = stories["index_th"]
    assert client.get(f"{index.url}network/no-such-network/").status_code == 404


def test_both_spellings_of_a_story_type_name_one_model():
    assert STORY_TYPES["local-wisdom"] is IMPORT_TYPES["local_wisdom"] is LocalWisdomPage
    assert set(STORY_TYPES.values()) == set(IMPORT_TYPES.values())


@pytest.mark.parametrize("scope", ["network", "topic", "tag", "reporter"])
def test_a_value_holding_nul_finds_nothing_on_every_door(stories, client, scope):
    # PostgreSQL refuses NUL in a comparison; the filter must answer "no such value" first.
    assert api(client, scope, "a\x00b") == set()
    index = stories["index_th"]
    listing_query = client.get(f"{index.url}?{scope}=a%00b")
    assert listing_query.status_code in (200, 404)
    assert client.get(f"/th/feeds/atom/{scope}/a%00b/").status_code == 404
    assert client.get(f"{index.url}{scope}/a%00b/").status_code == 404


def test_every_story_type_lists_its_own_published_stories_through_the_manager(stories):
    def pks(pages):
        return {page.pk for page in pages}

    thai = stories["index_th"].locale
    assert pks(StoryPage.objects.published(thai)) == pks(
        [stories["news"], stories["wisdom"], stories["culture"]]
    )
    # The types inherit the manager: each lists its own live, public stories, as its own model.
    news = list(NewsPage.objects.published())
    assert pks(news) == pks([stories["news"], stories["news_en"]])
    assert all(type(story) is NewsPage for story in news)
    wisdom = LocalWisdomPage.objects.published(thai).with_listing_images()
    assert pks(wisdom) == {stories["wisdom"].pk}
    assert pks(CultureStoryPage.objects.published(thai)) == {stories["culture"].pk}


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"type": "news"},
        {"type": "local-wisdom"},
        {"network": "media"},
        {"network": "youth", "type": "culture"},
        {"topic": "agriculture", "network": "media"},
        {"tag": "ผ้าไหม"},
        {"district": "tha-tum"},
        {"reporter": "somchai"},
    ],
)
def test_a_listing_counts_and_pages_the_stories_its_cards_show(stories, filters):
    """``listing_rows`` (Wagtail's page table alone, what listings count and page through)
    holds exactly the stories of ``listing_stories``, in the same order: no draft, no private
    story, no other language."""
    locale = stories["index_th"].locale
    known = known_filters(filters)
    cards = [story.pk for story in listing_stories(locale, known)]
    rows = listing_rows(locale, known)
    assert list(rows.values_list("pk", flat=True)) == cards
    assert rows.count() == len(cards)
    assert {stories[name].pk for name in ("draft", "private", "news_en")}.isdisjoint(cards)


def test_a_listing_is_counted_without_joining_the_story_table(stories):
    rows = listing_rows(
        stories["index_th"].locale, known_filters({"type": "news", "network": "media"})
    )
    with CaptureQueriesContext(connection) as queries:
        assert rows.count() == 1
    count = queries.captured_queries[-1]["sql"]
    assert "COUNT(" in count
    assert "news_storypage" not in count.replace("news_storypage_networks", "")
