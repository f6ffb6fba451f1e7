"""Text on its way out of the site: one function for each kind of output.

Every channel that sends stored text to a reader (pages, feeds, the podcast feed, the API,
emails) makes its output through one of these, so they all escape the same way and a channel
added later has one obvious thing to call:

- ``plain_text_html``: plain text (a summary, a name) placed where HTML is expected, such as an
  RSS ``<description>`` or an Atom ``<summary type="html">``. Feed readers read those as HTML.
- ``xml_text``: text an XML 1.0 document can carry (control characters and lone surrogates
  are dropped; XML has no way to write them, and Django's feed writer fails on them).
- ``clean_html``: HTML reduced to what the site's rich-text editor can make (paragraphs,
  headings, lists, links, images, embeds); scripts, event handlers, styles and ``javascript:``
  or ``data:`` links never survive, whatever path the HTML was stored by.
- ``one_line``: a value for an email header line (a subject): line breaks become spaces.

Templates get ``clean_html`` as the ``clean_html`` filter (``{% load escaping %}``); Wagtail's
rich text is rendered through it by ``templates/wagtailcore/shared/richtext.html``.
"""

import re
from functools import lru_cache

import nh3
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.safestring import mark_safe

# XML 1.0 Char: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Everything a mail program or str.splitlines() could take for the end of a header line.
_LINE_BREAKS = re.compile("[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")

# What the rich-text editor and the site's rendering of it can produce (Wagtail's features
# bold, italic, h2–h4, ol, ul, hr, link, document-link, image, embed), plus the plain
# elements of the portable story HTML that feeds and the API carry (news/portable.py).
ALLOWED_TAGS = {
    "a",
    "aside",
    "audio",
    "b",
    "blockquote",
    "br",
    "div",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "hr",
    "i",
    "iframe",
    "img",
    "li",
    "ol",
    "p",
    "span",
    "strong",
    "time",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"class", "lang", "title"},
    "a": {"href"},
    "audio": {"src", "controls"},
    "iframe": {"src", "width", "height", "allow", "allowfullscreen", "frameborder"},
    "img": {"src", "alt", "width", "height", "loading"},
    "time": {"datetime"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def xml_text(text):
    """``text`` without the characters XML 1.0 cannot carry."""
    return _NOT_XML.sub("", text) if isinstance(text, str) else text


def plain_text_html(text):
    """Plain text as the text of an HTML element: "<b>" is shown as "<b>", never read as markup."""
    return escape(xml_text(text or ""))


# Rich text up to this length is cleaned once per process (the last KEPT_CLEANED texts): every
# page shows its story's paragraphs again, and nh3 parses and writes out each one, about 4% of
# a cold story page's instructions. A longer text is cleaned each time, so that what is kept
# stays under about 10 MB.
KEEP_CLEANED_UP_TO = 10_000
KEPT_CLEANED = 256


def clean_html(html):
    """``html`` with only the elements, attributes and link schemes the editor can produce."""
    html = str(html or "")
    if len(html) <= KEEP_CLEANED_UP_TO:
        return _kept_clean_html(html)
    return _clean_html(html)


def _clean_html(html):
    cleaned = nh3.clean(
        xml_text(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=None,
    )
    return mark_safe(cleaned)  # noqa: S308 (sanitised by nh3 above)


# The answer depends only on the text (nh3's rules are fixed while the process runs).
_kept_clean_html = lru_cache(maxsize=KEPT_CLEANED)(_clean_html)


def one_line(text):
    """``text`` as one header line: every line break (CR, LF, NEL, U+2028...) is a space."""
    return _LINE_BREAKS.sub(" ", str(text or "")).strip()


class EscapedFeedMixin:
    """For Django's feed generators (``django.utils.feedgenerator.SyndicationFeed`` subclasses).

    Every text of the feed and its items is made XML-safe, and the ``description`` of the feed
    and of each item, plain text in our models (a summary, a network's name), becomes escaped
    HTML: RSS readers render ``<description>`` as HTML and Django writes Atom's
    ``<summary type="html">``. The plain text stays available as ``plain_description`` for
    elements that are plain text (``itunes:summary``).
    """

    def __init__(self, title, link, description, **kwargs):
        plain = _xml_safe(str(description or ""))
        kwargs = {**_xml_safe(kwargs), "plain_description": plain}
        super().__init__(_xml_safe(title), link, plain_text_html(plain), **kwargs)

    def add_item(self, title, link, description, **kwargs):
        plain = _xml_safe(str(description or ""))
        kwargs = {**_xml_safe(kwargs), "plain_description": plain}
        super().add_item(_xml_safe(title), link, plain_text_html(plain), **kwargs)


def _xml_safe(value):
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, dict):
        return {key: _xml_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_xml_safe(item) for item in value)
    return value
