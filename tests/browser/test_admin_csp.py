"""Wagtail's admin works under its Content-Security-Policy, and two-step sign-in works in a real
browser: an editor signs in with a code, then opens the dashboard, the page editor (rich text
editor and image chooser) and the images listing, and Chromium reports no CSP violation anywhere,
nor on a reader's story page under the strict public policy. A new administrator sets up an
authenticator on a 360-pixel phone from the key the page shows, and reaches the admin.
"""

import json
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from demo import factories
from tests.browser.admin_steps import fits_the_screen
from tests.browser.conftest import LAPTOP, PHONE
from tests.browser.signing_in import log_in
from tests.two_factor import authenticator_for

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""
PASSWORD = "test-password"  # demo.factories.UserFactory's


@pytest.fixture
def csp_world(newsroom_server, site_tree, story_index, settings):
    settings.SIGN_IN_TWO_FACTOR_REQUIRED = True
    network = factories.NetworkFactory(slug="youth", colour="#1f6f4a")
    factories.ImageFactory(title="ทุ่งนา")  # for the chooser to list
    body = json.dumps([{"type": "paragraph", "value": "<p>ชาวบ้านทอผ้าไหม</p>"}])
    story = factories.published_story(
        story_index["th"],
        networks=[network],
        title="ข่าวผ้าไหม",
        body=body,
    )
    admin = factories.UserFactory(username="admin", is_superuser=True, is_staff=True)
    authenticator_for(admin)
    factories.UserFactory(username="new_admin", is_superuser=True, is_staff=True)
    return {"story": story}


def watched_page(open_page, device):
    page = open_page(device)
    page.context.add_init_script(RECORD_VIOLATIONS)
    return page


def test_admin_and_reader_pages_raise_no_csp_violation(csp_world, open_page):
    page = watched_page(open_page, LAPTOP)
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

    log_in(page, "admin", PASSWORD)  # through the code step: the admin has an authenticator
    record("dashboard after the code step")

    page.goto(f"/admin/pages/{csp_world['story'].pk}/edit/")
    editor = page.locator(".public-DraftEditor-content").first
    editor.wait_for()
    editor.click()
    page.keyboard.type(" ทดสอบ")
    page.locator("[data-chooser-action-choose]:visible").first.click()
    page.locator(".modal .listing, .modal [data-chooser-results]").first.wait_for()
    record("page editor with rich text and image chooser")

    page.goto("/admin/images/")
    record("images listing")

    page.goto(csp_world["story"].url)
    record("story page")

    assert violations == {}
    assert console == []


def code_from_key(typed_key):
    """The code an authenticator app shows for the key a person types into it."""
    secret = typed_key.replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    return f"{TOTP(key).token():06d}"


def test_a_new_administrator_sets_up_two_step_sign_in_on_a_phone(csp_world, open_page):
    page = watched_page(open_page, PHONE)
    page.goto("/admin/login/")
    page.locator("#id_username").fill("new_admin")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/two-factor/setup/**")
    page.wait_for_load_state("networkidle")
    qr_code = page.locator("svg.two-factor-qr").bounding_box()
    assert qr_code["width"] >= 150 and qr_code["x"] + qr_code["width"] <= 360
    fits_the_screen(page)

    key = page.locator(".sign-in-step__secret").inner_text()
    right_code = code_from_key(key)
    wrong_code = f"{(int(right_code) + 1) % 1_000_000:06d}"
    page.locator("#id_code").fill(wrong_code)
    page.locator(".login-form button[type=submit]").click()
    expect(page.locator("#id_code")).to_have_attribute("aria-invalid", "true")

    # After a wrong code the next try must wait a second (sign_in.two_factor's rest).
    page.wait_for_timeout(1_500)
    page.locator("#id_code").fill(code_from_key(key))
    page.locator(".login-form button[type=submit]").click()
    page.wait_for_url("**/recovery-codes/**")
    fits_the_screen(page)
    page.locator("button[name=action][value=done]").click()
    expect(page.locator("main")).to_be_visible()
    page.goto("/admin/")
    expect(page).to_have_url("/admin/")
    assert page.evaluate("window.__cspViolations") == []
