"""Reading offline in Chromium: a reader on a phone loses signal after reading a story.

The worker (offline/service_worker.js) keeps the pages a reader opened and their photos, shows
the Thai offline page for the rest, and never keeps the admin's pages or a logged-in reader's.
"""

from unittest import mock
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

from core.pages import BasePage
from news.models import StoryPage
from tests.browser import weighing, world
from tests.browser.checkers import axe_violations, vnu_errors
from tests.browser.conftest import PHONE
from tests.browser.signing_in import log_in

OFFLINE_HEADING = {"th": "คุณออฟไลน์อยู่", "en": "You are offline"}
# Every store the worker has, as "store address" lines (addresses decoded for Thai slugs).
STORED = """async () => {
  const found = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) found.push(name + " " + decodeURI(request.url));
  }
  return found;
}"""
# The worker is running and controls this tab.
CONTROLLED = "async () => { await navigator.serviceWorker.ready; return !!navigator.serviceWorker.controller; }"


@pytest.fixture
def stories(newsroom_server):
    world.build(newsroom_server, media=False)
    return list(StoryPage.objects.live().filter(locale__language_code="th").order_by("pk"))


def stored(page):
    return page.evaluate(STORED)


def wait_until_stored(page, store, path):
    """Waits until the worker has put ``path`` into the store named ``store`` (its work after
    answering the browser goes on in the background)."""
    weighing.wait_until(
        page,
        """async ([store, path]) => {
          for (const name of await caches.keys()) {
            if (!name.startsWith(store)) continue;
            const cache = await caches.open(name);
            for (const request of await cache.keys()) {
              if (decodeURI(new URL(request.url).pathname) === path) return true;
            }
          }
          return false;
        }""",
        [store, unquote(path)],
    )


def hero_path(page):
    """The address of the photo the browser chose from the hero's srcset."""
    src = page.evaluate("document.querySelector('.story__hero img').currentSrc")
    return unquote(urlsplit(src).path)


def hero_shown(page):
    return page.evaluate(
        "() => { const img = document.querySelector('.story__hero img');"
        " return !!img && img.complete && img.naturalWidth > 0; }"
    )


def test_reader_reads_a_story_again_without_signal_and_sees_the_offline_page_for_others(
    stories, open_page, tmp_path
):
    read, unread = (unquote(world.page_url(story)) for story in stories[:2])
    page = open_page(PHONE)
    page.goto("/th/")
    weighing.wait_until(page, CONTROLLED)
    wait_until_stored(page, "siang-pages-", "/th/")  # the first page, kept after it loaded
    page.goto(read)
    page.wait_for_load_state("networkidle")
    wait_until_stored(page, "siang-pages-", read)
    wait_until_stored(page, "siang-photos-", hero_path(page))

    page.context.set_offline(True)
    page.reload()

    expect(page.get_by_role("heading", level=1)).to_have_text(stories[0].title)
    assert hero_shown(page), "the story's photo, at the size shown, was kept with it"
    page.goto(unread)
    expect(page.get_by_role("heading", level=1)).to_have_text(OFFLINE_HEADING["th"])
    expect(page.locator("html")).to_have_attribute("lang", "th")
    # The offline page offers the pages this phone kept.
    kept = page.locator(".kept-pages")
    expect(kept.get_by_role("link", name=stories[0].title)).to_be_visible()
    violations = axe_violations(page, "offline page (th, phone)")
    page.goto("/th/")
    expect(page.locator(".site-header")).to_be_visible()
    assert unread not in "\n".join(stored(page))
    page.context.set_offline(False)

    offline_html = {
        f"offline page ({language})": page.request.get(f"/{language}/_offline/").text()
        for language in ("th", "en")
    }
    assert violations + vnu_errors(offline_html, tmp_path) == []


def private_when_signed_in(serve):
    """What the page-caching middleware does for signed-in users, done here on the page itself:
    their pages say ``private, no-store``."""

    def serve_marked(page, request, *args, **kwargs):
        response = serve(page, request, *args, **kwargs)
        if request.user.is_authenticated:
            response["Cache-Control"] = "private, no-store"
        return response

    return serve_marked


def test_admin_and_signed_in_pages_are_never_stored(stories, open_page):
    story = unquote(world.page_url(stories[0]))
    page = open_page(PHONE)
    page.goto("/th/")
    weighing.wait_until(page, CONTROLLED)
    wait_until_stored(page, "siang-pages-", "/th/")

    log_in(page, "admin")
    for address in ("/admin/pages/", f"/admin/pages/{stories[0].pk}/edit/", "/health/"):
        assert page.goto(address).ok
    with mock.patch.object(BasePage, "serve", private_when_signed_in(BasePage.serve)):
        page.goto(story)
        page.wait_for_load_state("networkidle")
        # Photos are public files: the worker keeps this one, so it saw the page's requests.
        wait_until_stored(page, "siang-photos-", hero_path(page))
        page.reload()  # and its report of what the page showed, which asks for the page again
        page.wait_for_load_state("networkidle")

    kept = "\n".join(stored(page))
    assert story not in kept, "a signed-in reader's page was stored"
    assert "/admin/" not in kept
    assert "/health/" not in kept  # never_cache: no-store
    # The anonymous pages before were kept, so the worker was storing all along.
    assert "/th/" in kept
