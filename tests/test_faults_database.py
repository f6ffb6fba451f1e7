"""A database that cannot be reached is a 503 "back in a moment" page, never a 500 or a hang.

tests/faults/test_postgres_restart.py restarts a real PostgreSQL under load; here the site's
first query fails as it does while PostgreSQL restarts.
"""

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client
from wagtail.models import Site


@pytest.fixture
def anonymous():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_readers_get_a_503_that_says_try_again(anonymous, monkeypatch, error):
    def database_away(request):
        raise error("connection to server at 127.0.0.1 failed: Connection refused")

    monkeypatch.setattr(Site, "find_for_request", database_away)
    for path, words in (("/th/", "กลับมาในอีกสักครู่"), ("/en/", "Back in a moment")):
        response = anonymous.get(path)
        assert response.status_code == 503
        assert response["Retry-After"] == "10"
        assert words in response.content.decode()
        assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_other_errors_are_still_a_500(anonymous, monkeypatch):
    def broken(request):
        raise ValueError("a bug, not an outage")

    monkeypatch.setattr(Site, "find_for_request", broken)
    response = anonymous.get("/th/")
    assert response.status_code == 500
    assert "ระบบขัดข้อง" in response.content.decode()
