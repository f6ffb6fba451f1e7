"""Two-step sign-in, through the doors a person uses: the admin login, the page-privacy login,
the code step, enrolment, recovery codes, the account page and an administrator's reset.
The requirement is on here, as in production (cms/settings/test.py says why it is off elsewhere)."""

import re
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import PageViewRestriction

from demo import factories
from editorial.setup import setup_roles
from roles.models import EditorialGroup
from sign_in.two_factor import new_recovery_codes
from tests import roles_world
from tests.two_factor import authenticator_for, current_code, sign_in_with_second_factor

Role = EditorialGroup.Role
PASSWORD = "test-password"
ADMIN_HOME = "/admin/"
VERIFY = "/admin/two-factor/verify/"
SETUP = "/admin/two-factor/setup/"


@pytest.fixture
def client():
    """A browser that prefers English, so the assertions read as the messages are written;
    the Thai tests below ask in Thai."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture(autouse=True)
def two_factor_required(settings):
    settings.SIGN_IN_TWO_FACTOR_REQUIRED = True


@pytest.fixture
def people(site_tree, story_index):
    youth = factories.NetworkFactory(slug="youth", name_en="Youth", name_th="เยาวชน")
    setup_roles()
    return SimpleNamespace(
        reporter=roles_world.user("reporter_youth", Role.REPORTER, youth),
        editor=roles_world.user("editor_youth", Role.NETWORK_EDITOR, youth),
        chief=roles_world.user("editor", Role.EDITOR_IN_CHIEF),
        admin=roles_world.user("admin", superuser=True),
    )


def admin_login(client, user, password=PASSWORD, next_url=ADMIN_HOME):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": user.username, "password": password, "next": next_url},
    )


def enter_code(client, code, next_url=ADMIN_HOME):
    return client.post(VERIFY, {"code": code, "next": next_url})


def test_password_then_code_then_admin(client, people):
    device = authenticator_for(people.editor)
    response = admin_login(client, people.editor)
    assert response.status_code == 302
    response = client.get(ADMIN_HOME)
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2F"
    page = client.get(response["Location"])
    assert "authenticator" in page.content.decode()
    response = enter_code(client, current_code(device))
    assert response.status_code == 302 and response["Location"] == ADMIN_HOME
    assert client.get(ADMIN_HOME).status_code == 200


def test_a_password_alone_reaches_nothing_in_the_admin(client, people):
    authenticator_for(people.chief)
    admin_login(client, people.chief)
    for path in ("/admin/pages/", "/admin/images/", "/admin/account/", "/admin/two-factor/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(VERIFY)
    assert client.post("/admin/pages/add/", {}).status_code == 302


def test_wrong_code_is_refused_and_the_session_stays_half_signed_in(client, people):
    device = authenticator_for(people.editor)
    admin_login(client, people.editor)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    response = enter_code(client, wrong)
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert client.get(ADMIN_HOME)["Location"].startswith(VERIFY)


def test_code_typed_with_thai_digits_and_spaces_is_accepted(client, people):
    device = authenticator_for(people.editor)
    admin_login(client, people.editor)
    code = current_code(device)
    thai = code.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    response = enter_code(client, f"{thai[:3]} {thai[3:]}")
    assert response.status_code == 302 and response["Location"] == ADMIN_HOME


def test_wrong_codes_are_throttled_then_lock_the_sign_in(client, people, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # count the lock alone, without django-otp's waits
    device = authenticator_for(people.editor)
    admin_login(client, people.editor)
    wrong = f"{(int(current_code(device)) + 7) % 1_000_000:06d}"
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert enter_code(client, wrong).status_code == 200
    response = enter_code(client, wrong)
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    # signed out, and the password is refused too until the wait is over
    assert client.get(ADMIN_HOME)["Location"].startswith("/admin/login/")
    assert admin_login(client, people.editor).status_code == 429


def test_django_otp_makes_each_wrong_code_wait_longer(client, people, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # a minute's rest, however slow the machine
    device = authenticator_for(people.editor)
    admin_login(client, people.editor)
    wrong = f"{(int(current_code(device)) + 3) % 1_000_000:06d}"
    enter_code(client, wrong)
    response = enter_code(client, current_code(device))  # right, but within the rest
    assert response.status_code == 200
    assert "Too many wrong codes. Wait" in response.content.decode()


def test_recovery_code_works_once(client, people):
    authenticator_for(people.chief)
    codes = new_recovery_codes(people.chief)
    assert len(codes) == 10 and all(re.fullmatch(r"[a-z2-9]{5}-[a-z2-9]{5}", c) for c in codes)
    admin_login(client, people.chief)
    response = enter_code(client, codes[0].upper())
    assert response.status_code == 302 and response["Location"] == ADMIN_HOME
    dashboard = client.get(ADMIN_HOME, follow=True)
    assert "9 codes are left" in dashboard.content.decode()
    client.post(reverse("wagtailadmin_logout"))
    admin_login(client, people.chief)
    assert enter_code(client, codes[0]).status_code == 200
    assert client.get(ADMIN_HOME)["Location"].startswith(VERIFY)
    assert StaticToken.objects.filter(device__user=people.chief).count() == 9


@pytest.mark.parametrize("who", ["editor", "chief", "admin"])
def test_editors_and_administrators_must_enrol_before_using_the_admin(client, people, who):
    user = getattr(people, who)
    admin_login(client, user)
    response = client.get("/admin/pages/")
    assert response["Location"] == f"{SETUP}?next=%2Fadmin%2Fpages%2F"
    page = client.get(response["Location"]).content.decode()
    assert "<svg" in page and "two-factor-qr" in page  # QR code drawn on the server
    assert "http" not in re.search(r"<svg.*?</svg>", page, re.S).group(0).replace(
        "http://www.w3.org", ""
    )
    secret = re.search(r'class="sign-in-step__secret"[^>]*>([A-Z2-7 ]+)<', page).group(1)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert secret.replace(" ", "") in device.config_url
    # the wrong code first, then the one the app shows
    wrong = client.post(SETUP, {"code": "000000", "next": "/admin/pages/"})
    assert "That code is not right" in wrong.content.decode()
    TOTPDevice.objects.get(pk=device.pk).throttle_reset()  # as if the user took a second
    response = client.post(SETUP, {"code": current_code(device), "next": "/admin/pages/"})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/two-factor/recovery-codes/")
    codes_page = client.get(response["Location"]).content.decode()
    codes = re.findall(r"<code>([a-z2-9]{5}-[a-z2-9]{5})</code>", codes_page)
    assert len(codes) == 10
    download = client.get("/admin/two-factor/recovery-codes/download/")
    assert download["Content-Disposition"].startswith("attachment")
    assert all(code in download.content.decode() for code in codes)
    done = client.post(
        "/admin/two-factor/recovery-codes/", {"action": "done", "next": "/admin/pages/"}
    )
    assert done["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200
    # shown once: the codes are gone from the page and the download
    again = client.get("/admin/two-factor/recovery-codes/").content.decode()
    assert not any(code in again for code in codes)
    assert client.get("/admin/two-factor/recovery-codes/download/").status_code == 302


def test_reporter_may_skip_and_may_enrol(client, people):
    admin_login(client, people.reporter)
    assert client.get(ADMIN_HOME).status_code == 200
    account = client.get("/admin/account/").content.decode()
    assert "Two-step sign-in is off" in account
    assert client.get(SETUP).status_code == 200
    device = TOTPDevice.objects.get(user=people.reporter, confirmed=False)
    client.post(SETUP, {"code": current_code(device)})
    client.post(reverse("wagtailadmin_logout"))
    admin_login(client, people.reporter)
    assert client.get(ADMIN_HOME)["Location"].startswith(VERIFY)


def test_requirement_off_lets_an_editor_in_with_a_password(client, people, settings):
    settings.SIGN_IN_TWO_FACTOR_REQUIRED = False
    admin_login(client, people.editor)
    assert client.get(ADMIN_HOME).status_code == 200


@pytest.fixture
def members_page(site_tree):
    page = site_tree["about_th"]
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


def test_page_privacy_login_returns_a_reader_to_the_page(client, people, members_page):
    url = members_page.url
    response = client.get(url)
    assert response.status_code == 302
    login_url = response["Location"]
    assert login_url.startswith("/th/_util/login/?next=")
    form = client.get(login_url)
    assert "site-header" in form.content.decode()  # the site's look, not Wagtail's bare form
    response = client.post(
        "/th/_util/login/", {"username": "reporter_youth", "password": PASSWORD, "next": url}
    )
    assert response["Location"] == url
    assert client.get(url).status_code == 200


def test_page_privacy_login_without_next_goes_home_not_to_accounts_profile(client, people):
    response = client.post("/th/_util/login/", {"username": "reporter_youth", "password": PASSWORD})
    assert response.status_code == 302
    assert "/accounts/profile/" not in response["Location"]
    assert client.get(response["Location"], follow=True).status_code == 200


def test_page_privacy_login_asks_for_the_code_before_the_page(client, people, members_page):
    device = authenticator_for(people.editor)
    url = members_page.url
    response = client.post(
        "/th/_util/login/", {"username": "editor_youth", "password": PASSWORD, "next": url}
    )
    assert response["Location"] == url
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    response = enter_code(client, current_code(device), next_url=url)
    assert response["Location"] == url
    assert client.get(url).status_code == 200


def test_page_privacy_login_sends_an_editor_without_a_phone_to_enrol(client, people):
    client.post("/th/_util/login/", {"username": "editor_youth", "password": PASSWORD})
    assert client.get("/th/")["Location"].startswith(SETUP)


def test_user_sees_and_resets_their_second_factor_from_the_account_page(client, people):
    sign_in_with_second_factor(client, people.reporter)
    new_recovery_codes(people.reporter)
    account = client.get("/admin/account/").content.decode()
    assert "Two-step sign-in is on. 10 recovery codes left." in account
    assert reverse("sign_in_manage") in account
    manage = client.get(reverse("sign_in_manage")).content.decode()
    assert "10 recovery codes left" in manage
    response = client.post(reverse("sign_in_manage"), {"action": "remove"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=people.reporter).exists()
    assert not StaticToken.objects.filter(device__user=people.reporter).exists()
    assert client.get(ADMIN_HOME).status_code == 200  # a reporter needs none


def test_editor_who_removes_their_second_factor_must_enrol_again(client, people):
    sign_in_with_second_factor(client, people.editor)
    client.post(reverse("sign_in_manage"), {"action": "remove"})
    assert client.get(ADMIN_HOME)["Location"].startswith(SETUP)


def test_new_recovery_codes_replace_the_old_ones(client, people):
    sign_in_with_second_factor(client, people.editor)
    old = new_recovery_codes(people.editor)
    client.post("/admin/two-factor/recovery-codes/", {"action": "new"})
    page = client.get("/admin/two-factor/recovery-codes/").content.decode()
    new = re.findall(r"<code>([a-z2-9]{5}-[a-z2-9]{5})</code>", page)
    assert len(new) == 10 and not set(new) & set(old)
    assert StaticToken.objects.filter(device__user=people.editor).count() == 10


def test_administrator_resets_another_users_second_factor(client, people):
    authenticator_for(people.editor)
    sign_in_with_second_factor(client, people.admin)
    listing = client.get("/admin/users/").content.decode()
    reset_url = reverse("sign_in_reset_for_user", args=[people.editor.pk])
    assert reset_url in listing
    assert "editor_youth" in client.get(reset_url).content.decode()
    response = client.post(reset_url)
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=people.editor).exists()


def test_only_administrators_reset_someone_elses_second_factor(client, people):
    authenticator_for(people.editor)
    sign_in_with_second_factor(client, people.chief)
    response = client.post(reverse("sign_in_reset_for_user", args=[people.editor.pk]))
    assert response.status_code in (302, 403)
    assert TOTPDevice.objects.filter(user=people.editor).exists()


def test_the_code_step_speaks_thai(people):
    thai_browser = Client(HTTP_ACCEPT_LANGUAGE="th")
    authenticator_for(people.editor)
    admin_login(thai_browser, people.editor)
    page = thai_browser.get(VERIFY).content.decode()
    assert "เปิดแอปยืนยันตัวตนในโทรศัพท์" in page
    assert "ยกเลิกและออกจากระบบ" in page
