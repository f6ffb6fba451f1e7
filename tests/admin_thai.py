"""Find English left on the admin pages a Thai-preferring reporter sees.

Shared by the measuring tool (bench/admin_thai_coverage.py) and the tests
(tests/test_admin_thai.py) so both count the same thing.

What counts as visible: text nodes outside <script>/<style>, the attributes people read or
hear (placeholder, title, aria-label, alt, button values), and the labels, help texts and
button strings Wagtail ships to its JavaScript as JSON (StreamField block definitions in
``data-w-*-value`` attributes and the ``wagtail-config`` script). A string is English when it
holds a word of two or more ASCII letters that is not on the allow-list below.
"""

import json
import re
from html.parser import HTMLParser

# Words that stay in Latin letters on purpose: names of products, services, licences and
# file formats, and the units a reporter reads as-is.
ALLOWED_WORDS = {
    # brands, services and product names
    "wagtail", "line", "youtube", "facebook", "tiktok", "google", "draftail",
    "siang", "chumchon",  # the association's name in Latin letters
    # file formats shown as they are written
    "pdf", "docx", "doc", "odt", "xlsx", "xls", "ods", "pptx", "odp",
    "txt", "jpg", "jpeg", "png", "gif", "webp", "avif", "heic", "svg", "mp3", "mp4", "url",
    "webm", "heif", "m4a", "ogg", "wav", "vtt", "webvtt",
    "mp",  # "MP4", "MP3": the word pattern stops at the digit
    "html", "id", "kb", "mb", "gb", "px", "am", "pm", "utc",
    # keyboard keys named in shortcut hints
    "ctrl", "cmd", "shift", "alt", "enter", "esc",
}  # fmt: skip
# Allowed only as written: Creative Commons licence codes ("CC BY-NC 4.0"), the name
# "JavaScript", "English" as the name of the other language in the language choice, and
# "Root", the title Wagtail's migrations give the top of the page tree (data, shown in the
# breadcrumbs), and "None", which Wagtail 8.0 prints into the hidden counter of the status
# side panel until its script fills in a number.
ALLOWED_AS_WRITTEN = {"CC", "BY", "NC", "ND", "SA", "JavaScript", "English", "Root", "None"}

# Attributes a person reads (or a screen reader speaks).
TEXT_ATTRIBUTES = {"placeholder", "title", "aria-label", "alt", "aria-description"}
# Keys of the JSON Wagtail hands its scripts whose values are shown to people.
JSON_TEXT_KEYS = {
    "label", "helpText", "help_text", "description", "title", "heading", "placeholder",
    "addText", "messages", "blockDefs", "strings", "text", "groupLabel", "group",
    "minNum", "maxNum", "collapsed",
}  # fmt: skip
# Upper-case keys of the wagtail-config JSON that carry data, not words (the CSRF token,
# API addresses, the content languages' own names).
JSON_DATA_KEYS = {
    "CSRF_TOKEN", "CSRF_HEADER_NAME", "ADMIN_API", "ADMIN_URLS", "LOCALES", "ACTIVE_CONTENT_LOCALE",
}  # fmt: skip
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")
# Text that is data, not interface: addresses, e-mail addresses, file names, CSS class lists.
NOT_INTERFACE = re.compile(r"^(https?://|/|www\.|[\w.+-]+@[\w-]+\.|[\w-]+\.\w{2,4}$)")
# Placeholders of a string Wagtail's JavaScript fills in later ("%(objects)s pages selected").
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts = []
        self._skip = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"script", "style"}:
            if tag == "script" and attrs.get("type") == "application/json":
                self._skip.append("json")
            else:
                self._skip.append(tag)
        for name, value in attrs.items():
            if not value:
                continue
            if name in TEXT_ATTRIBUTES:
                self.texts.append(value)
            elif name == "value" and tag == "input" and attrs.get("type") in {"submit", "button"}:
                self.texts.append(value)
            elif name.startswith("data-") and value[:1] in "[{":
                self.texts.extend(_json_texts(value))

    def handle_endtag(self, tag):
        if tag in {"script", "style"} and self._skip:
            self._skip.pop()

    def handle_data(self, data):
        if not self._skip:
            self.texts.append(data)
        elif self._skip[-1] == "json":
            self.texts.extend(_json_texts(data))


