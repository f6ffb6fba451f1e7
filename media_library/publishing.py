"""A story cannot be published while one of its photos lacks alt text in the story's language.

Alt text is what a screen reader says instead of the photo; a blind reader of a Thai story needs
it in Thai, of an English story in English. It lives on the image (Thai in Wagtail's
``description``, English in ``alt_text_en``), so it is written once and reused by every story.
Drafts may be saved without it; publishing and submitting for review may not.
"""

from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.pages import BasePageForm

from .story_media import story_images

LANGUAGE_NAMES = {"th": _("Thai"), "en": _("English")}


def images_missing_alt_text(hero_image, body, language_code):
    """(image, role) pairs whose alt text in ``language_code`` is empty, without repeats."""
    missing, seen = [], set()
    for image, role in story_images(hero_image, body):
        if image.pk in seen or role == "poster":
            continue
        seen.add(image.pk)
        if not (image.alt_text_for(language_code) or "").strip():
            missing.append((image, role))
    return missing


def alt_text_error(images, language_code):
    return ValidationError(
        format_lazy(
            _(
                "Before publishing, write alt text in {language} for: {titles}. Alt text tells "
                "readers who cannot see the photo what it shows. Open the photo under Images "
                "and fill in “{field}”."
            ),
            language=LANGUAGE_NAMES.get(language_code, language_code),
            titles=", ".join(f"“{image.title}”" for image, _role in images),
            field=_("alt text in English") if language_code == "en" else _("Alt text in Thai"),
        ),
        code="alt_text_missing",
    )


class AltTextOnPublishForm(BasePageForm):
    """A page form that refuses to publish while a photo of the page lacks alt text."""

    def _story_language(self):
        locale = getattr(self.instance, "locale", None)
        if locale is None and getattr(self, "parent_page", None) is not None:
            locale = self.parent_page.locale
        return locale.language_code if locale is not None else "th"

    def clean(self):
        cleaned_data = super().clean()
        if self.is_deferred_validation:
            return cleaned_data  # saving a draft
        language = self._story_language()
        missing = images_missing_alt_text(
            cleaned_data.get("hero_image"), cleaned_data.get("body"), language
        )
        if not missing:
            return cleaned_data
        hero = [item for item in missing if item[1] == "hero"]
        body = [item for item in missing if item[1] != "hero"]
        if hero and "hero_image" in self.fields:
            self.add_error("hero_image", alt_text_error(hero, language))
        if body:
            self.add_error(None, alt_text_error(body, language))
        return cleaned_data
