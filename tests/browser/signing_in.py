"""Signing in to the admin: the one place every browser test does it, the code step included."""

import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.two_factor import current_code

AFTER_PASSWORD = re.compile(r"/admin/(two-factor/verify/.*)?$")


def log_in(page, username, password=None):
    """Signs ``username`` in on ``page`` and waits for the dashboard. A user with an
    authenticator types the code it shows, as a person copies it from their phone."""
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password or settings.DEMO_PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(AFTER_PASSWORD)
    if "/two-factor/verify/" in page.url:
        user = get_user_model().objects.get(username=username)
        device = TOTPDevice.objects.get(user=user, confirmed=True)
        page.locator("#id_code").fill(current_code(device))
        page.locator(".login-form button[type=submit]").click()
    expect(page).to_have_url("/admin/")
    return page
