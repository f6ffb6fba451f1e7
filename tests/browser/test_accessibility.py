"""axe-core on every kind of page, in Thai and English, on a phone and a desktop screen.

No serious or critical violation may remain. The Thai pass also takes the screenshots in
docs/screenshots/ when SCREENSHOTS=1 (see docs/testing.md).
"""

import pytest
from wagtail.users.models import UserProfile

from tests.browser import world
from tests.browser.admin_steps import add_paragraph
from tests.browser.checkers import axe_violations, save_screenshot
from tests.browser.conftest import LAPTOP, PHONE
from tests.browser.signing_in import log_in

SCREENS = {"phone": PHONE, "desktop": LAPTOP}
BROWSER_LOCALES = {"th": "th-TH", "en": "en-GB"}


def test_reader_pages_and_login_have_no_serious_accessibility_problem(reader_site, open_page):
    violations = []
    for screen, device in SCREENS.items():
        for language, (section, story) in reader_site.items():
            page = open_page(device, locale=BROWSER_LOCALES[language])
            for name, address in world.reader_pages(page, language, section, story):
                page.goto(address)
                page.wait_for_load_state("networkidle")
                violations += axe_violations(page, f"{name} ({language}, {screen})")
                if language == "th" and name != "login":
                    save_screenshot(page, f"{name}-{screen}")
    assert violations == [], "\n".join(violations)


@pytest.fixture
def newsroom_site(newsroom_server):
    sections = world.build(newsroom_server, media=False)
    story = world.submitted_story(
        sections["th"],
        "reporter_youth",
        "ยายคำสอนเด็กย้อมไหมด้วยเปลือกไม้",
        "ทุกเช้าวันเสาร์ เด็ก ๆ มาช่วยยายคำต้มเปลือกประดู่ในหม้อดิน",
    )
    return sections, story


def test_reporter_dashboard_and_editor_have_no_serious_accessibility_problem(
    newsroom_site, open_page
):
    sections, story = newsroom_site
    profile = UserProfile.get_for_user(story.owner)
    violations = []
    for language in ("th", "en"):
        profile.preferred_language = language
        profile.save()
        for screen, device in SCREENS.items():
            page = log_in(open_page(device, locale=BROWSER_LOCALES[language]), "reporter_youth")
            page.wait_for_load_state("networkidle")
            violations += axe_violations(page, f"dashboard ({language}, {screen})")
            if language == "th":
                save_screenshot(page, f"reporter-dashboard-{screen}")
            page.goto(f"/admin/pages/add/news/localwisdompage/{sections['th'].pk}/")
            page.wait_for_load_state("networkidle")
            add_paragraph(page, "body")  # the body's text box is there only once a block is
            violations += axe_violations(page, f"page editor ({language}, {screen})")
            page.locator("[data-contentpath='hero_image']").get_by_role("button").first.click()
            page.locator(".modal").get_by_role("tab").first.wait_for()
            violations += axe_violations(page, f"image chooser ({language}, {screen})")
            if language == "th":
                page.keyboard.press("Escape")
                save_screenshot(page, f"reporter-editor-{screen}")
                page.goto(f"/admin/pages/{story.pk}/edit/")
                page.wait_for_load_state("networkidle")
                save_screenshot(page, f"reporter-submitted-story-{screen}")
    assert violations == [], "\n".join(violations)
