"""Whole pages for readers who are not signed in come from the cache, and every change an
editor makes is on every page that shows it at once (page_cache, distribution.invalidation,
docs/caching.md).
"""

import gzip
import importlib
import io
import json
import socket
from contextlib import closing
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.models import PageViewRestriction

from core.cache import cache_recovered
from demo import factories
from home.models import ContactSettings
from news.interchange.importing import import_stories
from news.models import NewsPage, StoryPage
from page_cache.generation import GENERATION_KEY, start_new_generation
from page_cache.process_copies import ProcessCopies, process_copies
from page_cache.purging import wait_for_purges

TITLE = "ชาวบ้านท่าตูมปลูกป่าริมน้ำมูล"
SLUG = "forest-news"
PURGED = []


class RecordingCacheBackend(BaseBackend):
    """A reverse proxy that writes down what it is asked to purge."""

    def purge(self, url):
        PURGED.append(url)


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    """As in production with Redis (the test settings turn the page cache off)."""
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def proxy(settings):
    settings.WAGTAILFRONTENDCACHE = {"proxy": {"BACKEND": f"{__name__}.RecordingCacheBackend"}}
    PURGED.clear()
    yield PURGED
    PURGED.clear()


@pytest.fixture
def newsroom(site_tree, story_index):
    """A network, a topic, a reporter and the addresses where a story of theirs would show."""
    network = factories.NetworkFactory(slug="youth", colour="#1f6f4a")
    topic = factories.TopicFactory(slug="forest")
    reporter = factories.ReporterProfileFactory(slug="somchai", display_name="สมชาย ใจดี")
    index = story_index["th"]
    networks_page = site_tree["networks_th"]
    addresses = {
        "home": "/th/",
        "all stories": index.url,
        "news listing": index.listing_url("type", "news"),
        "network listing": index.listing_url("network", "youth"),
        "topic listing": index.listing_url("topic", "forest"),
        "district listing": index.listing_url("district", "tha-tum"),
        "reporter listing": index.listing_url("reporter", "somchai"),
        "network page": networks_page.url
        + networks_page.reverse_subpage("network", kwargs={"slug": "youth"}),
        "rss": "/th/feeds/rss/",
        "atom": "/th/feeds/atom/",
        "network feed": "/th/feeds/rss/network/youth/",
        "sitemap": "/sitemap.xml",
        "news sitemap": "/news-sitemap.xml",
        "api": "/api/v2/pages/",
    }
    return {
        "index": index,
        "network": network,
        "topic": topic,
        "reporter": reporter,
        "addresses": addresses,
        "site_tree": site_tree,
        "story_index": story_index,
    }


def publish_story(newsroom, **fields):
    fields = {
        "title": TITLE,
        "slug": SLUG,
        "networks": [newsroom["network"]],
        "topics": [newsroom["topic"]],
        "district": "tha-tum",
        "tags": ["ป่าชุมชน"],
        "reporters": [newsroom["reporter"]],
        **fields,
    }
    return factories.published_story(newsroom["index"], "news", **fields)


def tag_listing(newsroom, story):
    return newsroom["index"].listing_url("tag", story.tags.get().slug)


def read(client, address, **headers):
    response = client.get(address, **headers)
    return response, response.content.decode()


def warm(client, addresses):
    """Read each address twice as a reader would: the second time from the cache."""
    for address in addresses:
        client.get(address)
        response = client.get(address)
        assert response.status_code == 200, address
        assert response["X-Page-Cache"] == "hit", address


def showing(client, addresses, text):
    """The addresses whose page (as a reader gets it now) contains ``text``."""
    return {address for address in addresses if text in read(client, address)[1]}


# Served from the cache ------------------------------------------------------------------


def test_a_readers_second_visit_is_served_from_the_cache_without_the_database(
    client, newsroom, django_assert_num_queries
):
    story = publish_story(newsroom)
    first, first_body = read(client, story.url)
    assert first["X-Page-Cache"] == "miss"

    with django_assert_num_queries(0):
        second, second_body = read(client, story.url)

    assert second.status_code == 200
    assert second["X-Page-Cache"] == "hit"
    assert second_body == first_body
    assert TITLE in second_body


@pytest.mark.parametrize(
    "address",
    ["/th/", "/sitemap.xml", "/robots.txt", "/api/v2/pages/", "/th/feeds/rss/"],
)
def test_public_addresses_other_than_stories_are_cached_too(client, newsroom, address):
    publish_story(newsroom)
    client.get(address)
    assert client.get(address)["X-Page-Cache"] == "hit"


