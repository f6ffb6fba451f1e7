"""Dates in the reader's calendar and reading time that counts Thai words."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from thai_text.dates import format_date, format_datetime
from thai_text.reading_time import count_words, reading_minutes

UTC = datetime.UTC


def test_thai_dates_use_the_buddhist_era_and_thai_months():
    assert format_date(datetime.date(2026, 11, 25), "th") == "25 พฤศจิกายน 2569"
    assert format_date(datetime.date(2027, 1, 1), "th") == "1 มกราคม 2570"


def test_english_dates_use_the_common_era():
    assert format_date(datetime.date(2026, 11, 25), "en") == "25 November 2026"


def test_times_are_shown_in_bangkok():
    # 20:30 UTC on 31 December is already New Year's Day in Surin.
    late_evening_utc = datetime.datetime(2026, 12, 31, 20, 30, tzinfo=UTC)
    assert format_date(late_evening_utc, "th") == "1 มกราคม 2570"
    assert format_datetime(late_evening_utc, "th") == "1 มกราคม 2570 เวลา 03:30 น."
    assert format_datetime(late_evening_utc, "en") == "1 January 2027, 03:30"
    same_moment = late_evening_utc.astimezone(ZoneInfo("America/New_York"))
    assert format_date(same_moment, "en") == "1 January 2027"


def test_no_date_renders_nothing():
    assert format_date(None, "th") == ""
    assert format_datetime("", "en") == ""


@pytest.mark.parametrize(
    ("language", "expected"), [("th", "25 พฤศจิกายน 2569"), ("en", "25 November 2026")]
)
def test_the_template_filter_follows_the_page_language(language, expected):
    template = Template("{% load thai_dates %}{{ day|local_date }}")
    with translation.override(language):
        assert template.render(Context({"day": datetime.date(2026, 11, 25)})) == expected


def test_thai_words_are_counted_without_spaces():
    # Eight words, no spaces between them: ภูมิปัญญา ท้องถิ่น ของ ชาว สุรินทร์ คือ การ ทอผ้าไหม
    text = "ภูมิปัญญาท้องถิ่นของชาวสุรินทร์คือการทอผ้าไหม"
    assert text.count(" ") == 0
    assert 6 <= count_words(text) <= 10


def test_markup_is_not_counted_as_words():
    html = '<p class="intro"><a href="https://example.org/a-very-long-address">ช้าง</a></p>'
    assert count_words(html) == 1


def test_reading_time_is_about_two_hundred_thai_words_a_minute():
    sentence = "ชาวบ้านร่วมกันปลูกต้นไม้ในป่าชุมชน "  # ชาวบ้าน ร่วมกัน ปลูก ต้นไม้ ใน ป่า ชุมชน
    words_per_sentence = count_words(sentence)
    assert words_per_sentence >= 5
    about_600_words = sentence * (600 // words_per_sentence)
    assert reading_minutes(f"<p>{about_600_words}</p>") == 3
    assert reading_minutes("ช้าง") == 1
    assert reading_minutes("<p> </p>") == 0


def test_reading_time_of_a_very_long_text_is_estimated_from_a_sample():
    sentence = "ชาวบ้านช่วยกันปลูกป่าชุมชนริมแม่น้ำมูล "
    long_text = sentence * 2_000  # about 80,000 characters
    assert count_words(long_text) == pytest.approx(count_words(sentence) * 2_000, rel=0.05)
    # One letter 100,000 times (the hostile-input suite's): a sample's work, not a page's worth.
    assert reading_minutes("ก" * 100_000) >= 1
