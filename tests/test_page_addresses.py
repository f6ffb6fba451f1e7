"""Pages' addresses are worked out once per process (core.page_addresses): always the address
Wagtail itself gives, and never an old one after a page moves or the site changes its name."""

from urllib.parse import quote

import pytest
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Page, Site

from demo.factories import published_story
from tests.story_helpers import build_site_tree, story_ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(locales):
    tree = build_site_tree(about=True, stories=True)
    tree["story"] = published_story(tree["th"], title="ข่าวบ้านเรา", slug="ข่าวบ้านเรา")
    tree["english_story"] = published_story(tree["en"], title="Village news", slug="village-news")
    return tree


def wagtail_url_parts(page, request):
    return Page.get_url_parts(page, request)


@pytest.mark.parametrize("language", ["th", "en"])
def test_every_page_has_the_address_wagtail_gives_asked_once_or_again(tree, language):
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    pages = [page.specific for page in Page.objects.filter(depth__gt=1)]
    assert len(pages) >= 9
    with translation.override(language):
        for _ in range(2):
            for page in pages:
                for asked_with in (request, None):
                    assert page.get_url_parts(asked_with) == wagtail_url_parts(page, asked_with)
                assert page.get_url(request) == Page.get_url(page, request)


def test_a_story_given_a_new_slug_is_linked_at_its_new_address(tree, client):
    story = tree["story"]
    listing = tree["th"].url
    old_address = story.url
    assert client.get(old_address).status_code == 200
    assert old_address in client.get(listing).content.decode()

    story.slug = "ข่าวบ้านเราฉบับใหม่"
    story.save_revision().publish()
    story.refresh_from_db()

    html = client.get(listing).content.decode()
    assert story_ids(html) == [story.pk]
    assert story.url in html
    assert old_address not in html
    assert story.url.endswith(f"/{quote('ข่าวบ้านเราฉบับใหม่')}/")


def test_a_page_moved_during_a_request_is_linked_at_its_new_address_in_it(tree):
    # Addresses are also kept for the rest of a request (BasePage.get_url), under the page's
    # url_path: an editor's request that gives a story a new slug links it at the new one.
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    story = tree["story"]
    old_address = story.get_url(request)

    story.slug = "ข่าวบ้านเราฉบับใหม่"
    story.save_revision().publish()
    story.refresh_from_db()

    assert story.get_url(request) == Page.get_url(story, request) != old_address
    assert story.get_url(request).endswith(f"/{quote('ข่าวบ้านเราฉบับใหม่')}/")


def test_a_site_given_a_new_name_gives_full_addresses_under_it(tree):
    story = Page.objects.get(pk=tree["story"].pk).specific
    assert story.full_url.startswith("http://localhost/th/")

    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "news.example.org", 443
    site.save()

    story = Page.objects.get(pk=story.pk).specific
    assert story.full_url.startswith("https://news.example.org/th/")
    assert story.get_url_parts() == wagtail_url_parts(story, None)


def test_a_process_keeps_a_bounded_number_of_addresses(tree, monkeypatch):
    from core import page_addresses

    monkeypatch.setattr(page_addresses.addresses, "limit", 3)
    page_addresses.forget_page_addresses()
    pages = [page.specific for page in Page.objects.filter(depth__gt=1)]
    for page in pages:
        assert page.get_url_parts() == wagtail_url_parts(page, None)
        assert len(page_addresses.addresses) <= 3


@pytest.mark.parametrize("language", ["th", "en"])
def test_every_listing_and_network_address_is_the_one_wagtail_gives_asked_once_or_again(
    tree, language
):
    from wagtail.contrib.routable_page.models import RoutablePageMixin

    from networks.models import NetworkIndexPage
    from news.models import StoryIndexPage

    sections = [
        StoryIndexPage.objects.get(locale__language_code="th"),
        NetworkIndexPage.objects.first(),
    ]
    asked = [
        ("topic", "ป่าชุมชน"),
        ("topic", "forest"),
        ("tag", "ผ้าไหม"),
        ("network", "youth"),
        ("network", "elderly"),
    ]
    with translation.override(language):
        for _ in range(2):
            for section in sections:
                for name, slug in asked:
                    if name not in section.get_resolver().reverse_dict:
                        continue
                    kept = section.reverse_subpage(name, kwargs={"slug": slug})
                    assert kept == RoutablePageMixin.reverse_subpage(
                        section, name, kwargs={"slug": slug}
                    )
                    assert kept.endswith(f"{quote(slug)}/")
