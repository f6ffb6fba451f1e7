"""Steps in Wagtail's admin as a person takes them, shared by the journeys."""

import re

from playwright.sync_api import expect


def footer_actions(page, name):
    """The editor's footer buttons called ``name`` (Save draft, Submit, workflow actions), with
    the "more actions" menu opened so that those folded inside it count too."""
    toggle = page.locator("footer .w-dropdown__toggle").first
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    return page.locator("footer").get_by_role("button", name=name)


def footer_action(page, name):
    """The one footer button called ``name``."""
    return footer_actions(page, name).first


def expect_success(page):
    expect(page.locator(".messages .success").first).to_be_visible()


def fits_the_screen(page):
    """No screen may scroll sideways on a phone."""
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    assert width <= viewport, f"{page.url} is {width}px wide on a {viewport}px screen"


def add_paragraph(page, field_path):
    """Adds a paragraph block to the StreamField at ``field_path``; returns its text box."""
    field = page.locator(f"[data-contentpath='{field_path}']")
    field.locator("button.c-sf-add-button").last.click()
    page.locator(".w-combobox__option").first.click()  # the paragraph, first in the list
    editor = field.locator("[contenteditable=true]").last
    expect(editor).to_be_visible()
    return editor


def type_paragraph(page, field_path, text):
    """Adds a paragraph block to the StreamField at ``field_path`` and types ``text`` in it."""
    editor = add_paragraph(page, field_path)
    editor.click()
    page.keyboard.insert_text(text)
    expect(editor).to_contain_text(re.compile(re.escape(text[:20])))
