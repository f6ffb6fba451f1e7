"""The browser tier: Debian's Chromium, driven by Playwright, against a live server.

Each test gets a fresh database (pytest-django's ``transactional_db``: what the browser does through
the server is committed, so the test can see it) with the migrations' own rows put back
(``django_db_serialized_rollback``: Wagtail's root page, locales and collections). One server and
one Chromium serve the whole session; each test opens its own browser contexts.
"""

import os

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.servers.basehttp import WSGIServer
from django.db import connections
from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler
from playwright.sync_api import expect, sync_playwright

from tests.browser import world

# Playwright's synchronous API keeps an event loop running in this thread; Django would then
# refuse the tests' own ORM calls as if they came from async code. They do not.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
# Debian's Chromium, headless, talking to nobody but the test server.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The machine is shared and slow at times: a person waits this long before calling it broken.
ACTION_TIMEOUT_MS = 20_000
expect.set_options(timeout=ACTION_TIMEOUT_MS)
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
LAPTOP = {"viewport": {"width": 1280, "height": 800}}


def pytest_collection_modifyitems(items):
    for item in items:
        if "/tests/browser/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


class OneRequestAtATimeServerThread(LiveServerThread):
    """Django's live server, answering one request at a time.

    On SQLite the test database lives in memory and the server shares the tests' connection;
    Django's threaded server would let the browser's parallel requests use that one connection
    at once. Served one by one (Django closes each connection after its response), they cannot.
    """

    def _create_server(self, connections_override=None):
        return WSGIServer(
            (self.host, self.port), QuietWSGIRequestHandler, allow_reuse_address=False
        )


@pytest.fixture(scope="session")
def test_connections(django_db_setup):
    """The test database connections as pytest-django set them up (and, for serialized
    rollback, recorded the migrations' rows on them)."""
    return {conn.alias: conn for conn in connections.all()}


@pytest.fixture(scope="session")
def site_server(test_connections):
    shared = {
        alias: conn
        for alias, conn in test_connections.items()
        if conn.vendor == "sqlite" and conn.is_in_memory_db()
    }
    thread = OneRequestAtATimeServerThread(
        "localhost", StaticFilesHandler, connections_override=shared
    )
    thread.daemon = True
    for conn in shared.values():
        conn.inc_thread_sharing()
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://localhost:{thread.port}"
    thread.terminate()
    for conn in shared.values():
        conn.dec_thread_sharing()


@pytest.fixture(scope="session")
def chromium(site_server):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def same_connections(test_connections):
    """Puts the test database connections back in this test's context.

    Django keeps connections in context variables; once Playwright is running, a test's code
    runs in another context and would open new connection objects, which lack the migrations'
    rows that serialized rollback puts back after each test.
    """
    for alias, conn in test_connections.items():
        connections[alias] = conn


@pytest.fixture
def newsroom_server(
    site_server, chromium, same_connections, transactional_db, django_db_serialized_rollback
):
    """The live server's address, with an empty database of this test's own: what the browser
    does through the server is committed, and the migrations' rows are put back afterwards.
    Tests build their world in it with ``tests.browser.world``."""
    return site_server


@pytest.fixture
def reader_site(newsroom_server):
    return world.reader_site(newsroom_server)


@pytest.fixture
def open_page(chromium, site_server):
    """``open_page(device)`` opens a tab in a fresh browser context (its own cookies) with the
    PHONE or LAPTOP screen, preferring Thai; every context is closed after the test."""
    contexts = []

    def open_page(device=LAPTOP, **options):
        # A Thai reader's browser, unless a test says otherwise.
        options = {"locale": "th-TH", **device, **options}
        context = chromium.new_context(base_url=site_server, **options)
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
