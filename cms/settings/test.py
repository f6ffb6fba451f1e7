"""Test settings: each override says why it exists."""

import tempfile

from .base import *  # noqa: F403
from .base import CACHES, INSTALLED_APPS

# Tests never need a real secret, and never run in DEBUG (to see what readers see).
SECRET_KEY = "test-only-not-secret"  # noqa: S105
# Tests load the demo content (the demo app is never installed in production).
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
ALLOWED_HOSTS = ["localhost", "testserver", "127.0.0.1"]
# A fresh in-process cache per run: no cross-test leakage through Redis.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "fragments": CACHES["fragments"],
}
# The page cache off: tests read pages to see how they are built (and count their queries),
# and many change data behind Wagtail's back with QuerySet.update(), which no cache hears of.
# tests/test_page_cache.py turns it on. Its headers are sent either way. No proxy to purge.
PAGE_CACHE_SECONDS = 0
WAGTAILFRONTENDCACHE = {}
# Tests load the demo with DEBUG off, as a server would, so they need a demo password.
DEMO_PASSWORD = "test-only-demo-password"  # noqa: S105
# Every read through core.compiled_queries is compiled again and checked against the SQL and
# parameters kept for its shape: the whole suite checks every shape the pages use.
COMPILED_QUERIES_CHECK = True
# The default hasher is deliberately slow; tests create many users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# No manifest to build before rendering templates with {% static %}.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "documents": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": tempfile.mkdtemp(prefix="siang-test-documents-")},
    },
    "tips": {
        "BACKEND": "tips.storage.PrivateTipStorage",
        "OPTIONS": {"location": tempfile.mkdtemp(prefix="siang-test-tips-")},
    },
}
# Uploads go to a throw-away folder, never into var/ or a bucket.
MEDIA_ROOT = tempfile.mkdtemp(prefix="siang-test-media-")
# Mail is captured in django.core.mail.outbox (Django's test set-up sets EMAIL_BACKEND to
# locmem anyway; tests/test_background_mail.py puts the queue back in front of it).
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
BACKGROUND_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Background tasks (Wagtail's reference index, search updates, emails) run inline so tests see
# results; the tests of the queue itself switch to the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# No test asks YouTube or Facebook anything: embeds fail as offline unless a test installs a fake.
WAGTAILEMBEDS_FINDERS = [{"class": "tests.embed_finders.OfflineFinder"}]
# The test client speaks plain HTTP.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# Without DATABASE_URL, checks and tests need no file under var/.
if not ENV["DATABASE_URL"]:  # noqa: F405
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
# Two-step sign-in: hundreds of tests sign editors and administrators in with force_login to
# test something else; with the requirement on, each would first be sent to set up an
# authenticator. Off here, such a session passes as a reporter's does. Everything else about
# two-step sign-in stays as in production (anyone with a device is asked for a code), and
# tests/test_accounts_two_factor.py turns the requirement on to test the production path whole;
# tests/two_factor.py signs a user in with the second factor done, for tests that need it.
SIGN_IN_TWO_FACTOR_REQUIRED = False
