"""Slugs that keep Thai vowels and tone marks.

Django's ``slugify(allow_unicode=True)`` and ``validate_unicode_slug`` only accept ``\\w``, and
Python's ``\\w`` excludes combining marks (Unicode category M): every Thai above/below vowel and
tone mark. ภูมิปัญญาท้องถิ่น would become ภมปญญาทองถน, which no reader recognises. These helpers
keep letters, digits and marks, join words with hyphens, and normalise to NFC so the same title
always gives the same slug and the same percent-encoded URL.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_SEPARATORS = re.compile(r"[\s\-_]+")
MAX_SLUG_LENGTH = 80


def _is_slug_char(char):
    return char in "-_" or unicodedata.category(char)[0] in "LNM"


def thai_slugify(text, max_length=MAX_SLUG_LENGTH):
    text = unicodedata.normalize("NFC", str(text)).lower().strip()
    kept = "".join(char if _is_slug_char(char) else " " for char in text)
    slug = _SEPARATORS.sub("-", kept).strip("-")
    if len(slug) > max_length:
        cut = slug[:max_length]
        # Never cut between a consonant and its vowel or tone mark.
        while cut and unicodedata.category(slug[len(cut)])[0] == "M":
            cut = cut[:-1]
        slug = cut.rstrip("-")
    return slug


def validate_thai_slug(value):
    if (
        not value
        or value != unicodedata.normalize("NFC", value)
        or not all(_is_slug_char(char) for char in value)
        or unicodedata.category(value[0])[0] == "M"
    ):
        raise ValidationError(
            _(
                "Use only letters, numbers, Thai vowels and tone marks, hyphens and underscores "
                "(for example ภูมิปัญญา-ท้องถิ่น or local-wisdom)."
            ),
            code="invalid_slug",
        )


def unique_slug(instance, text, fallback):
    """A slug made from ``text`` that no other row of ``instance``'s model has yet (-2, -3, …)."""
    base = thai_slugify(text) or fallback
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    candidate, suffix = base, 1
    while others.filter(slug=candidate).exists():
        suffix += 1
        candidate = f"{base}-{suffix}"
    return candidate