def _json_texts(raw):
    try:
        data = json.loads(raw)
    except ValueError:
        return []
    found = []
    _walk(data, found, shown=False)
    return found


def _walk(node, found, shown):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in JSON_DATA_KEYS:
                continue
            # Upper-case keys are Wagtail's translated string tables (STRINGS, MOVE_UP, ...).
            _walk(value, found, shown or key in JSON_TEXT_KEYS or key.isupper())
    elif isinstance(node, list):
        for item in node:
            _walk(item, found, shown)
    elif isinstance(node, str) and shown:
        found.append(node)


def visible_texts(html):
    texts = []
    if html.lstrip().startswith("{"):
        # Choosers and uploaders answer with JSON: markup in "html" or "form", and a
        # plain "error_message" when an upload is refused.
        try:
            data = json.loads(html)
        except ValueError:
            data = {}
        html = data.get("html") or data.get("form") or ""
        texts.append(data.get("error_message") or "")
    parser = _VisibleText()
    parser.feed(html)
    for text in texts + parser.texts:
        text = " ".join(re.sub(r"<[^>]+>", " ", text).split())
        if text:
            texts.append(text)
    return texts


WEB_ADDRESS = re.compile(r"https?://\S+")


def is_english(text, ignore=()):
    if NOT_INTERFACE.match(text):
        return False
    text = PLACEHOLDER.sub(" ", WEB_ADDRESS.sub(" ", text))
    for word in ENGLISH_WORD.findall(text):
        if word.lower() in ALLOWED_WORDS or word in ALLOWED_AS_WRITTEN or word in ignore:
            continue
        return True
    return False


def english_strings(html, ignore=()):
    """The distinct English strings on a page, in page order. ``ignore`` names words that are
    user content on this page (a username, a test file name)."""
    seen = []
    for text in visible_texts(html):
        if is_english(text, ignore) and text not in seen:
            seen.append(text)
    return seen


THAI_NETWORK_SLUG = "tho-pha-mai"


def thai_network():
    """The member network the Thai reporter works for, with the editorial roles set up.

    Runs the project's ``setup_roles`` (safe to repeat): it creates the network's reporter and
    editor groups and collection, and gives every stories section the "Network review"
    workflow. Wagtail's default Editors and Moderators groups carry tree-wide page permissions
    a reporter must not get by accident, so nobody here is in them.
    """
    from demo.factories import NetworkFactory
    from editorial.setup import setup_roles
    from networks.models import Network

    network = Network.objects.filter(slug=THAI_NETWORK_SLUG).first()
    if network is None:
        network = NetworkFactory(
            slug=THAI_NETWORK_SLUG, name_th="เครือข่ายผ้าไหมบ้านตากลาง", name_en="Ta Klang silk"
        )
        setup_roles()
    return network


def _thai_user(username, language, role, **names):
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    from demo.factories import UserFactory
    from editorial.setup import add_to_role

    network = thai_network()
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        user = UserFactory(username=username, **names)
        add_to_role(user, role, network)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def thai_reporter(username="reporter-th", language="th"):
    """A plain, non-superuser reporter of the Thai network (its reporters' group), who prefers
    Thai; the same user each time it is asked for."""
    from roles.models import EditorialGroup

    return _thai_user(
        username, language, EditorialGroup.Role.REPORTER, first_name="สมหญิง", last_name="ใจกล้า"
    )


def thai_moderator(username="moderator-th", language="th"):
    """The network editor of the Thai network: the "Network review" workflow's reviewer."""
    from roles.models import EditorialGroup

    return _thai_user(
        username,
        language,
        EditorialGroup.Role.NETWORK_EDITOR,
        first_name="บรรณาธิการ",
        last_name="ใจดี",
    )


