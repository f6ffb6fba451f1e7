"""The base every page of the site inherits: Thai-safe slugs and shared SEO fields."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page

from thai_text.forms import ThaiSlugField
from thai_text.slugs import validate_thai_slug

from .publication_schedule import SETTINGS_PANELS, PublicationTimesForPublishersOnly
from .wagtail_overrides import set_thai_slug_default


class BasePageForm(PublicationTimesForPublishersOnly, WagtailAdminPageForm):
    """Replaces Wagtail's slug field, whose validator rejects Thai vowels and tone marks; only
    people who may publish the page set its publication times (core.publication_schedule)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            old = self.fields["slug"]
            self.fields["slug"] = ThaiSlugField(
                label=old.label,
                required=False,
                max_length=255,
                help_text=_(
                    "The last part of the web address. Left empty, it is made from the title "
                    "and keeps Thai vowels and tone marks."
                ),
            )


class BasePage(Page):
    base_form_class = BasePageForm
    settings_panels = SETTINGS_PANELS

    class Meta:
        abstract = True

    def _set_core_field_defaults(self):
        # Overrides a private Page method: see core.wagtail_overrides.
        set_thai_slug_default(self)
        super()._set_core_field_defaults()

    def clean_fields(self, exclude=None):
        # Page.slug carries Django's unicode-slug validator, which rejects every Thai mark;
        # validate it with ours instead.
        exclude = set(exclude or ())
        errors = {}
        if "slug" not in exclude and self.slug:
            self.slug = unicodedata.normalize("NFC", self.slug)
            try:
                validate_thai_slug(self.slug)
            except ValidationError as error:
                errors["slug"] = error.messages
        try:
            super().clean_fields(exclude=exclude | {"slug"})
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)