def test_each_address_and_scheme_keeps_a_page_of_its_own(client, newsroom):
    for number in range(14):
        publish_story(newsroom, title=f"เรื่องลำดับ {number:02d}", slug=f"story-{number}")
    listing = newsroom["index"].url
    warm(client, [listing, listing + "?page=2"])

    first, second = read(client, listing)[1], read(client, listing + "?page=2")[1]
    assert "เรื่องลำดับ 13" in first and "เรื่องลำดับ 13" not in second
    assert "เรื่องลำดับ 00" in second and "เรื่องลำดับ 00" not in first

    # The same address over TLS is another page: its links and canonical address say https.
    secure, secure_body = read(client, listing, secure=True)
    assert secure["X-Page-Cache"] == "miss"
    assert "https://testserver/th/" in secure_body and "https://testserver/" not in first


def test_the_network_colours_stylesheet_is_cached_and_compressed(client, newsroom):
    for number in range(12):
        factories.NetworkFactory(slug=f"network-{number}", colour="#123456")
    client.get("/network-colours.css", HTTP_ACCEPT_ENCODING="gzip")
    response = client.get("/network-colours.css", HTTP_ACCEPT_ENCODING="gzip")
    assert response["X-Page-Cache"] == "hit"
    assert response["Content-Encoding"] == "gzip"
    assert b"--network-colour: #123456" in gzip.decompress(response.content)


def test_with_the_page_cache_off_every_visit_is_built_afresh(client, newsroom, settings):
    settings.PAGE_CACHE_SECONDS = 0
    story = publish_story(newsroom)
    client.get(story.url)
    response = client.get(story.url)
    assert "X-Page-Cache" not in response
    assert "s-maxage=60" in response["Cache-Control"]  # the reverse proxy may still keep it


# Who never gets a cached page -------------------------------------------------------------


def test_a_signed_in_editor_sees_a_change_at_once_while_readers_keep_the_cached_page(
    client, admin_client, newsroom
):
    story = publish_story(newsroom)
    warm(client, [story.url])
    # A change that tells no one (as if written straight to the database): readers keep the
    # cached page until the next change or the end of its lifetime; the editor never waits.
    NewsPage.objects.filter(pk=story.pk).update(title="แก้ไขโดยไม่บอกใคร")

    assert "แก้ไขโดยไม่บอกใคร" not in read(client, story.url)[1]
    response, body = read(admin_client, story.url)
    assert "แก้ไขโดยไม่บอกใคร" in body
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_a_preview_of_a_draft_is_never_cached(client, admin_client, newsroom):
    story = publish_story(newsroom)
    warm(client, [story.url])
    story.title = "ร่างที่ยังไม่เผยแพร่"
    story.save_revision()  # a draft: readers still see the live story

    draft = admin_client.get(f"/admin/pages/{story.pk}/view_draft/")
    again = admin_client.get(f"/admin/pages/{story.pk}/view_draft/")

    assert "ร่างที่ยังไม่เผยแพร่" in again.content.decode()
    assert "X-Page-Cache" not in draft and "X-Page-Cache" not in again
    assert "no-cache" in again["Cache-Control"] or "no-store" in again["Cache-Control"]
    reader, body = read(client, story.url)
    assert "ร่างที่ยังไม่เผยแพร่" not in body and TITLE in body


def test_a_page_with_a_form_that_sets_a_cookie_is_never_cached(client, newsroom):
    login = "/th/_util/login/"
    first = client.get(login)
    assert first.status_code == 200 and "csrftoken" in first.cookies
    second = client.get(login)
    assert "X-Page-Cache" not in second
    assert "private" in second["Cache-Control"]


def test_a_password_protected_page_is_never_cached(client, newsroom):
    story = publish_story(newsroom)
    PageViewRestriction.objects.create(
        page=story, restriction_type=PageViewRestriction.PASSWORD, password="ลับ"
    )
    for _ in range(2):
        response, body = read(client, story.url)
        assert response.status_code == 200 and 'name="password"' in body
        assert "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"]


def test_a_login_restricted_page_is_never_cached(client, newsroom):
    story = publish_story(newsroom)
    PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)
    for _ in range(2):
        response = client.get(story.url)
        assert response.status_code == 302
        assert "X-Page-Cache" not in response


