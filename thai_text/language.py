"""Which of the site's two languages is meant: English, or Thai (the default).

The one place that turns Django's active language ("th", "en-gb") into the site's language code.
"""

from django.conf import settings
from django.utils.translation import get_language


def current_language():
    """The active language's base code ("th", "en"); the site's default when none is active."""
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def is_english(language_code=None):
    """True for an English code ("en", "en-gb"); with no code, for the active language."""
    code = language_code if language_code is not None else current_language()
    return code.lower().startswith("en")
