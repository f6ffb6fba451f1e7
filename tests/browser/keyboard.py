"""Moving through a page with the keyboard alone, and checking that focus can be seen."""

FOCUSED = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  return {
    name: `${element.tagName.toLowerCase()} "${(element.textContent || element.value || "").trim().slice(0, 40)}"`,
    focusVisible: element.matches(":focus-visible"),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== "none",
  };
}"""


def focus_is_visible(page):
    """The focused element matches :focus-visible and draws an outline or a shadow."""
    focused = page.evaluate(FOCUSED)
    assert focused, "Tab left nothing focused"
    assert focused["focusVisible"], f"{focused['name']} does not match :focus-visible"
    assert focused["outline"] or focused["shadow"], f"{focused['name']} shows no focus"
    return focused


def tab_to(page, locator, limit=200):
    """Presses Tab until ``locator`` has the focus, checking at every stop that focus shows."""
    target = locator.element_handle()
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus_is_visible(page)
        if page.evaluate("(target) => document.activeElement === target", target):
            return
    raise AssertionError(f"{limit} presses of Tab never reached {locator}")


def follow(page, locator):
    """Tabs to a link and presses Enter, waiting for the page it leads to."""
    tab_to(page, locator)
    with page.expect_navigation():
        page.keyboard.press("Enter")