def test_a_reader_with_a_session_is_served_afresh(client, newsroom):
    story = publish_story(newsroom)
    warm(client, [story.url])
    client.cookies["sessionid"] = "a-session-key-of-somebody"
    assert "X-Page-Cache" not in client.get(story.url)


def test_posts_and_the_admin_are_never_cached(client, admin_client, newsroom):
    client.get("/admin/login/")
    assert "X-Page-Cache" not in client.get("/admin/login/")
    admin_client.get("/admin/")
    response = admin_client.get("/admin/")
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert "X-Page-Cache" not in client.post("/th/")


# Headers for browsers and a reverse proxy ---------------------------------------------------


def test_reader_pages_tell_a_proxy_it_may_keep_them_for_a_minute(client, newsroom):
    story = publish_story(newsroom)
    # As deploy/varnish.vcl asks: for a copy checked against Redis, never a process's own.
    proxy_asks = {"HTTP_CACHE_CONTROL": "no-cache"}
    for response in (client.get(story.url, **proxy_asks), client.get(story.url, **proxy_asks)):
        assert response["X-Page-Cache"] in ("miss", "hit")
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert directives == {"public", "max-age=0", "s-maxage=60"}
        vary = {v.strip() for v in response["Vary"].split(",")}
        assert "Accept-Encoding" in vary
        assert "Cookie" not in vary


@pytest.mark.parametrize("query", ["?page=2", "?topic=forest&district=tha-tum", "?page=999"])
def test_deeper_listing_pages_and_filters_live_at_most_a_minute_in_a_proxy(client, newsroom, query):
    for number in range(14):
        publish_story(newsroom, title=f"เรื่องที่ {number}", slug=f"story-{number}")
    response = client.get(newsroom["index"].url + query)
    assert response.status_code == 200
    s_maxage = [d for d in response["Cache-Control"].split(", ") if d.startswith("s-maxage=")]
    assert s_maxage and int(s_maxage[0].split("=")[1]) <= 60


def test_feeds_keep_their_ten_minutes_for_feed_readers_and_a_minute_in_a_proxy(client, newsroom):
    publish_story(newsroom)
    directives = set(client.get("/th/feeds/rss/")["Cache-Control"].split(", "))
    assert directives == {"public", "max-age=600", "s-maxage=60"}


# Compression ----------------------------------------------------------------------------------


