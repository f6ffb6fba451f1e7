"""Converts a story body between the interchange format (HTML or paragraphs) and StreamField data.

Only what the body's blocks can hold survives an import: paragraphs with the paragraph block's
rich-text features, headings and quotes. Everything else (scripts, styles, frames, images, event
attributes, javascript: links) is removed. Wagtail's own rich-text whitelister does the attribute
and element cleaning, so imported paragraphs are exactly what the admin editor would store.
"""

import html
import warnings

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, NavigableString, Tag
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.rich_text import expand_db_html

from news.blocks import StoryBodyBlock

PARAGRAPH_FEATURES = StoryBodyBlock.base_blocks["paragraph"].features
# Elements whose content is never text a reader should see.
DROPPED = {"script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math"}
HEADINGS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3", "h6": "h3"}
PARAGRAPH_LIKE = {"p", "ul", "ol"}
CONTAINERS = {"html", "body", "div", "section", "article", "main", "header", "footer", "figure"}
HEADING_MAX_LENGTH = 200

_whitelister = EditorHTMLConverter(features=PARAGRAPH_FEATURES)


def _parse(markup):
    """A body that is only an address or a file name is text to keep, not a mistake to warn of."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        return BeautifulSoup(markup, "html.parser")


def _clean_rich_text(markup):
    cleaned = _whitelister.to_database_format(markup)
    text = _parse(cleaned).get_text(strip=True)
    return cleaned if text else ""


def _text(node):
    return " ".join(node.get_text(" ", strip=True).split())


def paragraphs_to_stream(paragraphs):
    """A list of plain-text paragraphs: each becomes one paragraph block (text, never markup)."""
    return [
        {"type": "paragraph", "value": f"<p>{html.escape(text.strip())}</p>"}
        for text in paragraphs
        if text.strip()
    ]


def html_to_stream(markup):
    """Splits an HTML body into paragraph, heading and quote blocks, cleaning each paragraph."""
    soup = _parse(markup)
    for element in soup.find_all(DROPPED):
        element.decompose()
    blocks, inline = [], []

    def flush():
        if inline:
            cleaned = _clean_rich_text("<p>" + "".join(str(node) for node in inline) + "</p>")
            if cleaned:
                blocks.append({"type": "paragraph", "value": cleaned})
            inline.clear()

    def walk(nodes):
        for node in list(nodes):
            if isinstance(node, NavigableString):
                if node.__class__ is NavigableString:  # not a comment or doctype
                    inline.append(html.escape(str(node), quote=False))
                continue
            if not isinstance(node, Tag):
                continue
            name = node.name.lower()
            if name in HEADINGS:
                flush()
                text = _text(node)[:HEADING_MAX_LENGTH]
                if text:
                    blocks.append(
                        {"type": "heading", "value": {"text": text, "level": HEADINGS[name]}}
                    )
            elif name == "blockquote":
                flush()
                footer = node.find(["footer", "cite"])
                attribution = _text(footer) if footer else ""
                if footer:
                    footer.decompose()
                text = _text(node)
                if text:
                    blocks.append(
                        {"type": "quote", "value": {"text": text, "attribution": attribution}}
                    )
            elif name in PARAGRAPH_LIKE:
                flush()
                cleaned = _clean_rich_text(str(node))
                if cleaned:
                    blocks.append({"type": "paragraph", "value": cleaned})
            elif name in CONTAINERS:
                flush()
                walk(node.children)
            else:
                inline.append(str(node))

    walk(soup.children)
    flush()
    return blocks


def stream_to_html(body):
    """The body as HTML for export, and the names of blocks the format cannot carry."""
    parts, skipped = [], []
    for block in body:
        if block.block_type == "paragraph":
            # Internal links become ordinary addresses: page ids mean nothing on another site.
            parts.append(expand_db_html(block.value.source))
        elif block.block_type == "heading":
            level = block.value["level"]
            parts.append(f"<{level}>{html.escape(block.value['text'])}</{level}>")
        elif block.block_type == "quote":
            attribution = block.value["attribution"]
            footer = f"<footer>{html.escape(attribution)}</footer>" if attribution else ""
            parts.append(
                f"<blockquote><p>{html.escape(block.value['text'])}</p>{footer}</blockquote>"
            )
        else:
            skipped.append(block.block_type)
    return "".join(parts), skipped


def stream_text(blocks):
    """The plain text of converted blocks, to derive a summary when a record has none."""
    texts = []
    for block in blocks:
        value = block["value"]
        if block["type"] == "paragraph":
            texts.append(_parse(value).get_text(" ", strip=True))
        else:
            texts.append(value["text"])
    return " ".join(" ".join(texts).split())
