"""The fault drills' server: the production settings, pointed at the drill's private services.

Each override says why the drill differs from a real server.
"""

import os

from cms.settings.production import *  # noqa: F403
from cms.settings.production import STORAGES

# The drill speaks plain HTTP to 127.0.0.1; a real server sits behind a proxy that ends TLS.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# No collectstatic before a drill: templates name static files without a manifest.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "documents": {
        "BACKEND": "media_library.storage.UploadStorage",
        "OPTIONS": {"location": os.environ["FAULT_DOCUMENTS_ROOT"], "base_url": "/documents/"},
    },
}
# The drills test what survives a fault, not sign-in: editors sign in with a password only.
SIGN_IN_TWO_FACTOR_REQUIRED = False
# Notification emails go nowhere.
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
# The drills read what happened in the server's log.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "core.cache": {"handlers": ["console"], "level": "WARNING"},
        "django.request": {"handlers": ["console"], "level": "ERROR"},
    },
}
