"""The home page's stories and each network's newest stories."""

from collections import Counter

import pytest

from demo import factories
from demo.factories import published_story
from home.models import HomePage
from tests.story_helpers import build_story_site, module_data, story_ids

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def newsroom(django_db_setup, django_db_blocker):
    """Three networks; stories of every type, some in two networks, in both languages."""
    with module_data(django_db_blocker):
        site = build_story_site()
        youth, elderly, river = (
            factories.NetworkFactory(slug=slug) for slug in ("youth", "elderly", "mun-river")
        )
        en = site["en"]
        stories = [
            published_story(en, "news", 0, networks=[youth, elderly]),
            published_story(en, "culture", 1, networks=[youth]),
            published_story(en, "local-wisdom", 2, networks=[elderly, river]),
            published_story(en, "news", 3, networks=[youth]),
            published_story(en, "news", 4, networks=[elderly]),
            published_story(en, "culture", 5, networks=[river, youth]),
            published_story(en, "local-wisdom", 6, networks=[river]),
            published_story(en, "news", 7, networks=[youth, elderly, river]),
        ]
        thai = published_story(site["th"], "news", 0, networks=[youth])
        yield {"site": site, "stories": stories, "thai": thai, "youth": youth}


def home_stories(client, url="/en/"):
    response = client.get(url)
    assert response.status_code == 200
    return story_ids(response.content.decode()), response.content.decode()


def test_no_story_appears_twice_on_the_home_page(client, newsroom):
    shown, _html = home_stories(client)
    assert shown, "the home page shows stories"
    assert [pk for pk, count in Counter(shown).items() if count > 1] == []


def test_the_newest_story_leads_unless_an_editor_chose_one(client, newsroom):
    stories = newsroom["stories"]
    shown, html = home_stories(client)
    assert shown[0] == stories[0].pk
    assert f'story-card story-card--lead" data-story="{stories[0].pk}"' in html

    home = HomePage.objects.get(pk=newsroom["site"]["home_en"].pk)  # fresh: tests roll back
    home.lead_story = stories[6]
    home.save_revision().publish()
    shown, _html = home_stories(client)
    assert shown[0] == stories[6].pk
    assert shown.count(stories[6].pk) == 1


def test_an_unpublished_lead_story_falls_back_to_the_newest(client, newsroom):
    stories = newsroom["stories"]
    home = HomePage.objects.get(pk=newsroom["site"]["home_en"].pk)  # fresh: tests roll back
    home.lead_story = stories[2]
    home.save_revision().publish()
    stories[2].unpublish()
    shown, _html = home_stories(client)
    assert shown[0] == stories[0].pk
    assert stories[2].pk not in shown


def test_the_newest_of_each_type_follows_the_lead(client, newsroom):
    stories = newsroom["stories"]
    _shown, html = home_stories(client)
    newest = story_ids(html.split('id="newest-heading"')[1].split("network-strip")[0])
    # The lead is the newest news story, so the next news story stands for news.
    assert newest == [stories[3].pk, stories[2].pk, stories[1].pk]


def test_each_network_has_a_strip_of_its_own_stories(client, newsroom):
    stories = {story.pk: story for story in newsroom["stories"]}
    _shown, html = home_stories(client)
    for slug in ("youth", "elderly", "mun-river"):
        if f'id="strip-{slug}"' not in html:
            continue
        strip = html.split(f'id="strip-{slug}"')[1].split("</section>")[0]
        for pk in story_ids(strip):
            assert slug in {network.slug for network in stories[pk].networks.all()}
        assert f'href="/en/stories/network/{slug}/"' in strip


def test_home_pages_show_only_their_language(client, newsroom):
    shown, _html = home_stories(client, "/th/")
    assert shown == [newsroom["thai"].pk]
    assert newsroom["thai"].pk not in home_stories(client)[0]


def test_the_network_page_lists_its_newest_stories(client, newsroom):
    stories = newsroom["stories"]
    html = client.get("/en/networks/youth/").content.decode()
    youth_stories = [s.pk for s in stories if "youth" in {n.slug for n in s.networks.all()}]
    assert story_ids(html) == youth_stories[:6]
    assert 'href="/en/stories/network/youth/"' in html


def test_a_network_without_stories_still_has_its_page(client, newsroom):
    factories.NetworkFactory(slug="quiet")
    response = client.get("/en/networks/quiet/")
    assert response.status_code == 200
    assert story_ids(response.content.decode()) == []
