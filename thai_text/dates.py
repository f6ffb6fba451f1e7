"""Dates as Thai and English readers write them.

Django's ``date`` filter gives Thai month names but the Common Era year; Thai readers expect the
Buddhist Era (พ.ศ. = ค.ศ. + 543), so the year is added here rather than through a format string.
Every aware datetime is shown in Bangkok time, whatever the server's zone.
"""

import datetime
import re
from zoneinfo import ZoneInfo

from django.utils import timezone

from .language import is_english

BANGKOK = ZoneInfo("Asia/Bangkok")
BUDDHIST_ERA_OFFSET = 543

THAI_MONTHS = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def in_bangkok(value):
    """A datetime in Bangkok time (naive ones are taken as already local); dates stay dates."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return value.astimezone(BANGKOK)
    return value


def format_date(value, language_code="th"):
    """'25 พฤศจิกายน 2569' in Thai, '25 November 2026' in English; '' for no date."""
    if not value:
        return ""
    value = in_bangkok(value)
    if is_english(language_code):
        return f"{value.day} {ENGLISH_MONTHS[value.month - 1]} {value.year}"
    return f"{value.day} {THAI_MONTHS[value.month - 1]} {value.year + BUDDHIST_ERA_OFFSET}"


def format_datetime(value, language_code="th"):
    """The date plus the Bangkok time: '25 พฤศจิกายน 2569 เวลา 14:30 น.' / '25 November 2026, 14:30'."""
    if not value:
        return ""
    value = in_bangkok(value)
    day = format_date(value, language_code)
    if not isinstance(value, datetime.datetime):
        return day
    clock = f"{value.hour:02d}:{value.minute:02d}"
    if is_english(language_code):
        return f"{day}, {clock}"
    return f"{day} เวลา {clock} น."


# A year typed from this one on is a Buddhist-Era year: no story, consent or festival date is
# four centuries ahead, and no Buddhist-Era date since 1857 CE falls below it.
BUDDHIST_ERA_FROM_YEAR = 2400
_FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def common_era_year(year):
    """The Common-Era year of a year a person typed in either era (2569 → 2026, 2026 → 2026)."""
    return year - BUDDHIST_ERA_OFFSET if year >= BUDDHIST_ERA_FROM_YEAR else year


def typed_date_in_common_era(text):
    """A typed date with its four-digit year moved to the Common Era: '2569-11-25' → '2026-11-25'.

    Text without a four-digit year is returned as it is, for the form field to judge.
    """
    if not isinstance(text, str):
        return text
    match = _FOUR_DIGIT_YEAR.search(text)
    if match is None:
        return text
    year = common_era_year(int(match.group(1)))
    return f"{text[: match.start()]}{year:04d}{text[match.end() :]}"
