"""Snippets of the original text with the words a reader searched for marked.

Matching runs on a normalised copy (Thai digits made Arabic, lower case) whose characters map
back one-to-one to the original, so the reader sees the story's own spelling, never the
segmented index text.
"""

import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .analysis import terms_for_highlight

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def _fold(text):
    """A same-length copy for matching: digits Arabic, lower case (one character each)."""
    return "".join((char.lower()[:1] or char) for char in text.translate(_THAI_DIGITS))


def match_spans(text, query):
    folded = _fold(text)
    spans = []
    for term in terms_for_highlight(query):
        start = folded.find(term)
        while start != -1 and term:
            spans.append((start, start + len(term)))
            start = folded.find(term, start + len(term))
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _safe_cut(text, position):
    """Move a cut point left so it never separates a letter from its vowel or tone mark."""
    while 0 < position < len(text) and unicodedata.category(text[position])[0] == "M":
        position -= 1
    return position


def snippet(texts, query, width=220):
    """HTML: the part of the first text that mentions the query, matches in <mark>."""
    texts = [unicodedata.normalize("NFC", text) for text in texts if text]
    if not texts:
        return ""
    chosen, spans = texts[0], []
    for text in texts:
        spans = match_spans(text, query)
        if spans:
            chosen = text
            break
    start = 0
    if spans and spans[0][0] > width // 3:
        start = _safe_cut(chosen, spans[0][0] - width // 3)
        space = chosen.rfind(" ", 0, spans[0][0])
        if space >= start:
            start = space + 1
    end = _safe_cut(chosen, min(len(chosen), start + width))
    parts = ["…" if start else ""]
    cursor = start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        parts.append(escape(chosen[cursor:span_start]))
        parts.append(f"<mark>{escape(chosen[span_start:span_end])}</mark>")
        cursor = span_end
    parts.append(escape(chosen[cursor:end]))
    if end < len(chosen):
        parts.append("…")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above


def highlight(text, query):
    """HTML: the whole text (a title) with the matches in <mark>."""
    text = unicodedata.normalize("NFC", text or "")
    parts, cursor = [], 0
    for start, end in match_spans(text, query):
        parts.append(escape(text[cursor:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        cursor = end
    parts.append(escape(text[cursor:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above
