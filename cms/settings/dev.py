"""Local development: `make run`. Debug on, cookies over plain HTTP, mail to files in var/mail/."""

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, DEMO_PASSWORD, INSTALLED_APPS, SECRET_KEY, STORAGES, VAR_DIR

DEBUG = True
# The demo content and `manage.py load_demo` (make run loads it).
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
SECRET_KEY = SECRET_KEY or "dev-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
DEMO_PASSWORD = DEMO_PASSWORD or "surin-demo-2569"  # noqa: S105  (local use only)
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# Emails go through the queue as in production; the worker writes each one to a file that a
# person can open (one .log file per sending, messages in plain MIME).
BACKGROUND_EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = VAR_DIR / "mail"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "documents": STORAGES["documents"],
    "tips": STORAGES["tips"],
}
