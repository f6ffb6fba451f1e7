"""A reporter who prefers Thai meets no English in the admin, and no mistranslations.

The page extraction and the fixtures are shared with bench/admin_thai_coverage.py
(tests/admin_thai.py); docs/thai-admin.md explains the measurement and the allow-list.
"""

import json
import re
from html import unescape
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core import mail
from django.utils import translation
from django.utils.translation.trans_real import DjangoTranslation

from tests.admin_thai import (
    english_strings,
    is_english,
    news_form_data,
    reporter_pages,
    story_fixtures,
    thai_moderator,
    thai_reporter,
    upload,
    visible_texts,
)

WAGTAIL = Path(__import__("wagtail").__file__).parent
ADMIN_LOCALE = Path(settings.BASE_DIR) / "admin_locale" / "th" / "LC_MESSAGES"
# Data, not interface: the site's hostname as the explorer shows it, an uploaded file's extension.
IGNORE = {"localhost", "exe"}
# Strings Wagtail 8.0 writes into its templates without gettext, so no catalog reaches them.
# Each is invisible (screen-reader only); see docs/thai-admin.md.
UNTRANSLATABLE = {
    # value of the visually hidden submit button in wagtailadmin/home.html and shared/header.html
    "Search",
}
WRONG_THAI = {"การจัดพิมพ์": "printing (for Publish)", "ความชัดเจน": "clarity (for Visibility)"}


def english_on(response):
    assert response.status_code == 200, response.status_code
    return [text for text in english_strings(response.text, IGNORE) if text not in UNTRANSLATABLE]


@pytest.fixture
def stories(site_tree):
    return story_fixtures(site_tree)


@pytest.fixture
def reporter_client(client, db):
    client.force_login(thai_reporter())
    return client


def test_the_detector_finds_english_in_text_attributes_and_block_definitions():
    html = """
        <p>ชื่อเรื่อง</p><p>Save draft</p>
        <input placeholder="Search pages">
        <div data-w-block-arguments-value='[{"label": "Add block", "icon": "image"}]'></div>
        <p>CC BY-NC 4.0</p><p>ลิงก์ YouTube หรือ Facebook</p><p>https://example.org/a</p>
    """
    assert english_strings(html) == ["Save draft", "Search pages", "Add block"]
    assert is_english("%(objects)s pages selected")
    assert not is_english("เลือกแล้ว %(objects)s หน้า")


def test_the_reporter_path_shows_no_english_and_no_wrong_words(reporter_client, stories):
    found, wrong = {}, []
    for name, url in reporter_pages(stories).items():
        response = reporter_client.get(url)
        found[name] = english_on(response)
        wrong += [(name, meaning) for word, meaning in WRONG_THAI.items() if word in response.text]
    assert found == {name: [] for name in found}
    assert wrong == []


def test_login_and_logout_pages_are_thai(client, db):
    assert english_on(client.get("/admin/login/")) == []
    client.force_login(thai_reporter())
    logged_out = client.post("/admin/logout/", follow=True)
    assert "ออกจากระบบเรียบร้อยแล้ว" in logged_out.text
    assert english_on(logged_out) == []


@pytest.mark.parametrize(
    "url, file, thai",
    [
        ("/admin/images/multiple/add/", upload("rice-field.png"), "ชื่อเรื่อง"),
        ("/admin/images/multiple/add/", upload("notes.png", b"not an image"), "ไฟล์นี้ไม่ใช่รูป"),
        ("/admin/documents/multiple/add/", upload("report.pdf", b"%PDF-1.4"), "ชื่อเรื่อง"),
        ("/admin/documents/multiple/add/", upload("tool.exe", b"MZ"), "ใช้ไฟล์นามสกุล"),
    ],
    ids=["image", "not-an-image", "document", "refused-document"],
)
def test_uploads_answer_in_thai(reporter_client, url, file, thai):
    response = reporter_client.post(url, {"files[]": file})
    assert thai in " ".join(visible_texts(response.text))
    assert english_on(response) == []


def test_form_errors_are_thai(reporter_client, stories):
    url = f"/admin/pages/add/news/newspage/{stories['index'].pk}/"
    response = reporter_client.post(url, news_form_data())
    assert "สร้างหน้าไม่ได้ เพราะมีช่องที่กรอกไม่ถูกต้อง" in unescape(response.text)
    assert "ต้องกรอกช่องนี้" in response.text
    assert english_on(response) == []


