"""Journeys 1 and 2: a reporter writes on a phone, a network editor reviews on a laptop.

Both work in the Thai admin, as the demo's reporter and editor of the youth network do.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from wagtail.images import get_image_model

from news.models import LocalWisdomPage
from tests.browser import world
from tests.browser.admin_steps import (
    expect_success,
    fits_the_screen,
    footer_action,
    footer_actions,
    type_paragraph,
)
from tests.browser.conftest import LAPTOP, PHONE
from tests.browser.photos import phone_photo_with_location, private_tags
from tests.browser.signing_in import log_in
from tests.two_factor import authenticator_for

YOUTH_NETWORK = "เครือข่ายองค์กรเยาวชน จ.สุรินทร์"
REPORTER_BYLINE = "ฟ้า รักถิ่น"  # the demo reporter profile of the account reporter_youth
# Every footer action that sends a story (back) to the editor: "Submit for review", "Resubmit",
# "Restart the review".
SEND_FOR_REVIEW = re.compile("^(ส่งให้บรรณาธิการตรวจ|เริ่มขั้นตอนการตรวจใหม่)")


@pytest.fixture
def sections(newsroom_server):
    return world.build(newsroom_server, media=False)


def test_reporter_writes_a_local_wisdom_story_on_a_phone_and_submits_it(
    sections, open_page, tmp_path
):
    photo = phone_photo_with_location(tmp_path / "IMG_20261120_0930.jpg")
    page = log_in(open_page(PHONE), "reporter_youth")
    expect(page.locator("main")).to_contain_text("เรื่องของฉัน")  # "My stories"
    fits_the_screen(page)

    page.goto(f"/admin/pages/{sections['th'].pk}/")
    page.get_by_role("link", name="เพิ่มหน้าย่อย").click()  # "Add child page"
    page.get_by_role("link", name="บทความภูมิปัญญาท้องถิ่น", exact=True).click()
    expect(page.locator("#id_title")).to_be_visible()
    fits_the_screen(page)

    page.locator("#id_title").fill("ยายคำย้อมผ้าไหมด้วยเปลือกประดู่")
    page.locator("#id_summary").fill("ปราชญ์ชาวบ้านบ้านท่าสว่างสอนเด็ก ๆ ย้อมไหมด้วยสีจากเปลือกไม้")
    # The main photo, uploaded from the phone through the image chooser.
    page.locator("[data-contentpath='hero_image']").get_by_role("button").first.click()
    chooser = page.locator(".modal")
    chooser.get_by_role("tab", name=re.compile("อัปโหลด")).click()
    chooser.locator("input[type=file]").set_input_files(photo)
    chooser.locator("[name='image-chooser-upload-title']").fill("ยายคำกับหม้อย้อม")
    chooser.locator("[name='image-chooser-upload-description']").fill(
        "ยายคำยกเส้นไหมสีแดงขึ้นจากหม้อย้อม"
    )
    chooser.get_by_role("button", name="อัปโหลด").click()
    expect(page.locator("[data-contentpath='hero_image'] img")).to_be_visible()
    type_paragraph(
        page,
        "body",
        "ทุกเช้ายายคำจะต้มเปลือกประดู่ในหม้อดินใบใหญ่ แล้วจุ่มเส้นไหมลงไปจนได้สีแดงอิฐ",
    )
    page.locator("#id_holder_name").fill("ยายคำ ศรีสุข")
    page.locator("#id_practice").select_option("weaving-dyeing")
    page.get_by_label(YOUTH_NETWORK).check()
    fits_the_screen(page)

    footer_action(page, "บันทึกฉบับร่าง").click()  # "Save draft"
    expect_success(page)
    footer_action(page, re.compile("^ส่งให้บรรณาธิการตรวจ")).click()  # "Submit for review"
    expect_success(page)
    fits_the_screen(page)

    story = LocalWisdomPage.objects.get(title="ยายคำย้อมผ้าไหมด้วยเปลือกประดู่")
    assert not story.live
    assert story.current_workflow_state.status == "in_progress"
    assert [network.slug for network in story.get_latest_revision_as_object().networks.all()] == [
        "youth"
    ]
    stored = get_image_model().objects.get(title="ยายคำกับหม้อย้อม")
    assert private_tags(stored.file.read()) == []
    # The dashboard's "My stories" says it waits for the editor.
    page.goto("/admin/")
    row = page.locator("tr[data-story-state]", has_text="ยายคำย้อมผ้าไหมด้วยเปลือกประดู่")
    expect(row).to_contain_text("รอบรรณาธิการตรวจ")


def test_editor_asks_for_changes_reporter_resubmits_editor_publishes(sections, open_page, settings):
    # Editors sign in with a code from their phone, as production requires.
    settings.SIGN_IN_TWO_FACTOR_REQUIRED = True
    authenticator_for(get_user_model().objects.get(username="editor_youth"))
    title = "ยายคำสอนเด็กย้อมไหมด้วยเปลือกไม้"
    world.submitted_story(
        sections["th"],
        "reporter_youth",
        title,
        "ทุกเช้าวันเสาร์ เด็ก ๆ มาช่วยยายคำต้มเปลือกประดู่ในหม้อดิน",
    )
    comment = "ช่วยใส่ชื่อหมู่บ้านของยายคำด้วย ผู้อ่านจะได้ไปเรียนได้"

    editor = log_in(open_page(LAPTOP), "editor_youth")
    editor.get_by_role("link", name=title).first.click()
    footer_action(editor, "ขอให้แก้ไข").click()  # "Request changes"
    dialog = editor.locator(".modal")
    dialog.locator("textarea[name=comment]").fill(comment)
    dialog.locator("button[type=submit]").click()
    expect_success(editor)

    reporter = log_in(open_page(PHONE), "reporter_youth")
    mine = reporter.locator("tr[data-story-state]", has_text=title)
    mine.get_by_role("link", name=title).click()
    expect(reporter.locator("#id_title")).to_have_value(title)
    # The editor's comment is shown where the reporter fixes the story.
    expect(reporter.locator(".editorial-reviewer-comment")).to_contain_text(comment)
    reporter.locator("#id_holder_village").fill("บ้านท่าสว่าง")
    # One obvious action sends it back, not three look-alikes.
    sends = footer_actions(reporter, SEND_FOR_REVIEW)
    expect(sends).to_have_count(1)
    footer_action(reporter, SEND_FOR_REVIEW).click()
    expect_success(reporter)

    editor.goto("/admin/")
    editor.get_by_role("link", name=title).first.click()
    expect(editor.locator("#id_holder_village")).to_have_value("บ้านท่าสว่าง")
    footer_action(editor, re.compile("^อนุมัติและเผยแพร่")).click()  # "Approve and publish"
    dialog.locator("button[type=submit]").click()
    expect_success(editor)

    story = LocalWisdomPage.objects.get(title=title)
    assert story.live
    editor.goto(story.url)
    expect(editor.locator("h1")).to_have_text(title)
    expect(editor.locator(".local-wisdom, main")).to_contain_text("บ้านท่าสว่าง")
    # The byline names the reporter who wrote it.
    expect(editor.locator(".story__bylines")).to_contain_text(REPORTER_BYLINE)
