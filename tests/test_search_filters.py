"""Search narrows through the listings' filter: a search within a listing finds exactly the
listing's stories that hold the words, for every filter a listing accepts."""

from urllib.parse import quote

import pytest
from wagtail.models import Locale

from tests.story_helpers import story_ids
from thai_search.search import search_stories

# Each listing of the distribution stories holds at least one story with one of these words.
WORDS = "ผ้าไหม สมุนไพร ช้าง"
LISTINGS = [
    ("type", "news"),
    ("type", "local-wisdom"),
    ("type", "culture"),
    ("network", "media"),
    ("network", "youth"),
    ("topic", "agriculture"),
    ("tag", "ผ้าไหม"),
    ("district", "tha-tum"),
    ("reporter", "somchai"),
]


def found(filters=None):
    thai = Locale.objects.get(language_code="th")
    return {story.pk for story in search_stories(WORDS, thai, filters, operator="or")}


def listed(client, index, kind, slug):
    response = client.get(f"{index.url}{kind}/{quote(slug)}/")
    assert response.status_code == 200
    return set(story_ids(response.content.decode()))


@pytest.mark.parametrize(("kind", "slug"), LISTINGS)
def test_search_in_a_listing_finds_the_listed_stories_with_the_words(stories, client, kind, slug):
    in_listing = found({kind: slug})
    assert in_listing, "every listing here holds a story with the words"
    assert in_listing == listed(client, stories["index_th"], kind, slug) & found()


def test_filters_combine_as_in_a_listing(stories, client):
    index = stories["index_th"]
    response = client.get(f"{index.url}network/youth/?type=culture")
    assert (
        found({"network": "youth", "type": "culture"})
        == set(story_ids(response.content.decode())) & found()
    )
    assert found({"network": "youth", "type": "culture"}) == {stories["culture"].pk}


@pytest.mark.parametrize("kind", ["type", "network", "topic", "tag", "district", "reporter"])
def test_an_unknown_value_finds_nothing(stories, kind):
    assert found({kind: "no-such-thing"}) == set()


def test_the_search_page_narrows_by_a_listing_filter_and_keeps_it(stories, client):
    def page(**filters):
        response = client.get("/th/search/", {"q": "ผ้าไหม", **filters})
        assert response.status_code == 200
        return response.content.decode().replace("<mark>", "").replace("</mark>", "")

    assert "สีธรรมชาติ" in page(topic="agriculture")
    assert 'name="topic" value="agriculture"' in page(topic="agriculture")
    assert "สีธรรมชาติ" not in page(reporter="no-such-reporter")
