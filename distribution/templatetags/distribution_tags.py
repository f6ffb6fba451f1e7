"""Template tags for meta tags, JSON-LD, feed links and share links.

base.html calls {% page_meta %} and {% feed_links %} for every page; a page template that
needs more (a story) gets it from the page itself, so it needs no extra line.
"""

from urllib.parse import quote, unquote

from django import template
from django.contrib.staticfiles.storage import staticfiles_storage
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from wagtail.models import Page

from core.site_sections import site_sections
from home.models import ContactSettings, HomePage
from media_library.renditions import rendition_of
from networks.models import Network
from news import portable
from news.models import STORY_TYPES, ReporterProfile, StoryPage, Tag, Topic
from thai_text.language import current_language

from .. import feeds, links, structured_data

register = template.Library()

OG_LOCALES = {"th": "th_TH", "en": "en_US"}


def _language():
    return current_language()


def _routable_suffix(page, request):
    """The part of the path a routable page serves below itself (/networks/media/ → media/)."""
    own_url = unquote(page.get_url(request) or "")
    path = unquote(request.path)
    if own_url and path.startswith(own_url):
        return path[len(own_url) :]
    return ""


def canonical_url(page, request):
    """The page's full address, worked out once per request: the metadata, the breadcrumbs
    and the share links all show it."""
    if request is None:
        return ""
    if not (isinstance(page, Page) and page.pk):
        return ""  # an error page or a view of its own: no address to recommend
    kept = getattr(request, "_siang_canonical_url", None)
    if kept is not None and kept[0] == page.pk:
        return kept[1]
    full_url = links.absolute_page_url(page, request)
    url = full_url + quote(_routable_suffix(page, request)) if full_url else ""
    request._siang_canonical_url = (page.pk, url)
    return url


def _home_url(request):
    home = site_sections(request).home(_language())
    if home is None:
        return request.build_absolute_uri(f"/{_language()}/")
    return links.absolute_page_url(home, request)


def _description(page):
    if isinstance(page, Page):
        if page.search_description:
            return page.search_description
        specific = page.specific_deferred if type(page) is Page else page
        for attribute in ("summary", "tagline", "intro"):
            value = getattr(specific, attribute, "")
            if isinstance(value, str) and value and "<" not in value:
                return value
    return _("Alternative people's media from the member networks in Surin. Non-partisan.")


def _ancestors(page, request):
    """The page's live ancestors from its home page down, itself included: the homes and
    sections from the pages loaded once per request, deeper ones in one query."""
    sections = site_sections(request)
    trail = []
    for depth in range(2, page.depth):
        ancestor = sections.ancestor(page, depth) if depth <= 3 else None
        if ancestor is None:
            return list(page.get_ancestors(inclusive=True).filter(depth__gte=2))
        trail.append(ancestor)
    return [*trail, page]


def _breadcrumbs(page, request, context):
    trail = [
        (ancestor.title, links.absolute_page_url(ancestor, request))
        for ancestor in _ancestors(page, request)
    ]
    page_title = context.get("page_title")
    if page_title and _routable_suffix(page, request):
        trail.append((str(page_title), canonical_url(page, request)))
    return trail


def _story_relations(page, context):
    """The story's networks, topics, tags and bylines as its view loaded them
    (StoryPage.get_context), so the metadata queries nothing the page already has."""
    if page is not context.get("page"):
        return {}
    return {
        "networks": context.get("story_networks"),
        "topics": context.get("story_topics"),
        "tags": context.get("story_tags"),
        "bylines": context.get("bylines"),
        "index": context.get("story_index"),
    }


