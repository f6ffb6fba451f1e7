"""Hostile strings in through every door, nothing executable out through any channel.

Every string of tests/hostile_strings.py goes into at least one field of the site (story title,
summary, rich text, block text, image alt/caption/credit, tag, topic, reporter, network, import
file, search query, listing and API parameters) and every channel that shows it is read back
the way a reader's program reads it: HTML pages and the admin through an HTML parser, feeds and
sitemaps through a strict XML parser, the API and JSON-LD as JSON, emails as messages.

What must hold: no 500 (a clear 4xx, a form error naming the field, or the value saved); no
<script> element except our own files and JSON data blocks whose JSON parses; no on* attribute;
no javascript:/vbscript:/data: address in a link or source; XML parses; no injected email
header; and what was saved is what was typed.

Storage rules this suite pins down (docs/security.md):
- NUL is refused by every form with an error naming the field (Django's validator; PostgreSQL
  cannot store it) and by the import with the record and field named; a reader's search query
  drops it. Lone surrogates cannot arrive over HTTP (the UTF-8 decoder turns them into U+FFFD,
  which is kept); the import refuses them by name.
- Everything else is stored exactly as typed (forms strip only leading and trailing
  whitespace), and is escaped on the way out.

This module's default tier spreads the strings over the fields (each string once, every field
kind and channel covered); test_security_strings_slow.py runs the full cross product.
"""

import html
import json
import re
import tempfile
from dataclasses import dataclass, field
from email import message_from_bytes
from html.parser import HTMLParser
from itertools import cycle
from pathlib import Path
from urllib.parse import quote, urlencode

import defusedxml.ElementTree as SafeXML
import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from admin_thai.widgets import LINE_BREAKS
from demo import factories
from editorial.setup import add_to_role, setup_roles
from news.interchange.importing import import_stories
from news.interchange.validation import ImportFileError
from news.models import StoryByline, StoryCorrection, StoryIndexPage, Tag, TaggedStory
from roles.models import EditorialGroup
from tests.hostile_strings import FAMILIES, HOSTILE
from tests.story_helpers import build_story_site, module_data
from thai_text.escaping import xml_text

# --- reading a channel as a reader's program does --------------------------------------------

URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "data",
    "xlink:href",
    "background",
}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:")
JSON_SCRIPT_TYPES = {"application/ld+json", "application/json"}
_C0_AND_SPACE = "".join(chr(code) for code in range(0x21))


def dangerous_url(value):
    """True for a javascript:, vbscript: or data: address as a browser reads it: the HTML
    parser has decoded entities already; the URL parser (WHATWG URL standard) then drops C0
    controls and spaces at both ends and tabs and line breaks anywhere, and ignores case."""
    url = re.sub("[\t\n\r]", "", (value or "").strip(_C0_AND_SPACE))
    return url.lower().startswith(DANGEROUS_SCHEMES)


