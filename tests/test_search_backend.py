"""Thai search through the configured backend, on whichever database the suite runs on."""

import pytest
from wagtail.search.backends import get_search_backend

from news.models import StoryPage
from tests.search_site import STORIES, site_for_module


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with site_for_module(django_db_blocker) as built:
        yield built


@pytest.fixture
def stories(site, db):
    return site["stories"]


def found(query, **kwargs):
    results = get_search_backend().search(query, StoryPage, **kwargs)
    return {page.title for page in results}


def titles(stories, *keys):
    return {stories[key].title for key in keys}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ผ้าไหม", ["weaving"]),  # a word in the middle of a sentence
        ("ทอผ้า", ["weaving"]),  # a compound across words: ทอ|ผ้าไหม
        ("ท่องเที่ยว", ["tourists"]),  # a word inside a longer word: นักท่องเที่ยว
        ("ช้าง", ["tourists"]),  # never ช่าง
        ("ช่าง", ["craftsman"]),  # never ช้าง
        ("เขวาสินรินทร์", ["craftsman"]),  # a place name from the project's word list
        ("กันตรึม", ["craftsman"]),
        ("2569", ["weaving"]),  # Thai digits in the story, Arabic in the query
        ("๒๕๖๘", ["tourists"]),  # and the other way round
        ("ผ้าไหม otop", ["weaving"]),  # Thai and English mixed
        ("weave", ["weaving"]),  # English is stemmed
        ("ข้าว farmer", ["rice"]),
        ("ผ้าไหม ช้าง", []),  # several words: all of them
        ('"ทอผ้าไหม"', ["weaving"]),  # a phrase
        ('"ผ้าไหมทอ"', []),  # the same words in another order are not the phrase
    ],
)
def test_thai_queries_find_exactly_the_stories_that_say_it(stories, query, expected):
    assert found(query) == titles(stories, *expected)


@pytest.mark.django_db
def test_tone_marks_are_significant_in_both_directions(stories):
    assert stories["craftsman"].title not in found("ช้าง")
    assert stories["tourists"].title not in found("ช่าง")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "expected"),
    [("ช่างเง", "craftsman"), ("ข้าวหอ", "rice"), ("กลุ่มแม่บ้านท่าส", "weaving")],
)
def test_autocomplete_finds_partly_typed_titles(stories, typed, expected):
    results = get_search_backend().autocomplete(typed, StoryPage)
    assert {page.title for page in results} == titles(stories, expected)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "'; DROP TABLE wagtailcore_page; --",
        "ก" * 5000,
        '"',
        '"""',
        "😀🐘",
        "\x00ช้าง\x00",
        "*",
        "NOT",
    ],
)
def test_hostile_queries_return_a_result_list(stories, query):
    results = get_search_backend().search(query, StoryPage)
    assert isinstance(list(results), list)
    assert StoryPage.objects.count() == len(STORIES)


@pytest.mark.django_db
def test_edited_story_is_found_by_its_new_words(stories):
    story = stories["rice"]
    story.summary = "ชาวนาปลูกมันสำปะหลัง"
    story.save_revision().publish()
    assert found("มันสำปะหลัง") == titles(stories, "rice")
    assert found("ข้าวอินทรีย์") == set()
