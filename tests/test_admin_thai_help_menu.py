"""The help menu's "What's new" item speaks each request's language, whichever came first
(admin_thai/wagtail_hooks.py; fails if Wagtail renames the item or stops caching the menu)."""

import json

from django.test import Client


def test_whats_new_follows_the_language_of_each_request(db, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "a@example.org", "x")
    english, thai = Client(HTTP_ACCEPT_LANGUAGE="en"), Client(HTTP_ACCEPT_LANGUAGE="th")
    english.force_login(admin)
    thai.force_login(admin)
    assert "new in Wagtail" in english.get("/admin/").content.decode()
    page = thai.get("/admin/").content.decode()
    assert json.dumps("มีอะไรใหม่ใน Wagtail")[1:-1] in page  # the sidebar is JSON
    assert "new in Wagtail" not in page
