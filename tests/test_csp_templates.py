"""Every page a reader can reach obeys the public Content-Security-Policy as written: no inline
script (JSON-LD data blocks aside), no event-handler or style attribute, no <style> element,
no javascript: link, and frames only from the embed providers the policy names.

The demo site (every story type, a gallery, a radio clip, a video file) plus a story with every
other body block, a YouTube embed and an attachment is walked from both home pages by its own
links, so a template added later is checked as soon as a page links to it."""

import json
from collections import Counter
from html.parser import HTMLParser
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import RequestFactory
from wagtail.documents import get_document_model

from demo import site as demo
from demo import stories as news_demo
from home import views as home_views
from news.models import StoryPage
from tests.story_helpers import module_data

pytestmark = pytest.mark.django_db

MAX_PAGES = 120
# The first few pages under each address are enough to see each template at work: a story,
# a listing by tag, a network's page... are the same template however many there are.
SIBLINGS_PER_PARENT = 3
YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


class InlineCodeFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.problems = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        position = f"line {self.getpos()[0]}: <{tag}>"
        if tag == "script" and not attrs.get("src") and attrs.get("type") != "application/ld+json":
            self.problems.append(f"{position} inline script")
        if tag == "style":
            self.problems.append(f"{position} <style> element")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"{position} event handler {name}")
            if name == "style":
                self.problems.append(f"{position} style attribute")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"{position} javascript: URL")
        if tag == "iframe":
            source = urlsplit(attrs.get("src") or "")
            if f"{source.scheme}://{source.netloc}" not in settings.EMBED_FRAME_HOSTS:
                self.problems.append(f"{position} frame from {source.netloc or 'nowhere'}")


class LinkCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = set()

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") or ""
        if tag == "a" and href.startswith(("/th/", "/en/")):
            path = urlsplit(href).path
            if "/feeds/" not in path and "/podcast/" not in path:
                self.links.add(path)


def problems_in(html):
    finder = InlineCodeFinder()
    finder.feed(html)
    return finder.problems


def test_the_checker_catches_what_the_policy_refuses():
    html = (
        '<script>alert(1)</script><script type="application/ld+json">{}</script>'
        '<script src="/static/x.js"></script><p style="color:red" onclick="x()">'
        '<a href="javascript:x()">x</a><iframe src="https://evil.example/"></iframe>'
        '<iframe src="https://www.youtube.com/embed/x"></iframe><style>p{}</style>'
    )
    assert len(problems_in(html)) == 6


@pytest.fixture(scope="module")
def reader_site(django_db_setup, django_db_blocker):
    with module_data(django_db_blocker), mock.patch.object(news_demo, "IMAGE_SIZE", (160, 90)):
        demo.load_all()
        story = StoryPage.objects.live().filter(locale__language_code="th").first().specific
        image = story.hero_image
        document = get_document_model().objects.create(
            title="รายงานประจำปี", file=ContentFile(b"annual report", name="report.txt")
        )
        extra = [
            {"type": "heading", "value": {"text": "หัวข้อ", "level": "h2"}},
            {"type": "image", "value": {"image": image.pk, "caption": "ภาพ", "credit": "ช่างภาพ"}},
            {"type": "video", "value": {"video": YOUTUBE, "file": None, "caption": "วิดีโอ"}},
            {"type": "attachment", "value": {"document": document.pk, "title": "ดาวน์โหลด"}},
        ]
        story.body = story.body.stream_block.to_python(list(story.body.raw_data) + extra)
        story.save_revision().publish()
        yield story


def test_every_reader_page_is_free_of_inline_code(client, reader_site, settings):
    settings.WAGTAILEMBEDS_FINDERS = [{"class": "tests.embed_finders.FakeVideoFinder"}]
    to_visit, seen, problems, templates = ["/th/", "/en/", reader_site.url], set(), {}, set()
    siblings = Counter()
    while to_visit and len(seen) < MAX_PAGES:
        path = to_visit.pop(0)
        parent = path.rstrip("/").rsplit("/", 1)[0]
        if path in seen or siblings[parent] >= SIBLINGS_PER_PARENT:
            continue
        seen.add(path)
        siblings[parent] += 1
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        templates.update(t.name for t in response.templates if t.name)
        html = response.content.decode()
        if found := problems_in(html):
            problems[path] = found
        links = LinkCollector()
        links.feed(html)
        to_visit.extend(sorted(links.links - seen))
    assert problems == {}
    # the walk reached every kind of reader page and every body block
    assert {
        "pages/home_page.html",
        "pages/story_page.html",
        "pages/story_index_page.html",
        "pages/network_index_page.html",
        "pages/network_page.html",
        "pages/about_page.html",
    } <= templates
    blocks = {name for name in templates if name.startswith("components/blocks/")}
    assert {
        "components/blocks/" + name
        for name in ("heading", "image", "gallery", "quote", "video", "audio", "attachment")
    } <= {name.removesuffix("_block.html") for name in blocks}
    assert "youtube.com" in client.get(reader_site.url).content.decode()


def test_search_login_lockout_and_error_pages_are_free_of_inline_code(client, reader_site):
    pages = {
        "search": client.get("/th/search/?q=ผ้าไหม"),
        "empty search": client.get("/en/search/?q="),
        "not found": client.get("/th/no-such-page/"),
        "page-privacy login": client.get("/th/_util/login/?next=/th/"),
    }
    for _ in range(settings.AXES_FAILURE_LIMIT):
        pages["lockout"] = client.post(
            "/th/_util/login/", {"username": "editor", "password": "wrong", "next": "/th/"}
        )
    assert pages["lockout"].status_code == 429
    server_error = home_views.server_error(RequestFactory().get("/th/"))
    found = {name: problems_in(response.content.decode()) for name, response in pages.items()}
    found["server error"] = problems_in(server_error.content.decode())
    assert {name: problems for name, problems in found.items() if problems} == {}


def test_json_ld_blocks_stay_data(client, reader_site):
    html = client.get(reader_site.url).content.decode()
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    json.loads(html[start : html.index("</script>", start)])
