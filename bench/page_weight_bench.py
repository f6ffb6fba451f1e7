"""Page weight of a story, first visit and the next, on a phone and a laptop (issue 11).

    .venv/bin/python -m pytest bench/page_weight_bench.py -m bench -q -s

(given by path: bench/ is outside the suite's testpaths; `make bench` runs it). Debian's Chromium
reads a story whose main photo is a 12-megapixel phone JPEG (about 4 MB, stored as every upload
is, its renditions made as on publish) from a live server whose responses pass through
tests/browser/weighing.py: text gzip-compressed at level 6 and static files and photos cached
for a year, as the production front serves them, and every response counted as sent (status
line, headers, body), the service worker's own requests included. Bytes, not times: the figures
do not depend on the machine. The table replaces the region between the bench:weight markers of
docs/performance.md; tests/browser/test_page_weight.py asserts the same budgets.
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import sync_playwright

from bench.harness import replace_region
from tests.browser import weighing, world
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, LAPTOP, PHONE

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.bench]
PERFORMANCE = Path(settings.BASE_DIR) / "docs" / "performance.md"
PORT = 8341  # this bench's own port
KB = 1024
DEVICES = {
    "phone 360 px, 2x screen": {**PHONE, "device_scale_factor": 2},
    "phone 360 px, 3x screen": {**PHONE, "device_scale_factor": 3},
    "laptop 1280 px": LAPTOP,
}
BUDGET = {"first_text": 100 * KB, "next": 30 * KB, "phone_first": 250 * KB, "phone_hero": 80 * KB}


def kb(size):
    return f"{size / KB:.1f}"


def mark(ok):
    return "yes" if ok else "**no**"


@pytest.fixture
def weighed_story(transactional_db, tmp_path):
    from django.db import connections

    shared_connections = {conn.alias: conn for conn in connections.all()}
    thread, weigher, address, shared = weighing.start_weighed_server(shared_connections, PORT)
    try:
        sections = world.build(address, media=False)
        photo = weighing.phone_photo(tmp_path / "IMG_20261128_0915.jpg")
        story = world.youth_reporters_photo_story(
            sections,
            "ยายคำสอนหลานตำน้ำพริกข่า",
            "ทุกเย็น ยายคำจะสอนหลาน ๆ ตำน้ำพริกข่าด้วยครกดินเผา " * 12,
            photo_path=photo,
        )
        yield address, weigher, weighing.story_path_of(world.page_url(story)), photo
    finally:
        weighing.stop_weighed_server(thread, shared)


def test_page_weight_of_a_story(weighed_story):
    address, weigher, story, photo = weighed_story
    rows, details = [], ([], [])
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            for name, device in DEVICES.items():
                first, again = weighing.weigh_story(browser, address, weigher, story, device)
                rows.append(row(name, first, again))
                if "3x" in name:
                    details = (first.transfers, again.transfers)
            blocked = {**DEVICES["phone 360 px, 3x screen"], "service_workers": "block"}
            first, again = weighing.weigh_story(
                browser, address, weigher, story, blocked, worker=False
            )
            rows.append(row("phone 360 px, 3x, without the service worker", first, again))
        finally:
            browser.close()
    table = render(rows, details, photo)
    print(table)
    write_section(table)


def row(name, first, again):
    hero = first.largest_image()
    phone = name.startswith("phone")
    within = (
        first.text < BUDGET["first_text"]
        and again.total() < BUDGET["next"]
        and (
            not phone
            or (first.total() < BUDGET["phone_first"] and hero.size < BUDGET["phone_hero"])
        )
    )
    rendition = re.sub(r"^.*?\.format-", "", hero.path) if hero else "–"
    return (
        f"| {name} | {kb(first.text)} | {kb(first.total('image'))} | {kb(first.total())} "
        f"| {kb(hero.size) if hero else '–'} ({rendition}) | {len(first.transfers)} "
        f"| {kb(again.total())} | {mark(within)} |"
    )


def render(rows, details, photo):
    lines = [
        "### Page weight of a story",
        "",
        "Written by `bench/page_weight_bench.py` (`make bench`). A story whose main photo is a "
        f"12-megapixel phone JPEG ({photo.stat().st_size / 1024 / 1024:.1f} MB, made with Pillow "
        "with sensor grain; stored as every upload is, renditions made as on publish), read in "
        "Debian's Chromium (Playwright) in a fresh browser, then opened again. Bytes as sent "
        "(status line, headers and body), counted by the server's side: text gzip-compressed "
        "at level 6 (GZipMiddleware for pages, the proxy's gzip for static files), static files "
        "and photos cached for a year (hashed names), the service worker's own requests "
        "(the worker script, the home page it keeps) included. Budgets (issue 11): HTML, CSS, "
        "JS and fonts under 100 KB on the first visit, everything under 30 KB on the next; on "
        "a phone the whole first visit under 250 KB and the main photo under 80 KB. The same "
        "budgets are asserted by `tests/browser/test_page_weight.py`.",
        "",
        "| screen | first visit: HTML, CSS, JS, fonts (KB) | photos (KB) | all (KB) "
        "| main photo (KB, rendition) | requests | next visit (KB) | within budget |",
        "|---|---|---|---|---|---|---|---|",
        *rows,
        "",
        "Every response of both visits on the 3x phone:",
        "",
        "| visit | response | kind | bytes |",
        "|---|---|---|---|",
        *(
            f"| {visit} | `{t.path}` ({t.status}) | {t.kind} | {t.size:,} |"
            for visit, transfers in zip(("first", "next"), details, strict=True)
            for t in transfers
        ),
        "",
        "Not measured here: hashed static names (the test settings serve plain names; a hashed "
        "name adds 13 characters to each address) and TLS.",
    ]
    return "\n".join(lines)


def write_section(table):
    text = PERFORMANCE.read_text(encoding="utf-8")
    PERFORMANCE.write_text(replace_region(text, "weight", table), encoding="utf-8")
