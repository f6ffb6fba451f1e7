"""Settings shared by every environment; production-safe by default.

Every environment variable the project reads is read here, in ``ENV`` below, and listed in
README.md. dev.py, test.py and production.py only override values.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

ENV = {
    name: os.environ.get(name, "")
    for name in (
        "SECRET_KEY",
        "DATABASE_URL",
        "ALLOWED_HOSTS",
        "CSRF_TRUSTED_ORIGINS",
        "REDIS_URL",
        "MEDIA_ROOT",
        "MEDIA_URL",
        "STATIC_ROOT",
        "SITE_URL",
        "EMAIL_HOST",
        "EMAIL_PORT",
        "EMAIL_HOST_USER",
        "EMAIL_HOST_PASSWORD",
        "EMAIL_USE_TLS",
        "DEFAULT_FROM_EMAIL",
        "AWS_STORAGE_BUCKET_NAME",
        "AWS_S3_ENDPOINT_URL",
        "AWS_S3_REGION_NAME",
        "AWS_S3_CUSTOM_DOMAIN",
        "DEMO_PASSWORD",
        "TRUSTED_PROXY_IPS",
        "BACKUP_RETENTION_DAYS",
        "TIPS_CONTACT_RETENTION_DAYS",
        "PAGE_CACHE_SECONDS",
        "PAGE_CACHE_PROCESS_SECONDS",
        "FRONTEND_CACHE_PURGE_URLS",
    )
}


def env_list(name):
    return [item.strip() for item in ENV[name].split(",") if item.strip()]


DEBUG = False
SECRET_KEY = ENV["SECRET_KEY"]
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "sign_in",
    "core",
    "page_cache",
    "home",
    "networks",
    "roles",
    "news",
    "media_library",
    "wagtailmedia",
    "thai_text",
    "background",
    "distribution",
    "thai_search",
    "editorial",
    "following",
    "admin_thai",
    "backups",
    "offline",
    "tips",
    "django_tasks_db",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Whole pages for readers who are not signed in (docs/caching.md): outside the compression,
    # so a hit costs no gzip, and outside everything that decides whether a page may be shared.
    "page_cache.middleware.PageCacheMiddleware",
    "page_cache.compression.TextGZipMiddleware",
    "security_headers.middleware.PolicyByPathMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "sign_in.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "media_library.middleware.StorageFullMiddleware",
    # Last, as django-axes asks: it turns a refused sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Every sign-in form (Wagtail's admin login, the page-privacy login at /<lang>/_util/login/,
# any added later) ends in django.contrib.auth.authenticate(): django-axes' backend, first in
# the list, refuses a locked-out user name there, whatever form asked (docs/security.md).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        ENV["DATABASE_URL"] or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=60,
        # A connection kept from before a database restart is checked and replaced, not reused.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that does not answer is a 503 page within seconds, never a page that hangs.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)
    # Values sent apart from the SQL, so psycopg prepares a statement run five times on a
    # connection and PostgreSQL stops planning it again: a cold story page's nine queries
    # cost the database about half the CPU (docs/performance.md, "Prepared statements").
    DATABASES["default"]["OPTIONS"].setdefault("server_side_binding", True)
    DATABASES["default"]["OPTIONS"].setdefault("prepare_threshold", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if ENV["REDIS_URL"]:
    # Django's RedisCache whose outages are misses: a stopped Redis slows pages, never breaks
    # them (core/cache.py, docs/operations.md "Faults").
    CACHES = {
        "default": {
            "BACKEND": "core.cache.DegradingRedisCache",
            "LOCATION": ENV["REDIS_URL"],
            "KEY_PREFIX": "siang",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Template fragments that depend only on what their {% cache %} tag names (the language, the
# contact details): the same on every page, so each process renders them once and keeps them
# (core.fragments). In the process, not Redis: a round trip would cost what it saves.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "siang-fragments",
    "TIMEOUT": None,
}

# The page cache (docs/caching.md): how long the app keeps a page for readers who are not
# signed in. Any change starts a new generation, so this only bounds memory; 0 turns the
# page cache off (the benchmark's cold pages). Without REDIS_URL each process would keep its
# own copy that another process's change cannot reach, so the default is then off.
PAGE_CACHE_SECONDS = int(ENV["PAGE_CACHE_SECONDS"] or (600 if ENV["REDIS_URL"] else 0))
# How long a reverse proxy or CDN may keep a page (s-maxage). The addresses that show a
# changed story are purged at once; this bounds every other page (deeper listing pages,
# filters, related stories on other stories).
PAGE_CACHE_PROXY_SECONDS = 60
# How long each process serves the pages it holds itself without asking Redis whether a change
# started a new generation (page_cache.process_copies): a change reaches readers of other
# processes within this, and what they get then is kept by proxies for a second only. 0: Redis
# is asked on every request.
PAGE_CACHE_PROCESS_SECONDS = float(ENV["PAGE_CACHE_PROCESS_SECONDS"] or 0.5)
# The reverse proxies that accept HTTP PURGE (e.g. Varnish at http://127.0.0.1:6081), one
# Wagtail HTTPBackend each; none: nothing to purge beyond the app's own cache.
WAGTAILFRONTENDCACHE = {
    f"proxy{number}": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": location,
    }
    for number, location in enumerate(env_list("FRONTEND_CACHE_PURGE_URLS"))
}
# Purge exactly the addresses given: Wagtail would otherwise repeat each one under every
# language prefix (/th/ → /en/), and Thai slugs do not exist under /en/.
WAGTAILFRONTENDCACHE_LANGUAGES = []

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Thai is the default language; every public URL carries its language prefix (/th/, /en/).
LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# The project's own strings first; then admin_locale/, our Thai for Wagtail's and Django's
# admin strings. It sits apart so `makemessages` (which would mark those msgids obsolete,
# since no project source uses them) never touches it; see docs/thai-admin.md.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "admin_locale"]
TIME_ZONE = "Asia/Bangkok"
WAGTAILADMIN_USER_LOGIN_FORM = "admin_thai.forms.ThaiLoginForm"
# Everyone works in Thailand: one time zone, so the account page drops the 600-name list.
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = ENV["STATIC_ROOT"] or str(BASE_DIR / "static_collected")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = ENV["MEDIA_URL"] or "/media/"
MEDIA_ROOT = ENV["MEDIA_ROOT"] or str(VAR_DIR / "media")

STORAGES = {
    # Django's FileSystemStorage that removes the part of a file a full disk cut short.
    "default": {"BACKEND": "media_library.storage.UploadStorage"},
    # Django's ManifestStaticFilesStorage, each address worked out once (core/static_files.py).
    "staticfiles": {"BACKEND": "core.static_files.KeptAddressesManifestStorage"},
    # Documents live outside MEDIA_ROOT so the web server cannot hand out a private collection's
    # file; Wagtail's serve view (WAGTAILDOCS_SERVE_METHOD) checks privacy and serves them.
    "documents": {
        "BACKEND": "media_library.storage.UploadStorage",
        "OPTIONS": {"location": str(VAR_DIR / "documents"), "base_url": "/documents/"},
    },
    # Readers' tips (docs/tips.md): photos kept outside MEDIA_ROOT with no public address;
    # editors see them only through the admin's permission-checked view.
    "tips": {
        "BACKEND": "tips.storage.PrivateTipStorage",
        "OPTIONS": {"location": str(VAR_DIR / "tips")},
    },
}
if ENV["AWS_STORAGE_BUCKET_NAME"]:
    # S3-compatible object storage for uploads; credentials come from the usual AWS_* variables
    # that boto3 reads itself (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY).
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": ENV["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": ENV["AWS_S3_ENDPOINT_URL"] or None,
            "region_name": ENV["AWS_S3_REGION_NAME"] or None,
            "custom_domain": ENV["AWS_S3_CUSTOM_DOMAIN"] or None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
    STORAGES["documents"] = {
        **STORAGES["default"],
        "OPTIONS": {
            **STORAGES["default"]["OPTIONS"],
            "location": "private-documents",
            "default_acl": "private",
            "custom_domain": None,
            "querystring_auth": True,
        },
    }
    STORAGES["tips"] = {
        **STORAGES["default"],
        "OPTIONS": {
            **STORAGES["default"]["OPTIONS"],
            "location": "private-tips",
            "default_acl": "private",
            "custom_domain": None,
            "querystring_auth": True,
        },
    }

# Every email leaves the request: queued here, sent by the worker with BACKGROUND_EMAIL_BACKEND
# (background.mail). production.py sends with SMTP, dev.py writes files under var/mail/.
EMAIL_BACKEND = "background.mail.QueuedEmailBackend"
BACKGROUND_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = ENV["EMAIL_HOST"] or "localhost"
EMAIL_PORT = int(ENV["EMAIL_PORT"] or 25)
EMAIL_HOST_USER = ENV["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = ENV["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = ENV["EMAIL_USE_TLS"].lower() in ("1", "true", "yes")
DEFAULT_FROM_EMAIL = ENV["DEFAULT_FROM_EMAIL"] or "Siang Chumchon <noreply@localhost>"
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The task queue (docs/operations.md, "Background worker"): django-tasks with django-tasks-db's
# database backend, so queued work is backed up and restored with the rest of the site;
# `manage.py run_worker` runs it (background.worker).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A failed task is tried again after 30 s, then 60 s; after the third failure it stays failed
# in the staff report (Reports → Background tasks) until someone runs it again.
BACKGROUND_MAX_ATTEMPTS = 3
BACKGROUND_RETRY_DELAY = timedelta(seconds=30)
# A task still RUNNING this long after it started is taken for abandoned (its worker hung or
# died on another host) and queued again: longer than the slowest task ever takes.
BACKGROUND_LEASE = timedelta(minutes=30)
# How often a worker looks for tasks whose worker on this host is gone.
BACKGROUND_REQUEUE_INTERVAL = timedelta(seconds=30)
# Which waiting task runs first (higher first; unnamed tasks 0): a purge of a stale cached page
# and a person's email never wait behind photo renditions (background.priorities).
BACKGROUND_TASK_PRIORITIES = {
    "wagtail.contrib.frontend_cache.tasks.purge_urls_from_cache_task": 50,
    "background.mail.send_queued_email": 20,
    # 25,000 digests queue in a few minutes: a reader's confirmation email still goes first.
    "following.tasks.send_digest_email": 10,
    "news.renditions.generate_story_renditions": -50,
    "media_library.renditions.generate_image_renditions": -50,
}

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# Nothing of ours is framed by another page: Wagtail's preview views set SAMEORIGIN on their
# own responses, and the Content-Security-Policy's frame-ancestors (below) is what current
# browsers obey.
X_FRAME_OPTIONS = "DENY"
REFERRER_POLICY = "same-origin"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = _("Siang Chumchon")
# The dashboard banner links to Wagtail's English release notes (docs/thai-admin.md).
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# Rich-text boxes with an accessible name for screen readers (admin_thai/accessibility.py).
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {"WIDGET": "admin_thai.accessibility.NamedDraftailRichTextArea"},
}
WAGTAILADMIN_BASE_URL = ENV["SITE_URL"] or "http://127.0.0.1:8000"
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAILIMAGES_IMAGE_MODEL = "media_library.CustomImage"
WAGTAILDOCS_DOCUMENT_MODEL = "media_library.CustomDocument"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "doc", "odt", "xlsx", "xls", "ods", "pptx", "odp", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "media_library.forms.DocumentForm"
# Every document goes through Wagtail's view (privacy checks, safe headers), never a direct
# storage URL, and downloads as an attachment rather than opening inside the site.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
# Photos (docs/media.md, docs/security.md): checked by media_library.forms for a clear message,
# and cleaned of location and device metadata where the original is written
# (media_library.image_field), whatever the door.
WAGTAILIMAGES_IMAGE_FORM_BASE = "media_library.forms.SafeImageForm"
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "avif", "heic", "heif", "gif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 40 * 1024 * 1024  # a 50 MP phone JPEG is 15–25 MB
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 110_000_000  # Wagtail's own check: the largest limit below
# Width × height × frames per format (media_library.image_safety, docs/security.md): a baseline
# JPEG is decoded at 1/2–1/8 size, so a 108 MP phone photo costs little; the others are decoded
# whole, so their limits keep the memory of cleaning one under about 300 MB (HEIC: 360 MB).
MEDIA_LIBRARY_MAX_IMAGE_PIXELS = {
    "JPEG": 110_000_000,
    "JPEG progressive": 25_000_000,
    "HEIF": 52_000_000,  # an iPhone's 48 MP photo
    "PNG": 16_800_000,  # 4096 × 4096
    "WEBP": 16_800_000,
    "AVIF": 12_600_000,  # a 12 MP phone photo
    "GIF": 16_800_000,  # all frames together
}
WAGTAILIMAGES_AVIF_QUALITY = 60
WAGTAILIMAGES_WEBP_QUALITY = 75
WAGTAILIMAGES_JPEG_QUALITY = 80
MEDIA_LIBRARY_MAX_IMAGE_FRAMES = 50
MEDIA_LIBRARY_MAX_IMAGE_DIMENSION = 2560  # long side of the stored original, in pixels
MEDIA_LIBRARY_MAX_AUDIO_SIZE = 100 * 1024 * 1024
MEDIA_LIBRARY_MAX_VIDEO_SIZE = 300 * 1024 * 1024
MEDIA_LIBRARY_MAX_CAPTIONS_SIZE = 512 * 1024
WAGTAILMEDIA = {
    "MEDIA_MODEL": "media_library.MediaItem",
    "MEDIA_FORM_BASE": "media_library.forms.MediaItemForm",
    # The browser's file picker offers these; the content decides (media_library.media_files).
    "AUDIO_EXTENSIONS": ["mp3", "m4a", "aac", "ogg", "opus"],
    "VIDEO_EXTENSIONS": ["mp4", "m4v", "mov", "webm"],
}
# Thai-aware subclass of Wagtail's database backend (docs/search.md); run update_index after
# changing THAI_SEARCH_EXTRA_WORDS or thai_search/words.txt.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "thai_search.backends"}}
THAI_SEARCH_EXTRA_WORDS = []
# media.css sizes embedded players (aspect-ratio); Wagtail's responsive wrapper would carry an
# inline style attribute, which the public Content-Security-Policy refuses.
WAGTAILEMBEDS_RESPONSIVE_HTML = False
WAGTAILAPI_LIMIT_MAX = 50

# `manage.py backup --prune` removes backups older than this, so personal data erased from the
# site leaves the backups within the same period (docs/operations.md, "Backups").
BACKUP_RETENTION_DAYS = int(ENV["BACKUP_RETENTION_DAYS"] or 30)

# Readers' tips (docs/tips.md): a sender's name and contact details are erased this many days
# after the tip arrived (`manage.py erase_old_tip_contacts`, run daily by cron); the tip's text
# and photos stay for the editors.
TIPS_CONTACT_RETENTION_DAYS = int(ENV["TIPS_CONTACT_RETENTION_DAYS"] or 90)
# Tips from one browser session: at most TIPS_SESSION_LIMIT in TIPS_SESSION_WINDOW seconds.
# From one client address (a village training shares one connection): TIPS_ADDRESS_LIMIT an hour.
TIPS_SESSION_LIMIT = 5
TIPS_SESSION_WINDOW = 10 * 60
TIPS_ADDRESS_LIMIT = 60
TIPS_ADDRESS_WINDOW = 60 * 60

# The demo accounts' password (load_demo). No default here: on a server, load_demo refuses to
# create an administrator with a password everyone can read in the README; dev.py has one.
DEMO_PASSWORD = ENV["DEMO_PASSWORD"]

# Sign-in (docs/security.md, "Accounts, sign-in and headers").
# The page-privacy login (/<lang>/_util/login/) returns readers to the page they came from
# (its ?next=); without one they land on the home page, never Django's /accounts/profile/.
LOGIN_URL = "wagtailcore_login"
LOGIN_REDIRECT_URL = "root"
WAGTAIL_FRONTEND_LOGIN_TEMPLATE = "sign_in/page_login.html"
# Wagtail's dashboard would ask releases.wagtail.io for news, and avatars would come from
# Gravatar: nothing leaves the site at run time, and the admin's CSP allows no other host.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Throttling (django-axes): five wrong passwords for one user name from one address lock that
# pair for 15 minutes. Never by address alone: a village's phones share one mobile address.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "sign_in.client_address.client_ip_address"
AXES_LOCKOUT_CALLABLE = "sign_in.views.locked_out"
# Failed attempts are kept (that is the lock); a row per successful sign-in is not needed.
AXES_DISABLE_ACCESS_LOG = True
# The reverse proxy's addresses (or networks, e.g. 10.0.0.0/8): only a request from one of
# them has its X-Forwarded-For believed; any other request is the address that connected.
TRUSTED_PROXY_IPS = env_list("TRUSTED_PROXY_IPS")

# Two-step sign-in (django-otp): administrators and editors must use an authenticator app;
# reporters may. Users who have set it up are always asked for a code.
SIGN_IN_TWO_FACTOR_REQUIRED = True
OTP_TOTP_ISSUER = "Siang Chumchon"

# Content-Security-Policy (django-csp). The public site's policy is below; the admin's, more
# permissive for scripts, is SECURITY_HEADERS_ADMIN_POLICY (security_headers.middleware).


def _media_hosts():
    """Where uploaded photos, audio and video are read from, when not from the site itself."""
    if ENV["AWS_S3_CUSTOM_DOMAIN"]:
        return [f"https://{ENV['AWS_S3_CUSTOM_DOMAIN']}"]
    if ENV["AWS_STORAGE_BUCKET_NAME"]:
        bucket = ENV["AWS_STORAGE_BUCKET_NAME"]
        region = ENV["AWS_S3_REGION_NAME"]
        aws = f"https://s3.{region}.amazonaws.com" if region else "https://s3.amazonaws.com"
        endpoint = urlsplit(ENV["AWS_S3_ENDPOINT_URL"] or aws)
        # path-style (endpoint/bucket/key) or virtual-host style (bucket.endpoint/key)
        return [
            f"{endpoint.scheme}://{endpoint.netloc}",
            f"{endpoint.scheme}://{bucket}.{endpoint.netloc}",
        ]
    media = urlsplit(MEDIA_URL)
    return [f"{media.scheme or 'https'}://{media.netloc}"] if media.netloc else []


_MEDIA_HOSTS = _media_hosts()
# The players Wagtail's embed finders link to; a reader's tap on an embed loads one of these.
EMBED_FRAME_HOSTS = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
    "https://www.facebook.com",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # Scripts are files from the site; JSON-LD blocks are data, which CSP does not govern.
        # No nonces: public pages are cached whole, headers and all.
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", *_MEDIA_HOSTS],
        "media-src": ["'self'", *_MEDIA_HOSTS],
        "frame-src": EMBED_FRAME_HOSTS,
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        # The service worker (/sw.js) and the web app manifest, both from the site (docs/offline.md).
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
    }
}
SECURITY_HEADERS_ADMIN_PATHS = ["/admin/"]
SECURITY_HEADERS_ADMIN_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # Wagtail 8's admin still writes inline <script> blocks and style attributes.
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        # data: for the small SVG icons in Wagtail's own CSS; blob: for upload previews.
        "img-src": ["'self'", "data:", "blob:", *_MEDIA_HOSTS],
        "media-src": ["'self'", "blob:", *_MEDIA_HOSTS],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
