"""Page weight: what a reader's phone downloads for a story, first visit and the next.

A live server of its own whose every response passes through ``Weigher``, which does what the
production front does to the bytes on the wire and counts them:

- text (HTML, CSS, JavaScript, JSON, the manifest) is gzip-compressed when the browser accepts
  it, at level 6: Django's GZipMiddleware for the app's pages, and the proxy's gzip for static
  files (README, "Production shape": nginx serves ``STATIC_ROOT``);
- static files and uploaded photos carry a year's ``Cache-Control: public, max-age``, as nginx
  serves hashed static names (``ManifestStaticFilesStorage``) and renditions, whose names change
  whenever their content does; pages keep the headers the app gives them.

Each response counts as its status line, headers and body as sent: what Chromium calls the
transfer size. Requests the browser answers from its own cache never reach the server and count
nothing; the service worker's own requests (the home page it keeps, the worker script) count.
"""

import gzip
import random
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connections
from PIL import Image, ImageChops, ImageDraw, ImageFilter

from tests.browser.conftest import ACTION_TIMEOUT_MS, OneRequestAtATimeServerThread

COMPRESSED_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "application/manifest+json",
    "application/xml",
    "image/svg+xml",
)
LONG_LIVED = "public, max-age=31536000, immutable"
# A phone photo as reporters upload them: 12 megapixels, about 4 MB of JPEG.
PHONE_PHOTO_SIZE = (4000, 3000)


@dataclass
class Transfer:
    path: str
    status: int
    content_type: str
    size: int  # status line, headers and body as sent

    @property
    def kind(self):
        if self.path.startswith(settings.MEDIA_URL) or self.content_type.startswith("image/"):
            return "image"
        if "javascript" in self.content_type:
            return "js"
        if "text/css" in self.content_type:
            return "css"
        if "font" in self.content_type:
            return "font"
        if "text/html" in self.content_type:
            return "html"
        return "other"


@dataclass
class Visit:
    transfers: list = field(default_factory=list)

    def total(self, *kinds):
        return sum(t.size for t in self.transfers if not kinds or t.kind in kinds)

    @property
    def text(self):
        """HTML, CSS, JavaScript and fonts: the issue's first budget."""
        return self.total("html", "css", "js", "font")

    def largest_image(self):
        images = [t for t in self.transfers if t.kind == "image"]
        return max(images, key=lambda t: t.size) if images else None


class Weigher:
    """WSGI middleware: compresses and caches as the production front does, and counts."""

    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()
        self.transfers = []

    def __call__(self, environ, start_response):
        seen = {}

        def capture(status, headers, exc_info=None):
            seen["status"], seen["headers"] = status, list(headers)
            return lambda data: None

        result = self.app(environ, capture)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        status, headers = seen["status"], seen["headers"]
        names = {name.lower(): value for name, value in headers}
        content_type = names.get("content-type", "")
        path = environ["PATH_INFO"]
        if path.startswith((settings.STATIC_URL, settings.MEDIA_URL)) and status.startswith("200"):
            headers = [(n, v) for n, v in headers if n.lower() != "cache-control"]
            headers.append(("Cache-Control", LONG_LIVED))
        accepts_gzip = "gzip" in environ.get("HTTP_ACCEPT_ENCODING", "")
        if (
            accepts_gzip
            and body
            and content_type.startswith(COMPRESSED_TYPES)
            and "content-encoding" not in names
        ):
            body = gzip.compress(body, compresslevel=6, mtime=0)
            headers = [(n, v) for n, v in headers if n.lower() != "content-length"]
            headers += [("Content-Encoding", "gzip"), ("Content-Length", str(len(body)))]
            headers.append(("Vary", "Accept-Encoding"))
        start_response(status, headers)
        head = f"HTTP/1.1 {status}\r\n" + "".join(f"{n}: {v}\r\n" for n, v in headers) + "\r\n"
        with self.lock:
            self.transfers.append(
                Transfer(unquote(path), int(status[:3]), content_type, len(head) + len(body))
            )
        return [body]

    def take(self):
        """The transfers since the last call."""
        with self.lock:
            taken, self.transfers = self.transfers, []
        return Visit(taken)


