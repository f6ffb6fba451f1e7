"""What the service worker keeps, in one place: the view hands these to the script.

docs/offline.md explains each figure to readers and administrators.
"""

import hashlib
import json
from functools import cache
from pathlib import Path

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation

SOURCE = Path(__file__).with_name("service_worker.js")
# Pages (the HTML of each address) kept, newest kept first; photos kept, in bytes.
MAX_PAGES = 50
MAX_PHOTO_BYTES = 20 * 1024 * 1024
# Raised when what is stored changes shape; the worker then drops stores of another version.
STORE_VERSION = 1
# Never stored, whatever their headers say: the editors' side, private documents, the worker.
NEVER_STORED_PATHS = ["/admin/", "/documents/", "/sw.js"]
# Files the offline page needs, fetched when the worker is installed.
SHELL_FILES = [
    "css/site.css",
    "css/media.css",
    "css/print.css",
    "js/offline.js",
    "js/offline-pages.js",
    "img/icon-192.png",
]


def offline_page_urls():
    """{language: address of the offline page}."""
    urls = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            urls[code] = reverse("offline_page")
    return urls


def worker_config():
    offline_pages = offline_page_urls()
    return {
        "offlinePages": offline_pages,
        "defaultLanguage": settings.LANGUAGE_CODE,
        "shell": [
            *offline_pages.values(),
            *(static(name) for name in SHELL_FILES),
            reverse("network_colours"),
        ],
        "maxPages": MAX_PAGES,
        "maxPhotoBytes": MAX_PHOTO_BYTES,
        "storeVersion": STORE_VERSION,
        "neverStoredPaths": NEVER_STORED_PATHS,
        "staticUrl": settings.STATIC_URL,
        "mediaUrl": settings.MEDIA_URL,
    }


@cache
def worker_script():
    """(script, version): the settings above the worker's code. The version is a hash of both,
    so a new release of either (or of a static file's hashed name) installs a new worker."""
    config = worker_config()
    body = json.dumps(config, ensure_ascii=False, sort_keys=True)
    source = SOURCE.read_text(encoding="utf-8")
    version = hashlib.sha256((body + source).encode()).hexdigest()[:12]
    config["version"] = version
    header = "self.OFFLINE = " + json.dumps(config, ensure_ascii=False, sort_keys=True) + ";\n"
    return header + source, version