# The head's metadata, written out here rather than as a template: every page draws it, and
# filling in a template cost Django's engine about 260 Python calls more than this does
# (docs/performance.md). Every value is escaped by format_html as a template escapes it; the
# JSON-LD is escaped for a <script> element by structured_data.to_script.
META = (
    '\n<meta name="description" content="{description}">\n'
    "  {canonical_link}\n"
    '  <meta property="og:site_name" content="{site_name}">\n'
    '  <meta property="og:type" content="{og_type}">\n'
    '  <meta property="og:title" content="{title}">\n'
    '  <meta property="og:description" content="{description}">\n'
    "  {og_url}\n"
    '  <meta property="og:locale" content="{og_locale}">{og_locale_alternates}{og_image}\n'
    '  <meta name="twitter:title" content="{title}">\n'
    '  <meta name="twitter:description" content="{description}">{article}{json_ld}\n'
)
CANONICAL_LINK = '<link rel="canonical" href="{}">'
OG_URL = '<meta property="og:url" content="{}">'
OG_LOCALE_ALTERNATE = '\n  <meta property="og:locale:alternate" content="{}">'
STORY_IMAGE = (
    '\n  <meta property="og:image" content="{url}">'
    '\n  <meta property="og:image:width" content="{width}">'
    '\n  <meta property="og:image:height" content="{height}">{alt}'
    '\n  <meta name="twitter:card" content="summary_large_image">'
    '\n  <meta name="twitter:image" content="{url}">'
)
IMAGE_ALT = '\n  <meta property="og:image:alt" content="{}">'
LOGO_IMAGE = (
    '\n  <meta property="og:image" content="{logo_url}">'
    '\n  <meta name="twitter:card" content="summary">'
    '\n  <meta name="twitter:image" content="{logo_url}">'
)
ARTICLE = (
    '\n  <meta property="article:published_time" content="{published}">'
    '\n  <meta property="article:modified_time" content="{modified}">{sections}{tags}'
)
ARTICLE_SECTION = '\n  <meta property="article:section" content="{}">'
ARTICLE_TAG = '\n  <meta property="article:tag" content="{}">'
JSON_LD = '\n  <script type="application/ld+json">{}</script>'


@register.simple_tag(takes_context=True)
def page_meta(context, page=None):
    """Description, canonical URL, Open Graph, Twitter card and JSON-LD for ``page``."""
    values = meta_values(context, page)
    if not values:
        return ""
    url = values["canonical_url"]
    image = values["image"]
    if image:
        og_image = format_html(
            STORY_IMAGE,
            url=image["url"],
            width=image["width"],
            height=image["height"],
            alt=format_html(IMAGE_ALT, image["alt"]) if image["alt"] else "",
        )
    else:
        og_image = format_html(LOGO_IMAGE, logo_url=values["logo_url"])
    article = ""
    if values["story"]:
        article = format_html(
            ARTICLE,
            published=values["published_time"],
            modified=values["modified_time"] or values["published_time"],
            sections=format_html_join(
                "", ARTICLE_SECTION, ((network.name,) for network in values["story_networks"])
            ),
            tags=format_html_join("", ARTICLE_TAG, ((tag.name,) for tag in values["story_tags"])),
        )
    return format_html(
        META,
        description=values["description"],
        canonical_link=format_html(CANONICAL_LINK, url) if url else "",
        site_name=values["site_name"],
        og_type=values["og_type"],
        title=values["title"],
        og_url=format_html(OG_URL, url) if url else "",
        og_locale=values["og_locale"],
        og_locale_alternates=format_html_join(
            "", OG_LOCALE_ALTERNATE, ((code,) for code in values["og_locale_alternates"])
        ),
        og_image=og_image,
        article=article,
        json_ld=format_html_join("", JSON_LD, ((data,) for data in values["json_ld"])),
    )