def test_submit_for_review_changes_requested_and_approval_are_thai(client, stories):
    reporter, moderator = thai_reporter(), thai_moderator()
    story = stories["news"]
    client.force_login(reporter)
    submitted = client.post(
        f"/admin/pages/{story.pk}/edit/",
        news_form_data(story, **{"action-submit": "1"}),
        follow=True,
    )
    assert f"ส่ง '{story.title}' ให้บรรณาธิการตรวจแล้ว" in unescape(submitted.text)
    assert english_on(submitted) == []
    assert english_on(client.get(f"/admin/pages/{story.pk}/edit/")) == []
    [to_moderator] = mail.outbox
    assert to_moderator.to == [moderator.email]
    assert "ถูกส่งมาให้ตรวจ" in to_moderator.subject
    assert "แก้ไขหน้านี้ได้ที่:" in to_moderator.body
    assert [line for line in to_moderator.body.splitlines() if is_english(line)] == []

    mail.outbox.clear()
    client.force_login(moderator)
    # The network editor's review queue on the dashboard, and the story open for review.
    assert english_on(client.get("/admin/")) == []
    assert english_on(client.get(f"/admin/pages/{story.pk}/edit/")) == []
    story.refresh_from_db()
    task_state = story.current_workflow_task_state
    client.post(
        f"/admin/pages/workflow/action/{story.pk}/reject/{task_state.pk}/",
        {"comment": "ขอรูปประกอบเพิ่มอีกหนึ่งรูป"},
    )
    [to_reporter] = mail.outbox
    assert to_reporter.to == [reporter.email]
    assert "ถูกขอให้แก้ไข" in to_reporter.subject
    assert "ขอรูปประกอบเพิ่มอีกหนึ่งรูป" in to_reporter.body
    assert [line for line in to_reporter.body.splitlines() if is_english(line)] == []
    client.force_login(reporter)
    assert english_on(client.get(f"/admin/pages/{story.pk}/edit/")) == []

    client.post(
        f"/admin/pages/{story.pk}/edit/",
        news_form_data(story, **{"action-submit": "1"}),
    )
    mail.outbox.clear()
    client.force_login(moderator)
    story.refresh_from_db()
    task_state = story.current_workflow_task_state
    client.post(
        f"/admin/pages/workflow/action/{story.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    [approved] = mail.outbox
    assert approved.to == [reporter.email]
    assert "ได้รับอนุมัติ" in approved.subject
    assert [line for line in approved.body.splitlines() if is_english(line)] == []
    client.force_login(reporter)
    dashboard = client.get("/admin/")
    assert story.title in dashboard.text  # under "My stories", now published
    assert english_on(dashboard) == []


def _wagtail_thai_entries():
    for path in WAGTAIL.rglob("locale/th/LC_MESSAGES/*.po"):
        for entry in polib.pofile(path):
            yield path.stem, entry


def test_known_mistranslations_are_corrected():
    wrong = [
        (domain, entry.msgid)
        for domain, entry in _wagtail_thai_entries()
        if any(word in (entry.msgstr or "") for word in WRONG_THAI)
    ]
    assert wrong, "Wagtail's Thai no longer has the errors this test guards against"
    with translation.override("th"):
        assert translation.gettext("Publish") == "เผยแพร่"
        assert translation.gettext("Visibility") == "การมองเห็น"
    for domain, msgid in wrong:
        thai = DjangoTranslation("th", domain=domain).gettext(msgid)
        assert thai != msgid, f"{msgid!r} has no Thai of ours"
        assert not any(word in thai for word in WRONG_THAI), msgid


def test_every_javascript_string_of_the_admin_has_thai(reporter_client):
    """The block picker, Draftail toolbar, comments and autosave messages come from the
    djangojs catalog Wagtail's JavaScriptCatalog serves, LOCALE_PATHS included."""
    script = reporter_client.get("/admin/jsi18n/").text
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.DOTALL).group(1))
    english = polib.pofile(WAGTAIL / "admin/locale/en/LC_MESSAGES/djangojs.po")
    ours = {entry.msgid for entry in polib.pofile(ADMIN_LOCALE / "djangojs.po")}
    assert [entry.msgid for entry in english if entry.msgid not in ours] == []
    assert catalog["Insert a block"] == "แทรกส่วนประกอบ"
    assert catalog["Changes have been autosaved."] == "บันทึกอัตโนมัติแล้ว"
    assert catalog["Add a comment"] == "เพิ่มความเห็น"


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_compiled_catalogs_match_their_sources(domain):
    source = polib.pofile(ADMIN_LOCALE / f"{domain}.po")
    compiled = polib.mofile(ADMIN_LOCALE / f"{domain}.mo")
    translated = {(e.msgctxt, e.msgid, e.msgstr) for e in source if e.msgstr}
    in_mo = {(e.msgctxt, e.msgid, e.msgstr) for e in compiled if e.msgid and e.msgstr}
    assert translated == in_mo, "run msgfmt (see docs/thai-admin.md)"
