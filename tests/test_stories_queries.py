"""The number of SQL queries a reader's page costs does not grow with the content.

Two worlds are measured: first 2 stories of each type, each with 2 networks, topics, tags,
reporters, body images and body blocks; then 10 of each. Every page is requested once to warm
up (renditions are made on the first view), then measured.
"""

from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo import factories
from demo.factories import published_story
from tests.story_helpers import build_story_site, make_story_world, module_data

pytestmark = pytest.mark.django_db

# Generous ceilings; the real guarantee is that the counts are the same for 2 and for 10.
MAX_QUERIES = {"listing": 30, "story": 52, "home": 58, "network": 30}


def pages_of(world):
    prefix = world["prefix"]
    return {
        "listing": [
            "/en/stories/",
            f"/en/stories/network/{prefix}-network-0/",
            f"/en/stories/tag/{quote(prefix + '-แท็ก-0')}/",
            f"/en/stories/reporter/{prefix}-reporter-0/",
            f"/en/stories/?type=culture&topic={prefix}-topic-1&network={prefix}-network-1",
        ],
        "story": [world["stories"][0].url, world["stories"][-1].url],
        "home": ["/en/"],
        "network": [f"/en/networks/{prefix}-network-0/"],
    }


def measure(client, urls):
    for url in urls:
        assert client.get(url).status_code == 200, url  # warm-up: renditions are made here
    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    return counts


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with module_data(django_db_blocker):
        yield build_story_site()


def test_query_counts_do_not_grow_with_content(client, site, django_assert_max_num_queries):
    small = make_story_world(site["en"], 2, "small", tag_word="แท็ก")
    small_counts = {kind: measure(client, urls) for kind, urls in pages_of(small).items()}

    big = make_story_world(site["en"], 10, "big", tag_word="แท็ก")
    big_counts = {kind: measure(client, urls) for kind, urls in pages_of(big).items()}

    assert big_counts == small_counts
    for kind, urls in pages_of(big).items():
        for url in urls:
            with django_assert_max_num_queries(MAX_QUERIES[kind]):
                client.get(url)


def test_a_listing_page_costs_the_same_for_one_story_or_twelve(
    client, site, django_assert_num_queries
):
    network = factories.NetworkFactory(slug="counted")
    published_story(site["en"], networks=[network], hero_image=factories.CustomImageFactory())
    url = "/en/stories/network/counted/"
    [one_story] = measure(client, [url])
    for day in range(11):
        published_story(
            site["en"],
            days_ago=day + 1,
            networks=[network, factories.NetworkFactory()],
            tags=[f"แท็ก{day}"],
            hero_image=factories.CustomImageFactory(),
        )
    client.get(url)  # warm-up for the new images' renditions
    with django_assert_num_queries(one_story):
        response = client.get(url)
    assert (
        response.content.decode().count('class="story-card"')
        + response.content.decode().count('class="story-card story-card--lead"')
        == 12
    )