class _HTMLAudit(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems, self.inline_scripts, self.json_blocks = [], [], []
        self._script = None

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs)
        if tag == "script":
            attributes = dict(attrs)
            kind = (attributes.get("type") or "").lower()
            if attributes.get("src"):
                self._script = None
                src = attributes["src"]
                if not src.startswith("/") or src.startswith("//"):
                    self.problems.append(f"script from {attributes['src']!r}")
            else:
                self._script = {"json": kind in JSON_SCRIPT_TYPES, "text": []}

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs)

    def _check(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in URL_ATTRIBUTES and dangerous_url(value):
                self.problems.append(f"<{tag} {name}={value[:60]!r}>")
            if name == "srcdoc":
                self.problems.append(f"<{tag} srcdoc>")
            if name == "style" and re.search(r"expression|javascript|url\(", value or "", re.I):
                self.problems.append(f"<{tag} style={value[:60]!r}>")
        if tag in {"object", "embed", "base", "applet", "frame", "frameset"}:
            self.problems.append(f"<{tag}>")
        if tag == "meta" and (dict(attrs).get("http-equiv") or "").lower() == "refresh":
            self.problems.append("<meta http-equiv=refresh>")

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            text = "".join(self._script["text"])
            if self._script["json"]:
                try:
                    self.json_blocks.append(json.loads(text))
                except ValueError as error:
                    self.problems.append(f"JSON script that does not parse: {error}")
            else:
                self.inline_scripts.append(text)
            self._script = None


# The inline scripts the Wagtail admin's story editor writes itself (choosers, inline panels,
# date pickers); the reader's pages have none.
ADMIN_INLINE_SCRIPTS = re.compile(
    r"\s*(new ImageChooser\(|\(function\(\) \{\s+var panel = new InlinePanel\(|"
    r"initDateChooser\(|initDateTimeChooser\()"
)


def audit_html(markup, where, admin=False):
    """Parses ``markup`` and fails on anything executable; returns its JSON data blocks.
    With ``admin``, the admin's own inline scripts are allowed, and only those."""
    audit = _HTMLAudit()
    audit.feed(markup)
    audit.close()
    assert audit.problems == [], where
    for script in audit.inline_scripts:
        assert admin and ADMIN_INLINE_SCRIPTS.match(script), (where, script[:200])
        assert not re.search(r"alert\(|msgbox\(|<script", script, re.I), (where, script[:200])
    return audit.json_blocks


HTML_IN_XML = {
    "description",
    "{http://purl.org/rss/1.0/modules/content/}encoded",
}
ATOM = "{http://www.w3.org/2005/Atom}"


def audit_xml(body, where):
    """A strict XML parse (no entities, no DTD); elements that carry HTML are audited as HTML."""
    root = SafeXML.fromstring(body, forbid_dtd=True)
    for element in root.iter():
        carries_html = element.tag in HTML_IN_XML or (
            element.tag in {f"{ATOM}summary", f"{ATOM}content"} and element.get("type") == "html"
        )
        if carries_html and element.text:
            audit_html(element.text, f"{where} <{element.tag}>")
    return root


def xml_texts(root, tag):
    return [element.text or "" for element in root.iter(tag)]


ALLOWED_HEADERS = {
    "content-type",
    "mime-version",
    "content-transfer-encoding",
    "subject",
    "from",
    "to",
    "date",
    "message-id",
    "auto-submitted",
}


def audit_email(message, where):
    """Headers are only ours, each one line; the HTML part (when sent) is safe HTML."""
    raw = message.message().as_bytes()
    parsed = message_from_bytes(raw)
    assert {name.lower() for name in parsed.keys()} <= ALLOWED_HEADERS, where
    assert "\n" not in message.subject and "\r" not in message.subject, where
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            audit_html(content, f"{where} (HTML part)")


def query(params):
    """A query string as a hostile client sends it: a lone surrogate goes as its raw UTF-8-style
    bytes (%ED%A0%80), which no correct encoder produces."""
    return urlencode(params, encoding="utf-8", errors="surrogatepass")


def get(client, path, where, allowed=(200,)):
    response = client.get(path)
    assert response.status_code in allowed, (where, path, response.status_code)
    return response


# --- what a door stores -----------------------------------------------------------------------

_SURROGATES = re.compile("[\ud800-\udfff]")


def storable(text, max_length=None):
    """What the site can hold of ``text``: forms refuse NUL and over-long values and strip
    leading and trailing whitespace, HTTP turns lone surrogates into U+FFFD. The world below
    stores this directly, as a door would."""
    text = _SURROGATES.sub("\ufffd", text.replace("\x00", ""))
    return (text[:max_length] if max_length else text).strip()


def displayed(text):
    """``text`` as it reads once parsed back out of HTML (the parser normalises line ends)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def in_xml(text):
    """``text`` as it reads out of a feed or sitemap: without the characters XML 1.0 cannot
    carry (docs/security.md), line ends normalised by the parser."""
    return displayed(xml_text(text))


# --- the world: stories whose every field holds a hostile string -----------------------------

# (slot, field kind, max_length, how many of it a story holds); the field kinds are the ones
# docs/security.md counts. Slots that repeat (paragraphs, headings, tags...) let one story carry
# many strings, so the default tier needs few stories.
SLOT_KINDS = [
    ("title", "page title", 255, 1),
    ("summary", "plain-text summary", 400, 1),
    ("correction", "plain-text summary", None, 3),
    ("rich_text", "rich text", None, 6),
    ("rich_html", "rich text", None, 6),
    ("fact_body", "rich text", None, 1),
    ("heading", "StreamField block text", 200, 6),
    ("quote", "StreamField block text", None, 4),
    ("attribution", "StreamField block text", 255, 1),
    ("block_caption", "StreamField block text", 255, 1),
    ("block_credit", "StreamField block text", 255, 1),
    ("fact_title", "StreamField block text", 255, 1),
    ("audio_title", "StreamField block text", 255, 1),
    ("alt", "image alt/caption/credit", 255, 1),
    ("image_caption", "image alt/caption/credit", 500, 1),
    ("image_credit", "image alt/caption/credit", 255, 1),
    ("tag", "tag", 100, 4),
    ("topic", "topic name", 100, 1),
    ("reporter_name", "reporter name/bio", 100, 1),
    ("reporter_bio", "reporter name/bio", 1000, 1),
    ("network_name", "network name", 255, 1),
    ("network_description", "network name", None, 1),
]
STORY_SLOTS = [
    (slot if index == 0 else f"{slot}_{index}", kind, max_length)
    for slot, kind, max_length, count in SLOT_KINDS
    for index in range(count)
]


def many(value, slot):
    """The values of a repeated slot (``tag``, ``tag_1``, ``tag_2``...)."""
    return [value[name] for name in value if name == slot or name.startswith(f"{slot}_")]


DOOR_SLOTS = [
    ("search_query", "search query"),
    ("listing_params", "listing query parameters"),
    ("api_params", "API query parameters"),
    ("import_fields", "import file fields"),
    ("admin_form", "page title"),
]
FIELD_KINDS = sorted({kind for _slot, kind, _max in STORY_SLOTS} | {k for _s, k in DOOR_SLOTS})
CHANNELS = [
    "story page HTML",
    "listings",
    "home",
    "RSS",
    "Atom",
    "podcast feed",
    "JSON-LD",
    "Open Graph",
    "API",
    "sitemaps",
    "search results page",
    "notification emails",
    "admin edit page",
]
MARKER = "hostilemarker"


@dataclass
class World:
    index: StoryIndexPage
    home: Page
    admin: object
    counter: int = 0
    stories: list = field(default_factory=list)
    channels: set = field(default_factory=set)


def build_world():
    site = build_story_site()
    setup_roles()
    admin = factories.UserFactory(
        username="hostile-admin", is_superuser=True, is_staff=True, email="admin@example.org"
    )
    return World(index=site["th"], home=site["home_th"], admin=admin)


_PARAGRAPH_FEATURES = ["bold", "italic", "link", "ul", "ol"]


def pasted_html(markup):
    """``markup`` as rich text stores it when it arrives as HTML (the import, a paste into the
    editor): through Wagtail's whitelister, as news/interchange/body.py does."""
    from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

    return EditorHTMLConverter(features=_PARAGRAPH_FEATURES).to_database_format(f"<p>{markup}</p>")


def _body(value, image, audio):
    body = [{"type": "paragraph", "value": f"<p>{MARKER}</p>"}]
    body += [
        {"type": "paragraph", "value": f"<p>{html.escape(text)}</p>"}
        for text in many(value, "rich_text")
    ]
    body += [{"type": "paragraph", "value": pasted_html(text)} for text in many(value, "rich_html")]
    body += [
        {"type": "heading", "value": {"text": text, "level": "h2"}}
        for text in many(value, "heading")
    ]
    body += [
        {"type": "quote", "value": {"text": text, "attribution": value["attribution"]}}
        for text in many(value, "quote")
    ]
    return body + [
        {
            "type": "image",
            "value": {
                "image": image.pk,
                "caption": value["block_caption"],
                "credit": value["block_credit"],
            },
        },
        {
            "type": "fact_box",
            "value": {"title": value["fact_title"], "body": pasted_html(value["fact_body"])},
        },
        {
            "type": "audio",
            "value": {"audio": audio.pk, "title": value["audio_title"], "transcript": ""},
        },
    ]


def hostile_stories(world, batch):
    """Published stories whose every field holds the given hostile strings (one dict of
    slot → (text, max_length) per story), each with its own network, topic, reporter, photo
    and recording, each gone through review so the review emails are sent."""
    values, networks = [], []
    for strings in batch:
        world.counter += 1
        # A form refuses an empty required field; "-" stands in for what was refused.
        value = {slot: storable(text, limit) or "-" for slot, (text, limit) in strings.items()}
        value["n"] = world.counter
        values.append(value)
        networks.append(
            factories.NetworkFactory(
                slug=f"hostile-{world.counter}",
                name_th=value["network_name"],
                name_en=value["network_name"],
                description_th=value["network_description"],
            )
        )
    setup_roles()  # the new networks' editor and reporter groups
    stories = []
    for strings, value, network in zip(batch, values, networks, strict=True):
        stories.append(_hostile_story(world, strings, value, network))
    return stories


def _hostile_story(world, strings, value, network):
    n = value["n"]
    editor = factories.UserFactory(username=f"editor-{n}", email=f"editor-{n}@example.org")
    add_to_role(editor, EditorialGroup.Role.NETWORK_EDITOR, network)
    owner = factories.UserFactory(username=f"reporter-{n}", email=f"reporter-{n}@example.org")
    add_to_role(owner, EditorialGroup.Role.REPORTER, network)
    topic = factories.TopicFactory(
        slug=f"topic-{n}", name_th=value["topic"], name_en=value["topic"]
    )
    reporter = factories.ReporterProfileFactory(
        slug=f"reporter-{n}", display_name=value["reporter_name"], bio=value["reporter_bio"]
    )
    photo = factories.ImageFactory(
        file__width=48,  # small: every page makes AVIF, WebP and JPEG renditions of it
        file__height=36,
        description=value["alt"],
        alt_text_en=value["alt"],
        caption=value["image_caption"],
        credit=value["image_credit"],
    )
    audio = factories.MediaItemFactory()
    story = factories.NewsPageFactory(
        parent=world.index,
        slug=f"hostile-{n}",
        title=value["title"],
        summary=value["summary"],
        hero_image=photo,
        body=json.dumps(_body(value, photo, audio)),
        owner=owner,
        live=False,
        networks=[network],
    )
    story.topics.set([topic])
    for name in dict.fromkeys(many(value, "tag")):
        TaggedStory.objects.create(
            content_object=story, tag=Tag.objects.get_or_create(name=name)[0]
        )
    StoryByline.objects.create(story=story, reporter=reporter, sort_order=0)
    for order, text in enumerate(many(value, "correction")):
        StoryCorrection.objects.create(
            story=story, corrected_on=timezone.localdate(), text=text, sort_order=order
        )
    story.save_revision(user=owner)
    with override_settings(WAGTAILADMIN_NOTIFICATION_USE_HTML=True):
        workflow_state = world.index.get_workflow().start(story, owner)
        workflow_state.current_task_state.approve(user=editor)
    story = Page.objects.get(pk=story.pk).specific
    assert story.live, strings
    world.stories.append((story, strings, value))
    return story


def check_emails(world, caplog):
    """Every review email was sent (none dropped for a bad header) and reads safely."""
    lost = [r.getMessage() for r in caplog.records if "Failed to send" in r.getMessage()]
    assert lost == []
    assert mail.outbox, "no notification email was sent"
    for message in mail.outbox:
        audit_email(message, f"email {message.subject[:40]!r}")
    world.channels.add("notification emails")
    mail.outbox.clear()


def check_story_channels(client, world, story, value, full=False, costly_in_turn=False):
    """Every channel that shows this one story: its page, its listings, its network's feeds
    and podcast, the API, and its page in the admin. ``full``: every listing, else one in
    turn; ``costly_in_turn``: only one of the Atom feed, the podcast feed and the admin edit
    page, in turn (the slow tier, which reads hundreds of stories)."""
    where = f"story {story.slug}"
    page = get(client, story.url, where).content.decode()
    blocks = audit_html(page, where)
    [article] = [block for block in blocks if block.get("@type") == "NewsArticle"]
    assert article["headline"] == story.title[:110], where
    assert sorted(article["keywords"]) == sorted(set(many(value, "tag"))), where
    og_title = re.search(r'<meta property="og:title" content="([^"]*)">', page).group(1)
    assert displayed(html.unescape(og_title)) == displayed(story.title), where
    world.channels.update({"story page HTML", "JSON-LD", "Open Graph"})

    n = int(story.slug.removeprefix("hostile-"))
    tag = story.tags.first()
    listings = [
        ("network", f"hostile-{n}"),
        ("topic", f"topic-{n}"),
        ("reporter", f"reporter-{n}"),
        ("tag", tag.slug),
    ]
    for kind, slug in listings if full else [listings[n % len(listings)]]:
        listing = world.index.url + world.index.reverse_subpage(kind, kwargs={"slug": slug})
        audit_html(get(client, listing, f"{where} {kind} listing").content.decode(), where)
    world.channels.add("listings")

    costly = ("atom", "podcast", "admin")
    wanted = {costly[n % len(costly)]} if costly_in_turn else set(costly)
    for format_name in ("rss", "atom") if "atom" in wanted else ("rss",):
        feed = get(client, f"/th/feeds/{format_name}/network/hostile-{n}/", where)
        root = audit_xml(feed.content, f"{where} {format_name}")
        titles = xml_texts(root, "title") + xml_texts(root, f"{ATOM}title")
        assert in_xml(story.title) in titles, (where, format_name)
        world.channels.add(format_name.upper() if format_name == "rss" else "Atom")
        if format_name == "rss":
            summaries = [html.unescape(text) for text in xml_texts(root, "description")]
            assert in_xml(story.summary) in summaries, where

    if "podcast" in wanted:
        podcast = get(client, f"/th/podcast/hostile-{n}/", where)
        root = audit_xml(podcast.content, f"{where} podcast")
        assert in_xml(story.title) in xml_texts(root, "title"), where
        world.channels.add("podcast feed")

    api = get(client, f"/api/v2/pages/{story.pk}/", where)
    data = api.json()
    assert data["title"] == story.title and data["summary"] == story.summary, where
    audit_html(data["body_html"], f"{where} API body_html")
    world.channels.add("API")

    if "admin" not in wanted:
        return
    client.force_login(world.admin)
    try:
        edit = get(client, f"/admin/pages/{story.pk}/edit/", f"{where} admin")
        audit_html(edit.content.decode(), f"{where} admin", admin=True)
    finally:
        client.logout()
    world.channels.add("admin edit page")


def check_site_channels(client, world):
    """The channels that list every story at once."""
    audit_html(get(client, "/th/", "home").content.decode(), "home")
    audit_html(get(client, world.index.url, "index").content.decode(), "index")
    world.channels.update({"home", "listings"})
    for path in ("/th/feeds/rss/", "/th/feeds/atom/"):
        audit_xml(get(client, path, path).content, path)
    for path in ("/sitemap.xml", "/news-sitemap.xml"):
        root = audit_xml(get(client, path, path).content, path)
        if path == "/news-sitemap.xml":
            titles = set(xml_texts(root, "{http://www.google.com/schemas/sitemap-news/0.9}title"))
            assert {in_xml(story.title) for story, _s, _v in world.stories} <= titles
    world.channels.add("sitemaps")
    listing = get(client, "/api/v2/pages/?type=news.NewsPage&fields=*&limit=20", "API list").json()
    for item in listing["items"]:
        audit_html(item["body_html"], "API list body_html")
    page = 1
    while True:
        response = get(client, f"/th/search/?q={MARKER}&page={page}", "search results")
        audit_html(response.content.decode(), "search results")
        if 'rel="next"' not in response.content.decode():
            break
        page += 1
    world.channels.add("search results page")


# --- the doors that store nothing: search, listing and API parameters ------------------------


def check_search_door(client, text, turn=None):
    """``text`` as the words searched for (Thai and English page) and as the filters;
    ``turn`` picks one of the three (the default tier), None tries all."""
    paths = [
        f"/th/search/?{query({'q': text})}",
        f"/en/search/?{query({'q': text})}",
        f"/th/search/?{query({'q': MARKER, 'type': text, 'network': text})}",
    ]
    for path in paths if turn is None else [paths[turn % len(paths)]]:
        response = get(client, path, "search")
        audit_html(response.content.decode(), f"search {text[:40]!r}")


def check_listing_door(client, world, text):
    params = query({name: text for name in ("type", "network", "topic", "tag", "district", "page")})
    response = get(client, f"{world.index.url}?{params}", "listing", allowed=(200, 404))
    audit_html(response.content.decode(), f"listing ?{text[:40]!r}")
    path = quote(text[:200].replace("/", ""), safe="", errors="surrogatepass") or "x"
    response = get(
        client, f"{world.index.url}tag/{path}/", "listing path", allowed=(200, 301, 302, 404)
    )
    audit_html(response.content.decode(), f"listing path {text[:40]!r}")


API_PARAMETERS = (
    "search",
    "network",
    "topic",
    "tag",
    "reporter",
    "type",
    "fields",
    "order",
    "limit",
    "offset",
    "html_path",
)


def check_api_door(client, text, turn=None):
    """``text`` in each query parameter of the pages API (or in the ``turn``-th one)."""
    parameters = API_PARAMETERS if turn is None else [API_PARAMETERS[turn % len(API_PARAMETERS)]]
    for parameter in parameters:
        response = get(
            client,
            f"/api/v2/pages/?{query({parameter: text})}",
            f"API ?{parameter}",
            allowed=(200, 400, 404),
        )
        json.loads(response.content)  # JSON, whatever the answer


# --- the doors that store: the admin page form and the import file ---------------------------

TITLE_MAX, SUMMARY_MAX, TAG_MAX = 255, 400, 100


def title_as_typed(text):
    """The title box keeps a title on one line: line breaks become spaces (WrappingTitleInput)."""
    return LINE_BREAKS.sub(" ", text).strip()


def expected_refusals(text):
    """The admin form fields that must refuse ``text`` (and name themselves in the error)."""
    stripped = text.strip()
    refused = set()
    if "\x00" in text:
        return {"title", "summary", "tags"}
    if not title_as_typed(text) or len(title_as_typed(text)) > TITLE_MAX:
        refused.add("title")
    if len(stripped) > SUMMARY_MAX:
        refused.add("summary")
    if not stripped:
        refused.add("summary")
    return refused


def check_admin_page_door(client, world, text, network):
    """A reporter's story form carrying ``text`` in its title, summary, paragraph (as typed
    into the editor), heading and tags: saved as typed, or refused naming each bad field.
    A lone surrogate cannot be sent: a browser sends U+FFFD in its place, as here."""
    client.force_login(world.admin)
    world.counter += 1
    text = _SURROGATES.sub("\ufffd", text)
    clean = text.replace("\x00", "")
    paragraph = f"<p>{html.escape(clean)}</p>" if clean.strip() else "<p>-</p>"
    data = {
        "title": text,
        "slug": f"door-{world.counter}",
        "summary": text,
        "body": streamfield(
            [
                ("paragraph", rich_text(paragraph)),
                ("heading", {"text": text[:200].replace("\x00", "") or "-", "level": "h2"}),
            ]
        ),
        "tags": "",
        "district": "",
        "bylines": inline_formset([]),
        "corrections": inline_formset([]),
        "comments": inline_formset([]),
    }
    post = {**nested_form_data(data), "networks": [network.pk]}
    url = f"/admin/pages/add/news/newspage/{world.index.pk}/"
    response = client.post(url, post)
    assert response.status_code in (200, 302), (text[:40], response.status_code)
    refused = expected_refusals(text)
    if response.status_code == 200:
        errors = response.context["form"].errors
        assert set(errors) - {"body"} == refused - {"tags"} or set(errors) <= refused | {"body"}, (
            text[:40],
            errors,
        )
        assert refused, (text[:40], errors)
        audit_html(response.content.decode(), f"admin form errors {text[:40]!r}", admin=True)
        return None
    assert not refused, (text[:40], "was saved but should have been refused")
    story = Page.objects.get(slug=f"door-{world.counter}").specific
    assert story.title == title_as_typed(text) and story.summary == text.strip(), text[:40]
    [block, heading] = list(story.body)
    assert html.unescape(re.sub(r"<[^>]+>", "", block.value.source)) == paragraph_text(clean)
    return story


def paragraph_text(clean):
    """What the editor keeps of text typed into a paragraph (Draftail has one line per block)."""
    return html.unescape(re.sub(r"<[^>]+>", "", rich_text_roundtrip(clean)))


def rich_text_roundtrip(clean):
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    converter = ContentstateConverter(features=["bold", "italic", "link", "ul", "ol"])
    paragraph = f"<p>{html.escape(clean)}</p>" if clean.strip() else "<p>-</p>"
    return converter.to_database_format(converter.from_database_format(paragraph))


def check_import_door(world, text, network, image_dir):
    """One import record with ``text`` in every text field: imported as typed (the body as
    text, since it is a list of paragraphs, and once more as HTML, cleaned), or refused with
    the record and field named and nothing written."""
    world.counter += 1
    ref = f"hostile-import-{world.counter}"
    record = {
        "ref": ref,
        "type": "news",
        "locale": "th",
        "title": text,
        "networks": [network.slug],
        "summary": text,
        "body": [text, f"{MARKER} {text}"],
        "tags": [text],
        "corrections": [{"date": "2026-01-02", "text": text}],
        "published_at": "2026-01-01T09:00:00+07:00",
    }
    html_record = {**record, "ref": ref + "-html", "body": text, "tags": ["-"]}
    results = []
    for current in (record, html_record):
        path = Path(image_dir) / f"{current['ref']}.json"
        path.write_text(json.dumps({"stories": [current]}), encoding="utf-8")
        try:
            import_stories(path)
        except ImportFileError as error:
            assert error.errors and all(current["ref"] in line for line in error.errors), (
                text[:40],
                error.errors,
            )
            assert not Page.objects.filter(slug__startswith=current["ref"]).exists()
            results.append(None)
            continue
        from news.models import StoryPage

        story = StoryPage.objects.get(import_ref=current["ref"]).specific
        assert story.title == text.strip(), text[:40]
        if current is record:
            assert story.summary == text.strip()
            assert [tag.name for tag in story.tags.all()] == [text.strip()]
        results.append(story)
    return results


# --- the default tier --------------------------------------------------------------------------


def interleaved():
    """The strings with the families mixed, so that every story gets some of each."""
    queues = [list(texts) for texts in FAMILIES.values()]
    ids = {text: string_id for string_id, text in HOSTILE}
    order, seen = [], set()
    while any(queues):
        for queue in queues:
            if queue:
                text = queue.pop(0)
                if text not in seen:
                    seen.add(text)
                    order.append((ids[text], text))
    return order


def assignments():
    """Each string once: into a story field, or through a door; every kind gets strings."""
    slots = [slot for slot, _kind, _max in STORY_SLOTS] + [slot for slot, _kind in DOOR_SLOTS]
    rounds, current = [], {}
    slot_cycle = cycle(slots)
    for string_id, text in interleaved():
        slot = next(slot_cycle)
        current[slot] = (string_id, text)
        if len(current) == len(slots):
            rounds.append(current)
            current = {}
    if current:
        for slot in slots:
            current.setdefault(slot, ("filler", "-"))
        rounds.append(current)
    return rounds


MAX_LENGTHS = {slot: max_length for slot, _kind, max_length in STORY_SLOTS}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with module_data(django_db_blocker):
        yield build_world()


def test_the_data_module_has_every_family_and_enough_strings():
    assert len(HOSTILE) >= 300
    texts = [text for _id, text in HOSTILE]
    assert any(len(text) >= 100_000 for text in texts)
    assert any("\x00" in text for text in texts)
    assert any(re.search("[\ud800-\udfff]", text) for text in texts)
    assert any("\u202e" in text for text in texts)
    assert any("\r\n" in text for text in texts)
    assert any("&#106;avascript" in text.lower() for text in texts)


def test_every_string_goes_through_a_field_and_out_through_every_channel(db, client, world, caplog):
    rounds = assignments()
    covered = {string_id for assignment in rounds for string_id, _text in assignment.values()}
    assert covered - {"filler"} == {string_id for string_id, _text in HOSTILE}
    with tempfile.TemporaryDirectory() as import_dir:
        batch = [
            {slot: (assignment[slot][1], MAX_LENGTHS[slot]) for slot, _k, _m in STORY_SLOTS}
            for assignment in rounds
        ]
        stories = hostile_stories(world, batch)
        check_emails(world, caplog)
        for assignment, story, (_story, _strings, value) in zip(
            rounds, stories, world.stories, strict=True
        ):
            check_story_channels(client, world, story, value)
            network = story.networks.get()
            check_search_door(client, assignment["search_query"][1], turn=story.pk)
            check_listing_door(client, world, assignment["listing_params"][1])
            check_api_door(client, assignment["api_params"][1], turn=story.pk)
            check_import_door(world, assignment["import_fields"][1], network, import_dir)
            check_admin_page_door(client, world, assignment["admin_form"][1], network)
    check_site_channels(client, world)
    assert world.channels == set(CHANNELS)


def raw_html_story(world, texts):
    """One story whose paragraphs are the raw strings, stored without any cleaning, as code
    that bypasses the editor and the import could store them."""
    world.counter += 1
    network = factories.NetworkFactory(slug=f"raw-{world.counter}")
    body = [{"type": "paragraph", "value": f"<p>{storable(text)}</p>"} for text in texts]
    body += [
        {"type": "fact_box", "value": {"title": "-", "body": f"<p>{storable(text)}</p>"}}
        for text in texts
    ]
    now = timezone.now()
    return factories.NewsPageFactory(
        parent=world.index,
        networks=[network],
        slug=f"raw-{world.counter}",
        title="raw",
        body=json.dumps(body),
        first_published_at=now,
        last_published_at=now,
    )


def check_raw_html_channels(client, story):
    """The reader's channels of a story with raw HTML in its rich text (the admin's editor
    cannot open malformed HTML stored outside it; nothing on the site stores it that way)."""
    audit_html(get(client, story.url, "raw story").content.decode(), "raw story page")
    for format_name in ("rss", "atom"):
        path = f"/th/feeds/{format_name}/network/{story.networks.get().slug}/"
        audit_xml(get(client, path, path).content, f"raw {format_name}")
    data = get(client, f"/api/v2/pages/{story.pk}/", "raw API").json()
    audit_html(data["body_html"], "raw API body_html")


def test_raw_html_stored_by_any_path_reaches_readers_cleaned(db, client, world):
    # The slow tier adds the 100,000-character strings (indexing them takes seconds).
    texts = [text for _id, text in HOSTILE if len(text) <= 2_000]
    check_raw_html_channels(client, raw_html_story(world, texts))


def test_rich_text_is_cleaned_by_the_template_wagtail_renders_it_with():
    """Fails if Wagtail stops rendering rich text through wagtailcore/shared/richtext.html,
    the template templates/ overrides to clean it (Wagtail 8.0.1)."""
    from wagtail.templatetags.wagtailcore_tags import richtext

    hostile = (
        '<p>ok<script>alert(1)</script><a href="jav&#x09;ascript:alert(2)" onclick="x">a</a></p>'
    )
    for rendered in (str(RichText(hostile)), str(richtext(hostile))):
        assert "<script" not in rendered and "onclick" not in rendered
        assert "javascript" not in rendered and "ok" in rendered
        assert "<a>a</a>" in rendered