def meta_values(context, page=None):
    """What ``{% page_meta %}`` writes for ``page``, or nothing outside a request."""
    request = context.get("request")
    page = page if page is not None else context.get("page")
    language = _language()
    if request is None:
        return {}
    page_title = context.get("page_title")
    title = str(page_title) if page_title else ""
    if not title and isinstance(page, Page):
        title = page.seo_title or page.title
    url = canonical_url(page, request)
    description = _description(page)
    home_url = _home_url(request)
    is_story = isinstance(page, StoryPage) and not _routable_suffix(page, request)

    image = None
    if is_story and page.hero_image_id:
        rendition = rendition_of(page.hero_image, portable.SOCIAL_FILTER)
        image = {
            "url": request.build_absolute_uri(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "alt": page.hero_image.default_alt_text,
        }
    logo_url = request.build_absolute_uri(staticfiles_storage.url(structured_data.LOGO_PATH))
    relations = _story_relations(page, context) if is_story else {}

    json_ld = []
    if is_story:
        json_ld.append(
            structured_data.news_article(
                page,
                request,
                url,
                image["url"] if image else None,
                home_url,
                **relations,
            )
        )
    if isinstance(page, HomePage):
        contact = ContactSettings.load(request_or_site=request)
        json_ld.append(structured_data.organization(request, home_url, contact, description))
    elif isinstance(page, Page) and page.depth > 2:
        json_ld.append(structured_data.breadcrumb_list(_breadcrumbs(page, request, context)))

    return {
        "title": title,
        "description": description,
        "canonical_url": url,
        "site_name": _("Siang Chumchon"),
        "og_type": "article" if is_story else "website",
        "og_locale": OG_LOCALES.get(language, language),
        "og_locale_alternates": [code for lang, code in OG_LOCALES.items() if lang != language],
        "image": image,
        "logo_url": logo_url,
        "story": page if is_story else None,
        "story_networks": _or_all(relations.get("networks"), page, "networks") if is_story else (),
        "story_tags": _or_all(relations.get("tags"), page, "tags") if is_story else (),
        "published_time": structured_data.iso_datetime(page.first_published_at)
        if is_story
        else None,
        "modified_time": structured_data.iso_datetime(page.last_published_at) if is_story else None,
        "json_ld": [structured_data.to_script(data) for data in json_ld],
    }


def _or_all(loaded, page, relation):
    return loaded if loaded is not None else list(getattr(page, relation).all())


def _context_feeds(context):
    """The feeds of what this page is about: a story type, network, topic, tag or reporter.

    Pages name it in their context (``network``, ``topic``, ``tag``, ``reporter``), or, on a
    story listing, as ``listing_kind`` with the record (or type slug) in ``filters``.
    """
    kind = context.get("listing_kind")
    filters = context.get("filters")
    filters = filters if isinstance(filters, dict) else {}
    scoped = []
    if kind == "type" and filters.get("type") in STORY_TYPES:
        slug = filters["type"]
        scoped.append(("type", slug, str(STORY_TYPES[slug]._meta.verbose_name_plural)))
    for key, model in (
        ("network", Network),
        ("topic", Topic),
        ("tag", Tag),
        ("reporter", ReporterProfile),
    ):
        value = context.get(key)
        if value is None and kind == key:
            value = filters.get(key)
        if isinstance(value, model) and value.slug:
            name = value.display_name if key == "reporter" else value.name
            scoped.append((key, value.slug, str(name)))
    return scoped


@register.inclusion_tag("components/feed_links.html", takes_context=True)
def feed_links(context):
    """<link rel="alternate"> for the site's feeds and for the network, topic... on show."""
    site = _("Siang Chumchon")
    alternates = [
        ("application/rss+xml", f"{site} (RSS)", feeds.feed_url("rss")),
        ("application/atom+xml", f"{site} (Atom)", feeds.feed_url("atom")),
    ]
    for scope, slug, name in _context_feeds(context):
        alternates.append(
            ("application/rss+xml", f"{name} (RSS)", feeds.feed_url("rss", scope, slug))
        )
        alternates.append(
            ("application/atom+xml", f"{name} (Atom)", feeds.feed_url("atom", scope, slug))
        )
    return {"alternates": alternates}


@register.simple_tag
def feed_url(format_name="rss", scope=None, slug=None):
    return feeds.feed_url(format_name, scope, slug)


@register.simple_tag(takes_context=True)
def share_targets(context, page=None, title=None):
    """The page's absolute URL, the LINE, Facebook and X share links for it, and the address
    of the script that copies the link (from the storage, as the logo's: ``{% static %}``
    asks the app registry on every call)."""
    request = context.get("request")
    page = page if page is not None else context.get("page")
    url = canonical_url(page, request) or request.build_absolute_uri(request.path)
    if title is None:
        title = context.get("page_title") or (page.title if isinstance(page, Page) else "")
    encoded_url = quote(url, safe="")
    encoded_title = quote(str(title), safe="")
    return {
        "url": url,
        "title": title,
        "line": f"https://social-plugins.line.me/lineit/share?url={encoded_url}",
        "facebook": f"https://www.facebook.com/sharer/sharer.php?u={encoded_url}",
        "x": f"https://twitter.com/intent/tweet?url={encoded_url}&text={encoded_title}",
        "script": staticfiles_storage.url("js/share.js"),
    }