def start_weighed_server(test_connections, port=0):
    """(thread, weigher, address): a live server like the browser tier's, weighing responses."""
    shared = {
        alias: conn
        for alias, conn in test_connections.items()
        if conn.vendor == "sqlite" and conn.is_in_memory_db()
    }
    weighers = []

    def handler(app):
        weighers.append(Weigher(StaticFilesHandler(app)))
        return weighers[0]

    thread = OneRequestAtATimeServerThread(
        "localhost", handler, connections_override=shared, port=port
    )
    thread.daemon = True
    for conn in shared.values():
        conn.inc_thread_sharing()
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    return thread, weighers[0], f"http://localhost:{thread.port}", shared


def stop_weighed_server(thread, shared):
    thread.terminate()
    for conn in shared.values():
        conn.dec_thread_sharing()
    connections.close_all()


def phone_photo(path, size=PHONE_PHOTO_SIZE, seed=11):
    """A JPEG like a phone's 12-megapixel photo of a village field: sky, trees, people, and the
    sensor's grain (a flat drawing would compress far better than a real photo does)."""
    rng = random.Random(seed)  # noqa: S311 - a drawing, not a secret
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    horizon = int(height * 0.45)
    for y in range(height):
        if y < horizon:
            t = y / horizon
            colour = (int(120 + 80 * t), int(170 + 50 * t), int(230 - 20 * t))
        else:
            t = (y - horizon) / (height - horizon)
            colour = (int(70 + 60 * t), int(120 + 30 * t), int(40 + 20 * t))
        draw.line([(0, y), (width, y)], fill=colour)
    for _ in range(400):
        x, y = rng.randrange(width), rng.randrange(horizon - 200, height)
        r = rng.randrange(20, 260)
        colour = (rng.randrange(30, 220), rng.randrange(40, 200), rng.randrange(20, 160))
        draw.ellipse([x - r, y - r // 2, x + r, y + r], fill=colour)
    image = image.filter(ImageFilter.GaussianBlur(3))
    grain = Image.merge("RGB", [Image.effect_noise(size, 28) for _ in range(3)])
    image = ImageChops.add(image, grain, scale=1.0, offset=-128)
    image.filter(ImageFilter.GaussianBlur(0.7)).save(path, format="JPEG", quality=90)
    return path


# The service worker has kept the page and its home page: its first-visit work is done.
KEPT = """async ([story, home]) => {
  const paths = new Set();
  for (const name of await caches.keys()) {
    if (!name.startsWith("siang-pages-")) continue;
    for (const request of await (await caches.open(name)).keys()) {
      paths.add(decodeURI(new URL(request.url).pathname));
    }
  }
  return paths.has(story) && paths.has(home);
}"""


def wait_until(page, script, arg=None, timeout_ms=ACTION_TIMEOUT_MS):
    """Waits until the async function ``script`` resolves to a true value in ``page``
    (Playwright's wait_for_function takes the promise itself for a true value)."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(script, arg):
        assert time.monotonic() < deadline, f"still false after {timeout_ms} ms: {script}"
        page.wait_for_timeout(100)


def weigh_story(browser, address, weigher, story_path, device, language="th", worker=True):
    """(first visit, next visit) of the story at ``story_path`` in a fresh browser context;
    with ``worker``, the first visit lasts until the service worker has kept the page."""
    context = browser.new_context(base_url=address, locale="th-TH", **device)
    try:
        page = context.new_page()
        weigher.take()
        page.goto(story_path)
        page.wait_for_load_state("networkidle")
        if worker:
            wait_until(page, KEPT, [story_path, f"/{language}/"])
            page.wait_for_load_state("networkidle")
        first = weigher.take()
        page.goto(story_path)
        page.wait_for_load_state("networkidle")
        again = weigher.take()
        return first, again
    finally:
        context.close()


def story_path_of(page_url):
    return unquote(urlsplit(page_url).path)
