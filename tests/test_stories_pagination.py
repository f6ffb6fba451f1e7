"""Story listings: 12 stories a page; a bad page number shows the nearest page, never a 500."""

import pytest

from demo import factories
from demo.factories import published_story
from tests.story_helpers import build_story_site, module_data, story_ids

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def many_stories(django_db_setup, django_db_blocker):
    """26 stories of one network, newest first."""
    with module_data(django_db_blocker):
        site = build_story_site()
        youth = factories.NetworkFactory(slug="youth")
        yield [published_story(site["en"], days_ago=day, networks=[youth]) for day in range(26)]


def listed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return story_ids(response.content.decode())


def test_twelve_stories_a_page(client, many_stories):
    first = listed(client, "/en/stories/")
    second = listed(client, "/en/stories/?page=2")
    third = listed(client, "/en/stories/?page=3")
    assert (len(first), len(second), len(third)) == (12, 12, 2)
    assert first + second + third == [story.pk for story in many_stories]
    html = client.get("/en/stories/network/youth/?page=2").content.decode()
    assert 'href="?page=1"' in html and 'href="?page=3"' in html


def test_pagination_keeps_the_filters(client, many_stories):
    html = client.get("/en/stories/?network=youth&type=news&page=2").content.decode()
    assert 'href="?network=youth&amp;type=news&amp;page=3"' in html


@pytest.mark.parametrize(
    ("page", "same_as"),
    [("abc", 1), ("-1", 1), ("0", 1), ("999", 3), ("3", 3), ("", 1), ("1e9", 1), ("2.5", 1)],
)
def test_bad_page_numbers_show_the_nearest_page(client, many_stories, page, same_as):
    assert listed(client, f"/en/stories/?page={page}") == listed(
        client, f"/en/stories/?page={same_as}"
    )
