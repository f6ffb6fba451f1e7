"""Buddhist-Era years in the Thai admin: the dates it shows and the dates people type.

Checked against Django 5.2 and Wagtail 8.0.1. Thai readers count years in the Buddhist Era
(พ.ศ. = ค.ศ. + 543), and the public site shows them so (thai_text.dates); the admin showed the
Common Era, so a reporter saw 2569 on the site and 2026 beside the same story in the admin.

Shown dates. Every date the admin writes for people goes through Django's
``django.utils.dateformat.format``: the ``date`` template filter (dashboard, listings' date
tooltips, history), ``localize`` and ``formats.date_format`` (Wagtail's ``render_timestamp``
in the status side panel, lock and revision messages). ``install()`` wraps that one function:
while Thai is the active language, a format that names the month (``F``, ``M``, ``N``, ``b``,
``E``: one meant for people) gets the Buddhist-Era year. Formats without a month name
(``c``, ``Y-m-d``, ``U``: the ones written into ``datetime`` attributes, feeds and sitemaps)
stay in the Common Era, as machines expect.

Typed dates (the rule). The admin's date and date-time fields show the Buddhist-Era year in
Thai (``2569-11-25``), and their calendar counts in it too (the date picker's own
``yearOffset`` option). Whatever the language, a four-digit year from 2400 on is read as
Buddhist Era and moved back 543 years before the form sees it, and an earlier one is read as
Common Era; so "2569-11-25" and "2026-11-25" both store 25 November 2026, and no date is ever
stored 543 years off. The widgets replace Wagtail's through its public
``register_form_field_override``, so every admin form (page settings' go-live and expiry,
consent date, festival date, corrections) uses them.

tests/test_newsroom_dates.py fails if Django or Wagtail stop going through the pieces used here.
"""

from django.db import models
from django.utils import dateformat
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.panels import PublishingPanel
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput

from thai_text.dates import BUDDHIST_ERA_OFFSET, typed_date_in_common_era
from thai_text.language import current_language

MONTH_NAME_CHARACTERS = frozenset("FMNbE")

_common_era_format = dateformat.format


def speaks_thai():
    return current_language() == "th"


def names_the_month(format_string):
    """True for a format meant for people: it spells out the month ("j F Y", "j M Y, G:i")."""
    unescaped = []
    characters = iter(str(format_string))
    for character in characters:
        if character == "\\":
            next(characters, None)
            continue
        unescaped.append(character)
    return bool(MONTH_NAME_CHARACTERS & set(unescaped))


class BuddhistEraDateFormat(dateformat.DateFormat):
    def Y(self):  # Django's name for the format character
        return f"{self.data.year + BUDDHIST_ERA_OFFSET:04d}"

    def y(self):
        return f"{(self.data.year + BUDDHIST_ERA_OFFSET) % 100:02d}"


def format_with_buddhist_era(value, format_string):
    if speaks_thai() and names_the_month(format_string):
        return BuddhistEraDateFormat(value).format(format_string)
    return _common_era_format(value, format_string)


class BuddhistEraDateInputMixin:
    """Shows the Buddhist-Era year in Thai; reads either era (see the module's docstring)."""

    def format_value(self, value):
        if speaks_thai() and hasattr(value, "strftime") and self.format:
            year = str(value.year + BUDDHIST_ERA_OFFSET)
            return value.strftime(self.format.replace("%Y", year))
        return super().format_value(value)

    def value_from_datadict(self, data, files, name):
        return typed_date_in_common_era(super().value_from_datadict(data, files, name))

    def get_config(self):
        config = super().get_config()
        if speaks_thai():
            # jQuery datetimepicker's own option: shows and parses years with this offset.
            config["yearOffset"] = BUDDHIST_ERA_OFFSET
        return config


class BuddhistEraDateInput(BuddhistEraDateInputMixin, AdminDateInput):
    pass


class BuddhistEraDateTimeInput(BuddhistEraDateInputMixin, AdminDateTimeInput):
    pass


class BuddhistEraPublishingPanel(PublishingPanel):
    """Wagtail's go-live and expiry panel, whose widgets it builds itself (not through the
    form field overrides), with the Buddhist-Era widgets and the same options."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for child in self.children:
            widget = child.widget
            if widget is not None and not isinstance(widget, BuddhistEraDateTimeInput):
                child.widget = BuddhistEraDateTimeInput(
                    attrs=widget.attrs,
                    js_overlay_parent_selector=widget.js_overlay_parent_selector,
                )


def install():
    dateformat.format = format_with_buddhist_era
    register_form_field_override(models.DateField, override={"widget": BuddhistEraDateInput})
    register_form_field_override(
        models.DateTimeField, override={"widget": BuddhistEraDateTimeInput}
    )