def story_fixtures(site_tree):
    """A stories section with one draft story of each type by the Thai reporter (a reporter
    edits only their own drafts), plus an image and a document in the network's collection."""
    import wagtail_factories

    from demo import factories
    from editorial.models import NetworkCollection
    from editorial.setup import grant_stories_section

    index = factories.StoryIndexPageFactory(parent=site_tree["home_th"], slug="เรื่องราว")
    network = thai_network()
    grant_stories_section(index)  # what setup_roles does for a new stories section
    reporter = thai_reporter()
    collection = NetworkCollection.objects.get(network=network).collection
    image = wagtail_factories.ImageFactory(
        title="ทุ่งนาบ้านตากลาง",
        description="ทุ่งนาสีเขียวหน้าหมู่บ้าน",
        collection=collection,
        uploaded_by_user=reporter,
    )
    document = wagtail_factories.DocumentFactory(
        title="รายงานประจำปี", collection=collection, uploaded_by_user=reporter
    )
    body = [
        ("paragraph", "<p>ชาวบ้านรวมตัวกันทอผ้าไหม</p>"),
        ("heading", {"text": "ที่มาของกลุ่ม", "level": "h2"}),
        ("image", {"image": image, "caption": "", "credit": ""}),
        ("quote", {"text": "ผ้าทุกผืนมีเรื่องเล่า", "attribution": "แม่บุญมี"}),
        ("attachment", {"document": document, "title": "ดาวน์โหลด"}),
        ("fact_box", {"title": "ข้อมูลสำคัญ", "body": "<p>สมาชิก 30 คน</p>"}),
    ]
    made_by = {"parent": index, "owner": reporter, "networks": [network], "live": False}
    stories = {
        "news": factories.NewsPageFactory(body=body, **made_by),
        "wisdom": factories.LocalWisdomPageFactory(**made_by),
        "culture": factories.CultureStoryPageFactory(**made_by),
    }
    for story in stories.values():
        story.first_published_at = None
        story.save_revision(user=reporter)
    return {
        "index": index,
        "network": network,
        **{key: story.specific_class.objects.get(pk=story.pk) for key, story in stories.items()},
        "image": image,
        "document": document,
    }


def reporter_pages(stories):
    """Every admin page on a reporter's path, by a name that explains it."""
    index, image, document = stories["index"], stories["image"], stories["document"]
    return {
        "dashboard": "/admin/",
        "explorer: stories section": f"/admin/pages/{index.pk}/",
        "choose story type": f"/admin/pages/{index.pk}/add_subpage/",
        "new news story": f"/admin/pages/add/news/newspage/{index.pk}/",
        "new local-wisdom article": f"/admin/pages/add/news/localwisdompage/{index.pk}/",
        "new culture story": f"/admin/pages/add/news/culturestorypage/{index.pk}/",
        "edit news story": f"/admin/pages/{stories['news'].pk}/edit/",
        "edit local-wisdom article": f"/admin/pages/{stories['wisdom'].pk}/edit/",
        "edit culture story": f"/admin/pages/{stories['culture'].pk}/edit/",
        "images": "/admin/images/",
        "upload images": "/admin/images/multiple/add/",
        "edit image": f"/admin/images/{image.pk}/",
        "image chooser": "/admin/images/chooser/",
        "documents": "/admin/documents/",
        "upload documents": "/admin/documents/multiple/add/",
        "edit document": f"/admin/documents/edit/{document.pk}/",
        "document chooser": "/admin/documents/chooser/",
        "link chooser: page": "/admin/choose-page/",
        "link chooser: other website": "/admin/choose-external-link/",
        "link chooser: e-mail": "/admin/choose-email-link/",
        "link chooser: phone": "/admin/choose-phone-link/",
        "video chooser": "/admin/embeds/chooser/",
        "account": "/admin/account/",
    }


def upload(name, content=None):
    """A file as a browser uploads it: a small PNG unless ``content`` is given."""
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    if content is None:
        buffer = BytesIO()
        Image.new("RGB", (64, 48), "green").save(buffer, "PNG")
        content = buffer.getvalue()
    return SimpleUploadedFile(name, content)


def news_form_data(story=None, **overrides):
    """POST data for the news-story editor: the story's own values, or an empty form."""
    from wagtail.test.utils.form_data import (
        inline_formset,
        nested_form_data,
        rich_text,
        streamfield,
    )

    data = {
        "title": story.title if story else "",
        "slug": story.slug if story else "",
        "summary": story.summary if story else "",
        "body": streamfield([("paragraph", rich_text("<p>ชาวบ้านทอผ้าไหม</p>"))] if story else []),
        "tags": "",
        "district": "",
        "bylines": inline_formset([]),
        "corrections": inline_formset([]),
        "comments": inline_formset([]),
    }
    networks = [network.pk for network in story.networks.all()] if story else []
    networks = overrides.pop("networks", networks)
    data.update(overrides)
    # nested_form_data would turn a list into numbered keys; a multiple choice is one key.
    return {**nested_form_data(data), "networks": networks}
