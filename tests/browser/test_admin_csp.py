"""Wagtail's admin works under its Content-Security-Policy: Debian's Chromium signs in through
the two-step sign-in, then opens the dashboard, the page editor (rich text editor and image
chooser) and the images listing, and the browser reports no CSP violation anywhere; nor on a
reader's story page under the strict public policy.

Self-contained on purpose (its own small live server), beside the shared browser harness.
Run: .venv/bin/python -m pytest tests/browser/test_admin_csp.py -m browser -q
"""

import json

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.servers.basehttp import WSGIServer
from django.db import connections
from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler

from tests import factories
from tests.two_factor import authenticator_for, current_code

playwright = pytest.importorskip("playwright.sync_api")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


class SerialServerThread(LiveServerThread):
    """One request at a time: with in-memory SQLite the server shares the tests' connection."""

    def _create_server(self, connections_override=None):
        return WSGIServer(
            (self.host, self.port), QuietWSGIRequestHandler, allow_reuse_address=False
        )


@pytest.fixture
def server(transactional_db):
    shared = {
        conn.alias: conn
        for conn in connections.all()
        if conn.vendor == "sqlite" and conn.is_in_memory_db()
    }
    for conn in shared.values():
        conn.inc_thread_sharing()
    thread = SerialServerThread("localhost", StaticFilesHandler, connections_override=shared)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://localhost:{thread.port}"
    thread.terminate()
    for conn in shared.values():
        conn.dec_thread_sharing()


@pytest.fixture
def world(site_tree, story_index, settings):
    settings.SIGN_IN_TWO_FACTOR_REQUIRED = True
    network = factories.NetworkFactory(slug="youth", colour="#1f6f4a")
    factories.ImageFactory(title="ทุ่งนา")  # for the chooser to list
    body = json.dumps([{"type": "paragraph", "value": "<p>ชาวบ้านทอผ้าไหม</p>"}])
    story = factories.published_story(
        factories.NewsPageFactory,
        story_index["th"],
        [network],
        title="ข่าวผ้าไหม",
        body=body,
    )
    admin = factories.UserFactory(username="admin", is_superuser=True, is_staff=True)
    factories.UserFactory(username="new_admin", is_superuser=True, is_staff=True)
    return {"story": story, "admin": admin, "device": authenticator_for(admin)}


@pytest.fixture
def browser(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the ORM calls here are not
    # async. Set only while a browser runs: the deploy check refuses this variable.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()


def test_admin_and_reader_pages_raise_no_csp_violation(server, world, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    violations = {}

    def record(name):
        page.wait_for_load_state("networkidle")
        found = page.evaluate("window.__cspViolations")
        if found:
            violations[name] = found

    page.goto(f"{server}/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "test-password")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/two-factor/verify/**")
    record("two-factor verify")
    page.fill("#id_code", current_code(world["device"]))
    page.click(".login-form button[type=submit]")
    page.wait_for_url(f"{server}/admin/")
    record("dashboard")

    page.goto(f"{server}/admin/pages/{world['story'].pk}/edit/")
    editor = page.locator(".public-DraftEditor-content").first
    editor.wait_for()
    editor.click()
    page.keyboard.type(" ทดสอบ")
    page.locator("[data-chooser-action-choose]:visible").first.click()
    page.locator(".modal .listing, .modal [data-chooser-results]").first.wait_for()
    record("page editor with rich text and image chooser")

    page.goto(f"{server}/admin/images/")
    record("images listing")

    page.goto(f"{server}{world['story'].url}")
    record("story page")
    context.close()

    assert violations == {}
    assert console == []


def test_setting_up_two_step_sign_in_fits_a_360_pixel_phone(server, world, browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True
    )
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.goto(f"{server}/admin/login/")
    page.fill("#id_username", "new_admin")
    page.fill("#id_password", "test-password")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/two-factor/setup/**")
    page.wait_for_load_state("networkidle")
    qr_code = page.locator("svg.two-factor-qr").bounding_box()
    assert qr_code["width"] >= 150 and qr_code["x"] + qr_code["width"] <= 360
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.locator("#id_code").is_visible()
    assert page.evaluate("window.__cspViolations") == []
    context.close()
