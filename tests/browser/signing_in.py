"""Signing in to the admin: the one place every browser test does it.

Two-factor sign-in for editors will add its step here, and only here.
"""

from django.conf import settings
from playwright.sync_api import expect


def log_in(page, username, password=None):
    """Signs ``username`` in on ``page`` and waits for the dashboard."""
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password or settings.DEMO_PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url("/admin/")
    return page
