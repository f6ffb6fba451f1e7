"""Journeys 3 and 4: readers on the public site, on a phone and with a keyboard only."""

import re
from unittest import mock
from urllib.parse import unquote

import pytest
from playwright.sync_api import expect

from news.models import listing
from tests.browser import world
from tests.browser.conftest import LAPTOP, PHONE
from tests.browser.keyboard import follow
from tests.browser.photos import phone_photo_with_location, private_tags

FIVE_STORIES = (
    "elephant-festival",
    "rice-harvest-forum",
    "silk-natural-dye",
    "youth-river-camp",
    "bun-khao-chi",
)
YOUTH_NETWORK = "เครือข่ายองค์กรเยาวชน จ.สุรินทร์"
TITLE_TH = "ไซดักปลาของบ้านหนองบัว"
TITLE_EN = "Ban Nong Bua's bamboo fish traps"
# "pla ra" (fermented fish) is in the middle of the body only, never in the title or summary.
MIDDLE_WORD = "ปลาร้า"
BODY_TH = (
    "เมื่อถึงฤดูน้ำหลาก ชาวบ้านหนองบัวจะสานไซดักปลาจากไม้ไผ่ แล้วนำไปวางตามลำห้วยทุกเย็น "
    f"ปลาที่ได้ในตอนเช้านำไปทำ{MIDDLE_WORD}เก็บไว้กินตลอดปี เด็ก ๆ ในหมู่บ้านมาช่วยผู้ใหญ่สานไซทุกวันเสาร์"
)
BODY_EN = (
    "When the floods come, the people of Ban Nong Bua weave fish traps from bamboo and set them "
    "in the streams every evening; the morning's catch becomes fermented fish for the year."
)


@pytest.fixture
def sections(newsroom_server):
    return world.build(newsroom_server, media=False)


def watch(page):
    """Records what the tab receives: responses that failed, and the bytes of every image."""
    seen = {"failures": [], "images": {}}

    def on_response(response):
        if response.status >= 400:
            seen["failures"].append(f"{response.status} {unquote(response.url)}")
        elif response.request.resource_type == "image":
            seen["images"][unquote(response.url)] = response.body()

    page.on("response", on_response)
    return seen


def test_reader_finds_the_story_everywhere_and_its_photos_tell_no_location(
    sections, open_page, tmp_path
):
    photo = phone_photo_with_location(tmp_path / "IMG_20261121_1702.jpg")
    world.youth_reporters_photo_story(sections, TITLE_TH, BODY_TH, photo, TITLE_EN, BODY_EN)
    thai_only = world.youth_reporters_photo_story(sections, "ตลาดนัดปลาร้าหน้าวัด", BODY_TH)
    page = open_page(PHONE)
    seen = watch(page)

    page.goto("/")
    expect(page).to_have_url(re.compile("/th/$"))
    expect(page.get_by_role("link", name=TITLE_TH).first).to_be_visible()

    # The network's page, through the menu.
    page.get_by_role("navigation", name="หลัก").get_by_role("link", name="เครือข่ายสมาชิก").click()
    page.get_by_role("link", name=YOUTH_NETWORK).click()
    expect(page.locator("h1")).to_have_text(YOUTH_NETWORK)
    expect(page.locator(".network-stories").get_by_role("link", name=TITLE_TH)).to_be_visible()
    # Its feed, as a feed reader finds it from the page.
    feed_href = page.locator(
        f"link[rel=alternate][type='application/rss+xml'][title^='{YOUTH_NETWORK}']"
    ).get_attribute("href")
    feed = page.request.get(feed_href)
    assert feed.ok
    assert TITLE_TH in feed.text()

    # Search for a word from the middle of the story.
    search = page.get_by_role("search").first.get_by_role("searchbox")
    search.fill(MIDDLE_WORD)
    search.press("Enter")
    results = page.locator(".search-results")
    expect(results.get_by_role("link", name=TITLE_TH)).to_be_visible()
    results.get_by_role("link", name=TITLE_TH).click()
    expect(page.locator("h1")).to_have_text(TITLE_TH)
    expect(page.locator(".story__hero img")).to_be_visible()

    # English: the translation of this story.
    page.get_by_role("navigation", name="ภาษา").get_by_role("link", name="ENG").click()
    expect(page).to_have_url(re.compile("/en/stories/ban-nong-buas-bamboo-fish-traps/$"))
    expect(page.locator("h1")).to_have_text(TITLE_EN)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    # A story with no translation leads to the English home page.
    page.goto(world.page_url(thai_only))
    page.get_by_role("navigation", name="ภาษา").get_by_role("link", name="ENG").click()
    expect(page).to_have_url(re.compile("/en/$"))

    assert seen["failures"] == []
    assert seen["images"], "the pages showed no image at all"
    hero_photos = [url for url in seen["images"] if "IMG_20261121_1702" in url]
    assert hero_photos, "the story's own photo was never shown"
    for url, data in seen["images"].items():
        assert private_tags(data) == [], url


@pytest.fixture
def many_stories(newsroom_server):
    """Five demo stories in each language, two to a listing page: three pages to walk through."""
    with mock.patch.object(listing, "STORIES_PER_PAGE", 2):
        yield world.build(newsroom_server, stories=FIVE_STORIES, media=False)


def test_keyboard_reader_pages_through_a_listing_and_filters_it_without_error(
    many_stories, open_page
):
    page = open_page(LAPTOP)
    seen = watch(page)
    page.goto("/th/")

    follow(page, page.locator(".home-newest a.button"))  # "All stories"
    expect(page.locator(".listing-count")).to_contain_text("5")
    pages_seen = [page.locator(".pagination__current").inner_text()]
    while page.locator(".pagination a[rel=next]").count():
        follow(page, page.locator(".pagination a[rel=next]"))
        pages_seen.append(page.locator(".pagination__current").inner_text())
    assert len(pages_seen) == 3
    assert "3" in pages_seen[-1]
    while page.locator(".pagination a[rel=prev]").count():
        follow(page, page.locator(".pagination a[rel=prev]"))
    assert page.locator(".pagination__current").inner_text() == pages_seen[0]

    # By network: a story, its network, and every story of that network.
    follow(page, page.locator(".story-card__title a").first)
    # The story's member networks come first among its chips, then topics, tags, district.
    network_chip = page.locator(".story__taxonomy .chips").first.locator("a").first
    network_name = network_chip.inner_text()
    follow(page, network_chip)
    expect(page.locator("h1")).to_have_text(network_name)
    follow(page, page.locator(".network-stories a.button"))  # "All stories from ..."
    expect(page.locator("h1")).to_have_text(network_name)
    cards = page.locator(".story-card")
    expect(cards.first).to_be_visible()
    for card in cards.all():
        expect(card.locator(".story-card__network", has_text=network_name)).to_have_count(1)

    # By topic: a story of that network, one of its topics, every story on that topic.
    follow(page, page.locator(".story-card__title a").first)
    topic_chip = page.locator(".story__taxonomy .chips a[href*='/topic/']").first
    topic_name = topic_chip.inner_text()
    follow(page, topic_chip)
    expect(page.locator("h1")).to_contain_text(topic_name)
    expect(page.locator(".story-card").first).to_be_visible()

    assert seen["failures"] == []
