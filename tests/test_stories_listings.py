"""Story listings: every archive, combined filters, pagination and bad input."""

from urllib.parse import quote

import pytest

from demo import factories
from demo.factories import published_story
from news.models import District
from tests.story_helpers import build_story_site, module_data, story_ids

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def catalogue(django_db_setup, django_db_blocker):
    """A small newsroom: two networks, two topics, a tag, a district and two reporters."""
    with module_data(django_db_blocker):
        yield build_catalogue()


def build_catalogue():
    story_index = build_story_site()
    youth = factories.NetworkFactory(slug="youth")
    elderly = factories.NetworkFactory(slug="elderly")
    health = factories.TopicFactory(slug="health", name_en="Health")
    farming = factories.TopicFactory(slug="agriculture", name_en="Agriculture")
    fah = factories.ReporterProfileFactory(
        display_name="Fah Rakthin", slug="fah", network=youth, bio="Young reporter from Surin."
    )
    somsri = factories.ReporterProfileFactory(display_name="Somsri", slug="somsri")
    en = story_index["en"]
    stories = {
        "youth_health_news": published_story(
            en, "news", 1, networks=[youth], topics=[health], reporters=[fah], tags=["ผ้าไหม"]
        ),
        "youth_farming_news": published_story(
            en, "news", 2, networks=[youth], topics=[farming], district="sangkha"
        ),
        "elderly_health_wisdom": published_story(
            en, "local-wisdom", 3, networks=[elderly], topics=[health], reporters=[somsri]
        ),
        "both_culture": published_story(
            en, "culture", 4, networks=[youth, elderly], district="sangkha", tags=["ผ้าไหม"]
        ),
    }
    thai_only = published_story(story_index["th"], "news", 0, networks=[youth], topics=[health])
    return {"index": en, "stories": stories, "thai_only": thai_only, "site": story_index}


def listed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return story_ids(response.content.decode())


def ids(catalogue, *names):
    return [catalogue["stories"][name].pk for name in names]


def test_all_stories_newest_first_in_the_page_language_only(client, catalogue):
    assert listed(client, "/en/stories/") == ids(
        catalogue,
        "youth_health_news",
        "youth_farming_news",
        "elderly_health_wisdom",
        "both_culture",
    )
    assert listed(client, catalogue["site"]["th"].url) == [catalogue["thai_only"].pk]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/en/stories/type/news/", ["youth_health_news", "youth_farming_news"]),
        ("/en/stories/type/local-wisdom/", ["elderly_health_wisdom"]),
        ("/en/stories/type/culture/", ["both_culture"]),
        ("/en/stories/network/youth/", ["youth_health_news", "youth_farming_news", "both_culture"]),
        ("/en/stories/network/elderly/", ["elderly_health_wisdom", "both_culture"]),
        ("/en/stories/topic/health/", ["youth_health_news", "elderly_health_wisdom"]),
        (f"/en/stories/tag/{quote('ผ้าไหม')}/", ["youth_health_news", "both_culture"]),
        ("/en/stories/district/sangkha/", ["youth_farming_news", "both_culture"]),
        ("/en/stories/reporter/somsri/", ["elderly_health_wisdom"]),
    ],
)
def test_each_archive_lists_its_stories(client, catalogue, url, expected):
    assert listed(client, url) == ids(catalogue, *expected)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/en/stories/?type=news&network=youth&topic=health", ["youth_health_news"]),
        ("/en/stories/?network=elderly&topic=health", ["elderly_health_wisdom"]),
        ("/en/stories/network/youth/?type=culture", ["both_culture"]),
        ("/en/stories/topic/health/?network=elderly", ["elderly_health_wisdom"]),
        ("/en/stories/district/sangkha/?type=news", ["youth_farming_news"]),
        ("/en/stories/?type=local-wisdom&network=youth", []),
        # The address decides the listing; a parameter of the same name cannot widen it.
        ("/en/stories/network/elderly/?network=youth", ["elderly_health_wisdom", "both_culture"]),
    ],
)
def test_filters_combine(client, catalogue, url, expected):
    assert listed(client, url) == ids(catalogue, *expected)


def test_listing_titles_and_links(client, catalogue):
    html = client.get("/en/stories/topic/health/").content.decode()
    assert "<h1" in html and "Topic: Health" in html
    assert 'href="/en/stories/type/culture/"' in html
    html = client.get("/en/stories/district/sangkha/").content.decode()
    assert f"District: {District.SANGKHA.label}" in html


def test_reporter_profile_page(client, catalogue):
    html = client.get("/en/stories/reporter/fah/").content.decode()
    assert '<h1 id="listing-heading">Fah Rakthin</h1>' in html
    assert "Young reporter from Surin." in html
    assert 'href="/en/networks/youth/"' in html
    assert story_ids(html) == ids(catalogue, "youth_health_news")


@pytest.mark.parametrize(
    "url",
    [
        "/en/stories/network/no-such-network/",
        "/en/stories/topic/no-such-topic/",
        f"/en/stories/tag/{quote('ไม่มีแท็กนี้')}/",
        "/en/stories/district/bangkok/",
        "/en/stories/reporter/nobody/",
        "/en/stories/type/opinion/",
        "/en/stories/?network=no-such-network",
        "/en/stories/?topic=x&type=news",
        "/en/stories/?type=%3Cscript%3E",
        "/en/stories/?district=%00",
        "/en/stories/?reporter=%27%20OR%201%3D1--",
        "/en/stories/nothing-here/at-all/",
    ],
)
def test_unknown_values_are_a_404_never_a_500(client, catalogue, url):
    assert client.get(url).status_code == 404


def test_an_empty_listing_says_so(client, catalogue):
    factories.NetworkFactory(slug="quiet-network")
    response = client.get("/en/stories/network/quiet-network/?page=5")
    assert response.status_code == 200
    assert "There are no stories here yet." in response.content.decode()


def test_drafts_are_never_listed(client, catalogue):
    draft = catalogue["stories"]["both_culture"]
    draft.unpublish()
    assert draft.pk not in listed(client, "/en/stories/")
