"""``{{ value|local_date }}``: Buddhist Era with Thai months on Thai pages, Common Era in English."""

import datetime

from django import template
from django.utils.translation import get_language

from thai_text.dates import format_date, format_datetime, in_bangkok

register = template.Library()


@register.filter
def local_date(value):
    return format_date(value, get_language())


@register.filter
def local_datetime(value):
    return format_datetime(value, get_language())


@register.filter
def iso_bangkok(value):
    """The machine-readable form for <time datetime="...">, in Bangkok time, to the second.

    HTML allows at most three digits of a second's fraction; Python's isoformat() would write
    the six of a stored timestamp, which makes the attribute invalid.
    """
    if not value:
        return ""
    value = in_bangkok(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()
