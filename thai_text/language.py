"""Which of the site's two languages is meant: English, or Thai (the default)."""

from django.utils.translation import get_language


def is_english(language_code=None):
    """True for an English code ("en", "en-gb"); with no code, for the active language."""
    code = language_code if language_code is not None else get_language()
    return (code or "th").lower().startswith("en")
