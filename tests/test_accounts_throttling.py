"""Sign-in throttling (django-axes): five wrong passwords for one user name from one address
lock that pair, on every sign-in form, whatever address other people share."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import reverse

from demo import factories
from sign_in.client_address import client_ip_address

PASSWORD = "test-password"
VILLAGE = "203.0.113.7"  # one mobile address shared by a village's phones


@pytest.fixture
def client():
    """A browser that prefers English, so the assertions read as the messages are written;
    the Thai tests below ask in Thai."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def reporter(site_tree):
    return factories.UserFactory(username="reporter_youth")


def admin_login(client, username, password, address=VILLAGE, **headers):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **headers,
    )


def page_login(client, username, password, address=VILLAGE, language="th"):
    return client.post(
        f"/{language}/_util/login/",
        {"username": username, "password": password, "next": f"/{language}/"},
        REMOTE_ADDR=address,
    )


def english_page_login(client, username, password, address=VILLAGE):
    return page_login(client, username, password, address, language="en")


def fail(login, client, username, times, address=VILLAGE):
    """Wrong passwords; the one that reaches the limit is answered with the lockout page."""
    for attempt in range(1, times + 1):
        response = login(client, username, "wrong-password", address)
        assert response.status_code == (429 if attempt >= 5 else 200)


@pytest.mark.parametrize("login", [admin_login, english_page_login], ids=["admin", "page-privacy"])
def test_fifth_wrong_password_locks_and_the_right_one_is_refused(client, reporter, login, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    fail(login, client, "reporter_youth", 5)
    response = login(client, "reporter_youth", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    assert 'class="site-header"' in page  # the site's own page, not a bare 403
    assert "15" in page and "Too many attempts" in page
    assert response["Retry-After"] == str(15 * 60)


def test_lockout_page_speaks_thai(reporter, settings):
    thai_browser = Client(HTTP_ACCEPT_LANGUAGE="th")
    fail(admin_login, thai_browser, "reporter_youth", settings.AXES_FAILURE_LIMIT)
    response = page_login(thai_browser, "reporter_youth", PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert '<html lang="th">' in page
    assert "ลองผิดหลายครั้งเกินไป" in page and "15 นาที" in page


def test_one_lock_covers_both_forms(client, reporter, settings):
    fail(admin_login, client, "reporter_youth", settings.AXES_FAILURE_LIMIT)
    assert page_login(client, "reporter_youth", PASSWORD).status_code == 429


def test_lock_is_per_user_name_and_address_never_address_alone(client, reporter, settings):
    colleague = factories.UserFactory(username="reporter_youth_2")
    fail(admin_login, client, "reporter_youth", settings.AXES_FAILURE_LIMIT)
    # the same village address, another person: signs in
    assert admin_login(client, colleague.username, PASSWORD).status_code == 302
    client.logout()
    # the same person from another address: signs in
    assert (
        admin_login(client, "reporter_youth", PASSWORD, address="198.51.100.20").status_code == 302
    )


def test_lock_ends_after_the_cool_off(client, reporter, settings):
    fail(admin_login, client, "reporter_youth", settings.AXES_FAILURE_LIMIT)
    assert admin_login(client, "reporter_youth", PASSWORD).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    )
    assert admin_login(client, "reporter_youth", PASSWORD).status_code == 302


def test_administrator_unlocks_with_axes_reset_username(client, reporter, settings):
    fail(admin_login, client, "reporter_youth", settings.AXES_FAILURE_LIMIT)
    call_command("axes_reset_username", "reporter_youth")
    assert admin_login(client, "reporter_youth", PASSWORD).status_code == 302


def test_forwarded_address_is_ignored_unless_the_request_came_from_our_proxy(
    client, reporter, settings
):
    settings.TRUSTED_PROXY_IPS = ["10.0.0.5"]
    # a client writing its own X-Forwarded-For changes nothing: still locked by its real address
    for number in range(settings.AXES_FAILURE_LIMIT):
        admin_login(
            client,
            "reporter_youth",
            "wrong",
            address=VILLAGE,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}",
        )
    assert (
        admin_login(
            client, "reporter_youth", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99"
        ).status_code
        == 429
    )
    assert AccessAttempt.objects.get().ip_address == VILLAGE


def test_behind_the_proxy_each_client_is_its_forwarded_address(client, reporter, settings):
    settings.TRUSTED_PROXY_IPS = ["10.0.0.0/8"]
    proxy = "10.0.0.5"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        admin_login(client, "reporter_youth", "wrong", address=proxy, HTTP_X_FORWARDED_FOR=VILLAGE)
    assert AccessAttempt.objects.get().ip_address == VILLAGE
    locked = admin_login(
        client, "reporter_youth", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR=VILLAGE
    )
    assert locked.status_code == 429
    # another client behind the same proxy is not locked
    other = admin_login(
        client, "reporter_youth", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="198.51.100.20"
    )
    assert other.status_code == 302


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        ("203.0.113.7", "", "203.0.113.7"),
        ("203.0.113.7", "192.0.2.1", "203.0.113.7"),  # not from our proxy: header ignored
        ("10.0.0.5", "192.0.2.1", "192.0.2.1"),
        ("10.0.0.5", "192.0.2.66, 192.0.2.1", "192.0.2.1"),  # left part is the client's own
        ("10.0.0.5", "192.0.2.1, 10.0.0.9", "192.0.2.1"),  # two of our proxies in a row
        ("10.0.0.5", "not-an-address", "10.0.0.5"),
        ("10.0.0.5", "", "10.0.0.5"),
        ("2001:db8::1", "", "2001:db8::1"),
    ],
)
def test_client_address(settings, remote, forwarded, expected):
    settings.TRUSTED_PROXY_IPS = ["10.0.0.0/8"]
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip_address(request) == expected
