"""The demo stories: idempotent, bilingual, and enough to make every listing look alive."""

from unittest import mock

import pytest
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from demo import site as demo
from demo import stories as news_demo
from news.models import ReporterProfile, StoryCorrection, StoryPage, Tag, Topic
from tests.story_helpers import module_data

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo loaded once for the module, with small photos: rendering full-size ones in
    three formats (AVIF is slow to encode) is not what these tests look at."""
    with module_data(django_db_blocker), mock.patch.object(news_demo, "IMAGE_SIZE", (160, 90)):
        demo.load_all()
        yield


def snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "topics": Topic.objects.count(),
        "tags": Tag.objects.count(),
        "reporters": ReporterProfile.objects.count(),
        "corrections": StoryCorrection.objects.count(),
        "story_titles": sorted(StoryPage.objects.values_list("title", flat=True)),
    }


def test_loading_the_demo_twice_changes_nothing(demo_site):
    before = snapshot()
    demo.load_all()
    assert snapshot() == before


def test_demo_stories_cover_every_type_in_both_languages(demo_site):
    stories = StoryPage.objects.live().select_related("locale", "content_type")
    by_language = {"th": [], "en": []}
    for story in stories:
        by_language[story.locale.language_code].append(story)
    assert len(by_language["th"]) == len(by_language["en"]) >= 12
    assert {s.story_type for s in by_language["th"]} == {"news", "local-wisdom", "culture"}
    # Every Thai story has its English translation.
    assert {s.translation_key for s in by_language["th"]} == {
        s.translation_key for s in by_language["en"]
    }
    networks = {n.slug for s in by_language["th"] for n in s.networks.all()}
    assert len(networks) >= 6
    assert any(any("\u0e00" <= c <= "\u0e7f" for c in tag.name) for tag in Tag.objects.all())
    assert StoryCorrection.objects.exists()
    assert all(s.hero_image_id for s in stories)


def test_the_topics_follow_objective_three_with_stable_slugs(demo_site):
    slugs = set(Topic.objects.values_list("slug", flat=True))
    assert {"agriculture", "health", "environment", "culture-tradition", "law"} <= slugs
    assert all(slug.isascii() for slug in slugs)
    assert Topic.objects.get(slug="health").name_th == "สุขภาพ"


def test_demo_reporters_include_the_demo_accounts_and_a_pen_name(demo_site):
    users = set(ReporterProfile.objects.values_list("user__username", flat=True))
    assert {"reporter_elderly", "reporter_youth", None} <= users


def test_the_demo_site_looks_alive(demo_site, client):
    for url in ("/th/", "/en/", "/en/stories/", "/en/stories/type/culture/", "/en/networks/youth/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'class="story-card' in response.content.decode(), url
    home = client.get("/en/").content.decode()
    assert "Colours from bark" in home  # the editors' lead story
