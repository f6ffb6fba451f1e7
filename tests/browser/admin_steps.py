"""Steps in Wagtail's admin as a person takes them, shared by the journeys."""

import re

from playwright.sync_api import expect


def footer_action(page, name):
    """A button of the editor's footer (Save draft, Submit, workflow actions), opening the
    "more actions" menu first when the button is folded inside it."""
    button = page.locator("footer").get_by_role("button", name=name)
    if not button.first.is_visible():
        page.locator("footer .w-dropdown__toggle").first.click()
    return button.first


def expect_success(page):
    expect(page.locator(".messages .success").first).to_be_visible()


def fits_the_screen(page):
    """No screen may scroll sideways on a phone."""
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    assert width <= viewport, f"{page.url} is {width}px wide on a {viewport}px screen"


def type_paragraph(page, field_path, text):
    """Adds a paragraph block to the StreamField at ``field_path`` and types ``text`` in it."""
    field = page.locator(f"[data-contentpath='{field_path}']")
    field.get_by_role("button", name="แทรกส่วนประกอบ").last.click()
    page.locator(".w-combobox__option", has_text=re.compile("^ย่อหน้า$")).click()
    editor = field.locator("[contenteditable=true]").last
    editor.click()
    page.keyboard.insert_text(text)
    expect(editor).to_contain_text(re.compile(re.escape(text[:20])))
