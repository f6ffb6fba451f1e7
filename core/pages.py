"""The base every page of the site inherits: Thai-safe slugs and shared SEO fields."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page, PageViewRestriction

from thai_text.forms import ThaiSlugField
from thai_text.slugs import validate_thai_slug

from .instances_from_the_database import in_own_class
from .page_addresses import url_parts
from .page_routing import ROUTE_PAGES
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


# {(page id, url_path, language): address} of the pages linked to in one request.
PAGE_URLS_OF_REQUEST = "_siang_page_urls"


class BasePage(Page):
    base_form_class = BasePageForm
    settings_panels = SETTINGS_PANELS

    # What the page's template reads through a foreign key, joined in when it is served
    # (core.page_routing); a story adds its main photo.
    select_related_when_served = ("locale",)

    class Meta:
        abstract = True

    def route(self, request, path_components):
        """Wagtail's ``Page.route``, taking the child from the pages core.page_routing loaded
        for this address instead of two queries per level (the page found is loaded in its
        specific class once, at the end). Checked against Wagtail 8.0.1."""
        pages = getattr(request, ROUTE_PAGES, None)
        if not path_components or pages is None:
            return super().route(request, path_components)
        child = pages.get(f"{self.url_path}{path_components[0]}/")
        if child is None or child.depth != self.depth + 1:
            return super().route(request, path_components)
        child._cached_parent_obj = self
        rest = path_components[1:]
        if not rest and getattr(child.specific_class, "route", None) is BasePage.route:
            # The address ends at a page whose class routes as every page does: Wagtail's
            # answer (it is served if live) needs no copy of it in its own class, which
            # core.page_routing loads whole once the route is found.
            return Page.route(child, request, rest)
        return in_own_class(child).route(request, rest)

    def get_url(self, request=None, current_site=None):
        # Wagtail's answer, once per request for each page and language: a story page asks for
        # its stories section's address with each of its eight listing links.
        if request is None or current_site is not None:
            return super().get_url(request, current_site)
        key = (self.pk, self.url_path, translation.get_language())
        known = request.__dict__.setdefault(PAGE_URLS_OF_REQUEST, {})
        if key not in known:
            known[key] = super().get_url(request)
        return known[key]

    def get_url_parts(self, request=None):
        # Wagtail's answer, remembered per process (core.page_addresses).
        return url_parts(self, request, super().get_url_parts)

    def get_view_restrictions(self):
        # core.page_routing has already seen that neither this page nor any ancestor has a
        # view restriction (in the query that found the page): nothing more to ask.
        if getattr(self, "_no_view_restrictions", False):
            # Read as already empty: an empty queryset is still compiled when iterated (about
            # 90 µs), and Wagtail's check_view_restrictions iterates it on every page served.
            none = PageViewRestriction.objects.none()
            none._result_cache = []
            return none
        return super().get_view_restrictions()

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
