"""Opening the admin or a story asks no other website for anything.

No avatar service, no update check; a video an editor embedded from YouTube loads only when the
reader taps it (the player's HTML waits in an inert <template> until static/js/click_to_load.js
inserts it), and without JavaScript it is a plain link. What counts: every URL the browser would
fetch on its own (src, srcset, poster, <link href>, CSS url(), and URLs the admin's scripts turn
into images), anywhere but inside a <template>. Links a person follows (<a href>, the admin
menu's help links) are not requests.
"""

import json
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.test import override_settings
from django.urls import reverse

from demo import factories
from news.blocks import StoryBodyBlock
from tests import roles_world

LOCAL_HOSTS = {None, "testserver", "localhost", "127.0.0.1"}
URL = re.compile(r"""(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}(?::\d+)?[^\s"'<>)\\]*""", re.I)
FETCHED_ATTRIBUTES = {"src", "srcset", "poster", "data", "background"}
YOUTUBE = "https://www.youtube.com/watch?v=surin-silk"


class Requests(HTMLParser):
    """URLs a browser would fetch by itself from this HTML, outside <template> elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fetched, self.followed, self.in_template, self.iframes = [], set(), 0, 0
        self.text, self.in_structured_data = [], False

    def handle_starttag(self, tag, attrs):
        if tag == "template":
            self.in_template += 1
        if self.in_template:
            return
        attrs = dict(attrs)
        # JSON-LD names things by URL ("@context": "https://schema.org"); nothing is fetched.
        self.in_structured_data = tag == "script" and attrs.get("type") == "application/ld+json"
        if tag == "iframe":
            self.iframes += 1
        if tag == "a" and attrs.get("href"):
            self.followed.add(attrs["href"])
        for name, value in attrs.items():
            if not value:
                continue
            if name in FETCHED_ATTRIBUTES or (tag == "link" and name == "href"):
                self.fetched += URL.findall(value) or [value]
            elif name == "style":
                self.fetched += re.findall(r"url\(['\"]?([^'\")]+)", value)
            elif name.startswith("data-") or name in ("value", "content"):
                self.text.append(value)

    def handle_endtag(self, tag):
        if tag == "template":
            self.in_template -= 1
        self.in_structured_data = False

    def handle_data(self, data):
        if not self.in_template and not self.in_structured_data:
            self.text.append(data)


def _menu_links(text):
    """The admin sidebar's menu items are links ({"url": ...} in its JSON), not requests."""
    return set(re.findall(r'"url": "([^"]+)"', text))


def third_party_requests(html):
    parser = Requests()
    parser.feed(html)
    text = "\n".join(parser.text)
    links = parser.followed | _menu_links(text)
    # Anything else with another host in scripts' data (such as an avatar URL) is fetched too.
    found = parser.fetched + [url for url in URL.findall(text) if url not in links]
    found = [url.replace("\\u0026", "&") for url in found]
    return sorted(
        {url for url in found if urlsplit(url).hostname not in LOCAL_HOSTS}
        - {url.replace("&amp;", "&") for url in links}
    ), parser


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from roles_world.module_newsroom(django_db_setup, django_db_blocker)


@pytest.mark.parametrize("person", ["reporter", "editor", "admin"])
def test_the_admin_asks_no_other_website(db, client, world, person):
    client.force_login(getattr(world.people, person))
    screens = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_account"),
        reverse("wagtailadmin_explore", args=[world.section.pk]),
        reverse("wagtailadmin_pages:edit", args=[world.stories.own.pk]),
        reverse("wagtailadmin_pages:add", args=["news", "newspage", world.section.pk]),
        reverse("wagtailimages:index"),
    ]
    if person == "admin":
        screens.append(reverse("wagtailusers_users:index"))
    for url in screens:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert third_party_requests(html)[0] == [], url
        assert 'data-controller="w-upgrade' not in html  # the browser's Wagtail update check


@override_settings(WAGTAILEMBEDS_FINDERS=[{"class": "tests.embed_finders.FakeVideoFinder"}])
def test_a_story_with_a_video_asks_youtube_nothing_until_the_reader_taps(db, client, world):
    body = StoryBodyBlock().to_python(
        [{"type": "video", "value": {"video": YOUTUBE, "file": None, "caption": "บุญข้าวจี่"}}]
    )
    story = factories.published_story(
        world.section, networks=[world.youth], title="งานบุญ", body=body
    )
    html = client.get(story.url).content.decode()

    requests, parser = third_party_requests(html)
    assert requests == []
    assert parser.iframes == 0
    assert YOUTUBE in parser.followed  # without JavaScript, a plain link
    player = re.search(r"<template data-click-to-load-content>(.*?)</template>", html, re.S)
    assert player and f'src="{YOUTUBE}"' in player.group(1)  # inserted only on tap
    assert re.search(r"<button[^>]*data-click-to-load-button[^>]*hidden", html)
    assert "ประเพณีบุญข้าวจี่" in html  # the video's title, as text, no thumbnail
    assert '<script src="/static/js/click_to_load.js" defer></script>' in html
    inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*ld\+json)[^>]*>", html)
    assert inline_scripts == []  # works under a Content-Security-Policy without 'unsafe-inline'


def test_the_click_to_load_script_is_a_static_file_that_inserts_the_template():
    path = finders.find("js/click_to_load.js")
    assert path
    script = open(path, encoding="utf-8").read()
    assert "data-click-to-load-content" in script and "importNode" in script
    assert "innerHTML" not in script and "eval(" not in script


def test_the_detector_sees_a_third_party_image():
    html = '<img src="https://www.gravatar.com/avatar/x"><a href="https://example.org/">x</a>'
    assert third_party_requests(html)[0] == ["https://www.gravatar.com/avatar/x"]
    assert third_party_requests(
        "<script>" + json.dumps({"avatarUrl": "//www.gravatar.com/a"}) + "</script>"
    )[0] == ["//www.gravatar.com/a"]
