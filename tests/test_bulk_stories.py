"""The bulk story builder of the 100,000-story bench (bench/bulk_stories.py), at 50 stories:
a valid Wagtail tree, live stories in both languages that listings show and search finds."""

import pytest
from wagtail.models import Page

from bench.bulk_stories import build_stories, ensure_site
from news.models import StoryIndexPage, StoryPage
from tests.story_helpers import module_data, story_ids
from thai_search import search as thai_search

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def bulk_site(django_db_setup, django_db_blocker):
    """50 stories made by the bench's bulk builder, on the demo's skeleton."""
    with module_data(django_db_blocker):
        ensure_site()
        build_stories(50, seed=7, chunk=20)
        yield {
            code: StoryIndexPage.objects.get(locale__language_code=code) for code in ("th", "en")
        }


def test_bulk_stories_make_a_valid_tree_of_live_stories_in_both_languages(bulk_site):
    assert Page.find_problems() == ([], [], [], [], [])
    stories = StoryPage.objects.all()
    assert stories.count() == 50
    assert stories.filter(live=True).count() == 50
    for index in bulk_site.values():
        index.refresh_from_db()
        assert index.numchild == index.get_children().count() > 0
    english = StoryPage.objects.filter(locale=bulk_site["en"].locale)
    thai_keys = set(
        StoryPage.objects.filter(locale=bulk_site["th"].locale).values_list(
            "translation_key", flat=True
        )
    )
    assert english.exists()
    # Every English story is the translation of a Thai one.
    assert set(english.values_list("translation_key", flat=True)) <= thai_keys
    assert all(story.networks.exists() for story in StoryPage.objects.all()[:10])


def test_bulk_stories_are_listed_served_and_found_by_a_thai_word(client, bulk_site):
    index = bulk_site["th"]
    html = client.get(index.url).content.decode()
    listed = story_ids(html)
    assert len(listed) == 12
    story = StoryPage.objects.get(pk=listed[0])
    assert client.get(story.url).status_code == 200
    place = next(
        word
        for word in ("บ้านท่าสว่าง", "บ้านตากลาง", "บ้านจารพัต", "ตำบลเมืองที", "บ้านโคกตาล")
        if word in story.title
    )
    found = {result.pk for result in thai_search.search_stories(place, locale=index.locale)}
    assert story.pk in found
    assert place in client.get("/th/search/", {"q": place}).content.decode()


def test_bulk_stories_store_the_reading_time_a_save_would(bulk_site):
    stories = list(StoryPage.objects.order_by("pk")[:10])
    assert all(story.reading_minutes for story in stories)
    assert [story.reading_minutes for story in stories] == [
        story.count_reading_minutes() for story in stories
    ]