@pytest.mark.parametrize("address", ["/th/", "/th/feeds/atom/", "/api/v2/pages/", "/sitemap.xml"])
def test_text_is_compressed_for_readers_who_accept_it(client, newsroom, address):
    publish_story(newsroom)
    compressed = client.get(address, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    plain = client.get(address)

    assert compressed["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain
    assert len(compressed.content) < len(plain.content)
    # Each kept apart in the cache: the plain reader never gets the compressed bytes.
    again_plain = client.get(address)
    again_compressed = client.get(address, HTTP_ACCEPT_ENCODING="gzip")
    assert again_plain["X-Page-Cache"] == again_compressed["X-Page-Cache"] == "hit"
    assert again_plain.content == plain.content
    assert gzip.decompress(again_compressed.content) == plain.content


def test_a_document_download_is_not_compressed(client, newsroom):
    document = factories.wagtail_factories.DocumentFactory()
    response = client.get(document.url, HTTP_ACCEPT_ENCODING="gzip")
    assert response.get("Content-Encoding") != "gzip", response.get("Content-Encoding")


# Every door: the change is on every page that shows the story at once ----------------------


def test_a_published_story_appears_at_once_on_every_page_that_lists_it(client, newsroom):
    addresses = newsroom["addresses"]
    publish_story(newsroom, title="เรื่องเก่า", slug="older-story", days_ago=1)
    warm(client, addresses.values())
    assert not showing(client, addresses.values(), SLUG)

    story = publish_story(newsroom)

    assert showing(client, addresses.values(), SLUG) == set(addresses.values())
    assert SLUG in read(client, tag_listing(newsroom, story))[1]
    assert TITLE in read(client, f"/api/v2/pages/{story.pk}/")[1]


def test_an_edited_story_shows_its_new_title_at_once_everywhere(client, newsroom):
    story = publish_story(newsroom)
    addresses = [*newsroom["addresses"].values(), story.url, tag_listing(newsroom, story)]
    titled = [a for a in addresses if "sitemap" not in a]
    warm(client, addresses)
    assert showing(client, titled, TITLE) == set(titled)

    story.title = "ปลูกป่าริมน้ำมูล: ชาวบ้านปลูกครบหนึ่งพันต้น"
    story.save_revision().publish()

    assert showing(client, titled, "ปลูกครบหนึ่งพันต้น") == set(titled)


@pytest.mark.parametrize("door", ["unpublish", "delete", "admin unpublish"])
def test_an_unpublished_or_deleted_story_leaves_every_page_at_once(
    client, admin_client, newsroom, door
):
    story = publish_story(newsroom)
    publish_story(newsroom, title="เรื่องอื่น", slug="other-story", days_ago=1)
    addresses = [*newsroom["addresses"].values(), tag_listing(newsroom, story)]
    warm(client, [*addresses, story.url])
    assert showing(client, addresses, SLUG) == set(addresses)

    if door == "unpublish":
        story.unpublish()
    elif door == "delete":
        story.delete()
    else:
        response = admin_client.post(f"/admin/pages/{story.pk}/unpublish/")
        assert response.status_code == 302

    assert client.get(story.url).status_code == 404
    assert showing(client, addresses, SLUG) == set()


def test_a_moved_story_answers_at_its_new_address_at_once(client, newsroom):
    story = publish_story(newsroom)
    old_url = story.url
    warm(client, [old_url, "/th/"])

    story.move(newsroom["site_tree"]["home_th"], pos="last-child")
    story = StoryPage.objects.get(pk=story.pk)

    assert story.url != old_url
    moved = client.get(old_url)  # Wagtail's automatic redirect, not the kept page
    assert moved.status_code == 301 and moved["Location"] == story.url
    assert client.get(story.url).status_code == 200
    assert story.url in read(client, "/th/")[1]


def test_a_published_translation_shows_at_once_on_both_languages_pages(client, newsroom, locales):
    story = publish_story(newsroom)
    warm(client, [story.url, "/en/", "/api/v2/pages/"])

    english = story.copy_for_translation(locales["en"])
    english.title, english.slug = "Villagers plant a forest by the Mun river", "forest-by-the-mun"
    english.save_revision().publish()
    english = StoryPage.objects.get(pk=english.pk)

    assert english.url in read(client, story.url)[1]  # the ENG switch and hreflang
    assert "forest-by-the-mun" in read(client, "/en/")[1]
    assert "Villagers plant a forest" in read(client, "/api/v2/pages/")[1]


def test_a_scheduled_story_going_live_shows_at_once(client, newsroom):
    story = factories.NewsPageFactory(parent=newsroom["index"], title=TITLE, slug=SLUG, live=False)
    moment = timezone.now() + timedelta(hours=1)
    story.go_live_at = moment
    story.save_revision().publish()  # scheduled: not live yet
    warm(client, newsroom["addresses"].values())
    assert SLUG not in read(client, "/th/")[1]

    # The moment comes (as tests/test_import_export.py brings it).
    revision = story.latest_revision
    past = timezone.now() - timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    NewsPage.objects.filter(pk=story.pk).update(go_live_at=past)
    call_command("publish_scheduled", stdout=io.StringIO())

    assert SLUG in read(client, "/th/")[1]
    assert SLUG in read(client, "/th/feeds/rss/")[1]


def test_imported_stories_show_at_once(client, newsroom, tmp_path):
    warm(client, ["/th/", newsroom["addresses"]["all stories"]])
    path = tmp_path / "stories.json"
    record = {
        "ref": "import-001",
        "type": "news",
        "locale": "th",
        "title": "เรื่องนำเข้าจากระบบเดิม",
        "networks": ["youth"],
    }
    path.write_text(json.dumps({"stories": [record]}, ensure_ascii=False), "utf-8")

    import_stories(path)

    assert "เรื่องนำเข้าจากระบบเดิม" in read(client, "/th/")[1]
    assert "เรื่องนำเข้าจากระบบเดิม" in read(client, newsroom["addresses"]["all stories"])[1]


def test_a_renamed_network_shows_at_once_on_every_page(client, newsroom):
    publish_story(newsroom)
    warm(client, ["/th/", newsroom["addresses"]["network page"]])
    network = newsroom["network"]
    network.name_th = "เครือข่ายเยาวชนสุรินทร์รักษ์ป่า"
    network.save()
    assert "เครือข่ายเยาวชนสุรินทร์รักษ์ป่า" in read(client, newsroom["addresses"]["network page"])[1]
    assert "เครือข่ายเยาวชนสุรินทร์รักษ์ป่า" in read(client, "/th/")[1]


def test_new_contact_details_show_at_once_in_every_footer(client, newsroom):
    story = publish_story(newsroom)
    warm(client, ["/th/", story.url])
    contact = ContactSettings.load()
    contact.phone = "044-511-999"
    contact.save()
    assert "044-511-999" in read(client, "/th/")[1]
    assert "044-511-999" in read(client, story.url)[1]


def test_each_language_footer_follows_every_contact_detail(client, newsroom):
    # The footer is a fragment each process keeps (core.fragments) under the language and
    # every contact detail it shows: a change is another fragment, in each language.
    def footers():
        return [
            read(client, f"/{language}/")[1].split('class="site-footer"')[1]
            for language in ("th", "en")
        ]

    footers()
    contact = ContactSettings.load()
    contact.address_th, contact.address_en = "๑๑๑ ถนนหลักเมือง", "111 Lak Mueang Road"
    contact.save()
    thai, english = footers()
    assert "๑๑๑ ถนนหลักเมือง" in thai and "Lak Mueang" not in thai
    assert "111 Lak Mueang Road" in english and "ถนนหลักเมือง" not in english
    contact.email, contact.facebook_url = (
        "news@example.org",
        "https://www.facebook.com/siang.example",
    )
    contact.save()
    for footer in footers():
        assert "mailto:news@example.org" in footer and "facebook.com/siang.example" in footer


# The reverse proxy is told at once ------------------------------------------------------------


def test_publishing_purges_every_address_that_shows_the_story(
    newsroom, proxy, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story = publish_story(newsroom)
    wait_for_purges()

    root = "http://localhost"
    expected = {
        root + story.url,
        root + tag_listing(newsroom, story),
        root + f"/api/v2/pages/{story.pk}/",
        root + "/th/feeds/atom/network/youth/",
        root + "/th/feeds/rss/topic/forest/",
        root + "/th/feeds/rss/reporter/somchai/",
        root + "/th/feeds/rss/type/news/",
        root + "/th/podcast/youth/",
        root + "/en/",
        root + "/network-colours.css",
        *(root + address for address in newsroom["addresses"].values()),
    }
    assert expected <= set(proxy)


def test_purges_are_sent_once_the_change_is_committed(
    newsroom, proxy, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        story = publish_story(newsroom)
    wait_for_purges()
    assert proxy == []  # not before the change is there to be read
    for callback in callbacks:
        callback()
    wait_for_purges()
    assert "http://localhost" + story.url in proxy


def test_a_move_purges_the_old_address_and_the_new(
    newsroom, proxy, django_capture_on_commit_callbacks
):
    story = publish_story(newsroom)
    old = "http://localhost" + story.url
    with django_capture_on_commit_callbacks(execute=True):
        story.move(newsroom["site_tree"]["home_th"], pos="last-child")
    wait_for_purges()
    new = "http://localhost" + StoryPage.objects.get(pk=story.pk).url
    assert {old, new} <= set(proxy)


# When the cache is down -----------------------------------------------------------------------


def _closed_port():
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_with_redis_stopped_readers_get_pages_uncached_and_editors_can_publish(
    client, newsroom, settings
):
    story = publish_story(newsroom)
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "core.cache.DegradingRedisCache",
            "LOCATION": f"redis://127.0.0.1:{_closed_port()}/2",
        },
    }
    for _ in range(2):
        response, body = read(client, story.url)
        assert response.status_code == 200 and TITLE in body
        assert "X-Page-Cache" not in response

    story.title = "เผยแพร่ขณะที่แคชหยุด"
    story.save_revision().publish()

    assert "เผยแพร่ขณะที่แคชหยุด" in read(client, story.url)[1]


def test_a_kept_page_is_one_round_trip_and_a_new_generation_replaces_it(
    client, newsroom, monkeypatch, settings
):
    settings.PAGE_CACHE_PROCESS_SECONDS = 0  # Redis asked on every request (no process copies)
    story = publish_story(newsroom)
    warm(client, [story.url])
    trips = []
    for name in ("get", "get_many", "add", "set"):
        monkeypatch.setattr(cache, name, _counted(getattr(cache, name), name, trips))

    assert read(client, story.url)[0]["X-Page-Cache"] == "hit"
    assert trips == ["get_many"]

    start_new_generation()
    trips.clear()
    assert read(client, story.url)[0]["X-Page-Cache"] == "miss"
    assert trips[0] == "get_many" and trips[-1] == "set"  # what the page read is its own
    assert read(client, story.url)[0]["X-Page-Cache"] == "hit"
    # The address's page was replaced, not kept beside the stale one.
    assert len([key for key in cache._cache if ":page_cache:page:" in key]) == 1


def _counted(method, name, trips):
    """The cache's calls as the request makes them (LocMemCache's get_many calls its own get,
    where Redis sends one MGET)."""

    def counted(*args, **kwargs):
        if trips and trips[-1] is None:  # inside another counted call
            return method(*args, **kwargs)
        trips.append(None)
        try:
            return method(*args, **kwargs)
        finally:
            trips[-1] = name

    return counted


def _changed_by_another_process(story, title):
    """What a publish on another server leaves here: the row changed and a new generation in
    Redis, but nothing said to this process."""
    NewsPage.objects.filter(pk=story.pk).update(title=title)
    cache.set(GENERATION_KEY, "started-by-another-process", timeout=None)


@pytest.fixture
def clock(monkeypatch):
    """This process's clock for its own copies, moved on by hand."""
    now = [1000.0]
    monkeypatch.setattr(process_copies, "clock", lambda: now[0])
    return now


def test_another_servers_change_reaches_this_ones_readers_within_half_a_second(
    client, newsroom, clock, monkeypatch
):
    story = publish_story(newsroom)
    warm(client, [story.url])
    _changed_by_another_process(story, "ข่าวแก้จากเครื่องที่สอง")
    trips = []
    for name in ("get", "get_many", "add", "set"):
        monkeypatch.setattr(cache, name, _counted(getattr(cache, name), name, trips))

    clock[0] += 0.4
    response, body = read(client, story.url)
    assert response["X-Page-Cache"] == "hit" and TITLE in body  # this process's own copy
    assert trips == []

    clock[0] += 0.2
    response, body = read(client, story.url)
    assert "ข่าวแก้จากเครื่องที่สอง" in body
    assert response["X-Page-Cache"] == "miss"


def test_a_page_from_a_process_copy_is_kept_by_proxies_for_a_second_only(client, newsroom, clock):
    story = publish_story(newsroom)
    warm(client, [story.url])

    from_the_copy = client.get(story.url)

    assert from_the_copy["X-Page-Cache"] == "hit"
    assert "s-maxage=1" in from_the_copy["Cache-Control"]
    assert "public" in from_the_copy["Cache-Control"]
    assert "max-age=0" in from_the_copy["Cache-Control"]


@pytest.mark.parametrize(
    "asks",
    [
        {"HTTP_CACHE_CONTROL": "no-cache"},  # what deploy/varnish.vcl sends on every fetch
        {"HTTP_CACHE_CONTROL": "max-age=0"},  # a browser's reload
        {"HTTP_PRAGMA": "no-cache"},
    ],
)
def test_a_reload_and_the_proxy_get_the_page_checked_against_redis_at_once(
    client, newsroom, clock, asks
):
    story = publish_story(newsroom)
    warm(client, [story.url])
    _changed_by_another_process(story, "ข่าวแก้จากเครื่องที่สอง")

    response, body = read(client, story.url, **asks)

    assert "ข่าวแก้จากเครื่องที่สอง" in body
    assert "s-maxage=60" in response["Cache-Control"]


def test_the_server_that_publishes_a_change_shows_it_at_once(client, newsroom, clock):
    story = publish_story(newsroom)
    warm(client, [story.url, "/th/"])

    story.title = "แก้ชื่อบนเครื่องนี้"
    story.save_revision().publish()

    assert "แก้ชื่อบนเครื่องนี้" in read(client, story.url)[1]
    assert "แก้ชื่อบนเครื่องนี้" in read(client, "/th/")[1]


def test_with_redis_stopped_a_process_copy_is_served_half_a_second_at_most(
    client, newsroom, clock, monkeypatch
):
    story = publish_story(newsroom)
    warm(client, [story.url])

    def stopped(*args, **kwargs):
        raise ConnectionError("Redis stopped")

    monkeypatch.setattr(cache, "get_many", stopped)
    _changed_by_another_process(story, "แก้ขณะที่แคชหยุด")
    clock[0] += 0.6

    response, body = read(client, story.url)
    assert response.status_code == 200 and "แก้ขณะที่แคชหยุด" in body
    assert "X-Page-Cache" not in response


def test_a_process_holds_a_bounded_number_of_pages():
    copies = ProcessCopies(limit=2)
    copies.confirm("g1")
    for key in ("a", "b", "c"):
        copies.keep(key, "g1", (200, key.encode(), []))

    assert copies.find("a", 1) is None
    assert copies.find("b", 1)[1] == b"b" and copies.find("c", 1)[1] == b"c"
    copies.confirm("g2")  # another generation: nothing held is current
    assert copies.find("c", 1) is None


def test_when_redis_answers_again_every_page_kept_before_is_stale(client, newsroom):
    story = publish_story(newsroom)
    warm(client, [story.url])
    # A change made during the outage could not reach Redis, so a process that sees Redis
    # again starts a new generation (core.cache sends cache_recovered).
    NewsPage.objects.filter(pk=story.pk).update(title="แก้ไขขณะที่แคชหยุด")
    generation = cache.get(GENERATION_KEY)

    cache_recovered.send(sender=None)

    assert cache.get(GENERATION_KEY) != generation
    assert "แก้ไขขณะที่แคชหยุด" in read(client, story.url)[1]


# Configuration --------------------------------------------------------------------------------


@pytest.fixture
def reloaded_settings(monkeypatch):
    import cms.settings.base as base

    def reload(**env):
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return importlib.reload(base)

    yield reload
    monkeypatch.delenv("FRONTEND_CACHE_PURGE_URLS", raising=False)
    monkeypatch.delenv("PAGE_CACHE_SECONDS", raising=False)
    monkeypatch.delenv("PAGE_CACHE_PROCESS_SECONDS", raising=False)
    monkeypatch.delenv("REDIS_URL", raising=False)
    importlib.reload(base)


def test_the_proxies_to_purge_come_from_the_environment(reloaded_settings):
    base = reloaded_settings(
        FRONTEND_CACHE_PURGE_URLS="http://127.0.0.1:6081, http://10.0.0.2:6081"
    )
    assert [backend["LOCATION"] for backend in base.WAGTAILFRONTENDCACHE.values()] == [
        "http://127.0.0.1:6081",
        "http://10.0.0.2:6081",
    ]
    assert {backend["BACKEND"] for backend in base.WAGTAILFRONTENDCACHE.values()} == {
        "wagtail.contrib.frontend_cache.backends.HTTPBackend"
    }
    assert reloaded_settings(FRONTEND_CACHE_PURGE_URLS="").WAGTAILFRONTENDCACHE == {}


def test_the_page_cache_lifetime_comes_from_the_environment(reloaded_settings):
    assert reloaded_settings(REDIS_URL="redis://127.0.0.1:6379/0").PAGE_CACHE_SECONDS == 600
    assert reloaded_settings(PAGE_CACHE_SECONDS="0").PAGE_CACHE_SECONDS == 0
    assert reloaded_settings(PAGE_CACHE_SECONDS="3600").PAGE_CACHE_SECONDS == 3600


def test_how_long_a_process_trusts_its_own_copies_comes_from_the_environment(reloaded_settings):
    assert reloaded_settings().PAGE_CACHE_PROCESS_SECONDS == 0.5
    assert reloaded_settings(PAGE_CACHE_PROCESS_SECONDS="0").PAGE_CACHE_PROCESS_SECONDS == 0


def test_with_process_copies_off_another_servers_change_shows_at_once(client, newsroom, settings):
    settings.PAGE_CACHE_PROCESS_SECONDS = 0
    story = publish_story(newsroom)
    warm(client, [story.url])
    _changed_by_another_process(story, "ข่าวแก้จากเครื่องที่สอง")

    assert "ข่าวแก้จากเครื่องที่สอง" in read(client, story.url)[1]


def test_without_redis_each_process_would_keep_its_own_pages_so_the_default_is_off(
    reloaded_settings, monkeypatch
):
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.delenv("PAGE_CACHE_SECONDS", raising=False)
    assert reloaded_settings().PAGE_CACHE_SECONDS == 0


def test_a_host_the_site_does_not_serve_is_refused_not_cached(client, newsroom):
    assert client.get("/th/", HTTP_HOST="evil.example").status_code == 400


def test_a_page_not_found_is_not_kept(client, newsroom):
    client.get("/th/no-such-page/")
    response = client.get("/th/no-such-page/")
    assert response.status_code == 404
    assert "X-Page-Cache" not in response
