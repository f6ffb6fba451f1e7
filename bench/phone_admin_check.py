"""A reporter's path on a 360-pixel-wide phone screen, in a real browser.

Logs in as a demo reporter, opens the dashboard and the page explorer, writes a news story
in the editor, ticks the network, submits it for review, and checks that no screen scrolls
sideways. Screenshots go to the folder given by --out.

Needs a running site with the demo content (`make run`), Debian's chromium, and Playwright
in a separate virtualenv (it is not a project dependency; only the browser it drives matters):

    python3 -m venv /tmp/pw && /tmp/pw/bin/pip install playwright
    /tmp/pw/bin/python bench/phone_admin_check.py --section-id 9

--section-id is the Thai stories section's page id (the number in its admin URL).
"""

import argparse
import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

WIDTH = 360


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--user", default="reporter_youth")
    parser.add_argument("--password", default=os.environ.get("DEMO_PASSWORD", "surin-demo-2569"))
    parser.add_argument("--section-id", type=int, required=True)
    parser.add_argument("--out", default="var/phone-check")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    problems = []

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = browser.new_context(
            viewport={"width": WIDTH, "height": 740}, is_mobile=True, has_touch=True
        )
        page = context.new_page()

        def check(name):
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(out / f"{name}.png"))
            width = page.evaluate("document.documentElement.scrollWidth")
            print(f"{name}: page width {width}px")
            if width > WIDTH:
                problems.append(f"{name} scrolls sideways ({width}px)")

        page.goto(args.base + "/admin/login/")
        check("login")
        page.fill("#id_username", args.user)
        page.fill("#id_password", args.password)
        page.click("button[type=submit]")
        check("dashboard")
        page.goto(f"{args.base}/admin/pages/{args.section_id}/")
        check("explorer")
        page.goto(f"{args.base}/admin/pages/add/news/newspage/{args.section_id}/")
        check("editor")
        page.fill("#id_title", "ทดสอบข่าวจากโทรศัพท์")
        page.fill("#id_summary", "ชาวบ้านร่วมกันปลูกป่าริมน้ำมูล")
        page.locator("input[name=networks]").first.check()
        submit = page.locator("button[name=action-submit]").first
        if not submit.is_visible():
            page.locator(".footer__container .w-dropdown__toggle").first.click()
        submit.click()
        check("submitted")
        if page.locator(".messages .success").count() == 0:
            problems.append(f"no success message after submitting for review ({page.url})")
        browser.close()

    for problem in problems:
        print("PROBLEM:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
