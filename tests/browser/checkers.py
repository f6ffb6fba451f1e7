"""axe-core, the Nu HTML checker and the screenshots, as the browser tests use them.

axe-core and vnu.jar come from npm (package.json, `make browser-tools`); vnu.jar runs on the
machine's java. axe is evaluated in the page rather than added as a <script>, which the site's
Content-Security-Policy would refuse.
"""

import io
import json
import os
import subprocess
from functools import cache
from pathlib import Path

from django.conf import settings
from PIL import Image

NODE_MODULES = Path(settings.BASE_DIR) / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"
# What a person cannot get past: axe's "serious" and "critical" violations.
BLOCKING_IMPACTS = {"serious", "critical"}


def _tool(path):
    assert path.exists(), f"{path} is missing: run `make browser-tools`"
    return path


@cache
def axe_source():
    return _tool(AXE).read_text(encoding="utf-8")


FINISHED_ANIMATIONS = """async () => {
  const ending = document.getAnimations().filter(
    (animation) => animation.effect && animation.effect.getComputedTiming().endTime !== Infinity
  );
  await Promise.all(ending.map((animation) => animation.finished.catch(() => null)));
}"""


def axe_violations(page, where):
    """axe-core's serious and critical violations on the page as shown, one line each."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    # Colours half-way through a fade-in (a chooser dialog opening) are not what a person reads.
    page.evaluate(FINISHED_ANIMATIONS)
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{where}: {violation['id']} ({violation['impact']}) {violation['help']}: "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in results["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


def vnu_errors(html_by_name, folder):
    """The Nu HTML checker's errors in each document, checked in one run of java (it starts
    slowly); ``html_by_name`` maps a name to the HTML, written under ``folder`` to be checked."""
    paths = []
    for number, (name, html) in enumerate(html_by_name.items()):
        path = folder / f"page-{number}.html"
        path.write_text(html, encoding="utf-8")
        paths.append((path, name))
    completed = subprocess.run(  # noqa: S603 - our own arguments, no shell
        ["java", "-jar", str(_tool(VNU)), "--errors-only", "--format", "json"]
        + [str(path) for path, _name in paths],
        capture_output=True,
        text=True,
        check=False,
    )
    names = {path.name: name for path, name in paths}
    messages = json.loads(completed.stderr or completed.stdout)["messages"]
    return [
        f"{names.get(message.get('url', '').rsplit('/', 1)[-1], message.get('url'))} "
        f"line {message.get('lastLine')}: "
        f"{message['message']}"
        for message in messages
        if message["type"] == "error" or message.get("subType") == "fatal"
    ]


def screenshots_wanted():
    """SCREENSHOTS=1 (`SCREENSHOTS=1 make test-browser`) rewrites docs/screenshots/."""
    return os.environ.get("SCREENSHOTS") == "1"


def save_screenshot(page, name):
    """The screen as the person sees it, as a small palette PNG in docs/screenshots/."""
    if not screenshots_wanted():
        return
    image = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    small = image.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    small.save(SCREENSHOTS / f"{name}.png", optimize=True)
