"""Small things every reader's browser meets: the favicon and machine-readable dates."""

import datetime
import io
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.utils.cache import get_max_age
from PIL import Image


def test_favicon_is_a_real_icon_cached_for_a_month(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert get_max_age(response) >= 30 * 24 * 60 * 60
    assert "public" in response["Cache-Control"]
    icon = Image.open(io.BytesIO(response.content))
    assert icon.format == "ICO"
    assert (32, 32) in icon.info["sizes"]


def test_favicon_answers_head_and_refuses_post(client):
    assert client.head("/favicon.ico").status_code == 200
    assert client.post("/favicon.ico").status_code == 405


def test_pages_link_the_favicon(client, site_tree):
    html = client.get("/th/").content.decode()

    assert '<link rel="icon" href="/favicon.ico"' in html


def render_iso(value):
    return Template("{% load thai_dates %}{{ value|iso_bangkok }}").render(
        Context({"value": value})
    )


def test_time_datetime_attribute_is_bangkok_time_to_the_second():
    # HTML's <time datetime> takes at most three digits of a second; a stored timestamp has six.
    stored = datetime.datetime(2026, 11, 20, 2, 30, 15, 123456, tzinfo=datetime.UTC)

    assert render_iso(stored) == "2026-11-20T09:30:15+07:00"


def test_time_datetime_attribute_of_a_date_or_nothing():
    assert render_iso(datetime.date(2026, 11, 20)) == "2026-11-20"
    assert render_iso(None) == ""
    bangkok_time = datetime.datetime(2026, 11, 20, 9, 30, 15, 5, tzinfo=ZoneInfo("Asia/Bangkok"))
    assert render_iso(bangkok_time) == "2026-11-20T09:30:15+07:00"
