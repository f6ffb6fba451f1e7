"""The cache entries every page reads, fetched from Redis in one round trip per request.

Whatever a page shows, it reads three entries kept between requests: the site for its host
(core.page_routing), Wagtail's site root paths (``Site.get_site_root_paths``, every address on
the page) and the contact details in its footer (home.models.ContactSettings). Read one by one
they cost three round trips to Redis and about 5% of a cold story page (docs/performance.md).
Here the first read of a request asks for all of them together (``get_many``) and keeps the
answers on the request; an entry missing from Redis is read and written the usual way.

``get_many`` reads every key at one version, so our entries are kept at the version Wagtail
keeps its root paths at. Should Wagtail change that version, the bundle misses the root paths
and ``Site.get_site_root_paths`` reads them itself, as before: slower, never wrong.
"""

import logging

from django.core.cache import cache
from wagtail.models import Site
from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY, SITE_ROOT_PATHS_CACHE_VERSION

logger = logging.getLogger(__name__)

VERSION = SITE_ROOT_PATHS_CACHE_VERSION
REQUEST_ATTRIBUTE = "_siang_every_page_entries"
_KEYS = [SITE_ROOT_PATHS_CACHE_KEY]


def read_on_every_page(key):
    """Have ``key`` fetched with the others (called where the key is defined)."""
    if key not in _KEYS:
        _KEYS.append(key)
    return key


def read(key, request=None):
    """The entry for ``key`` (None when missing): from this request's bundle when there is a
    request and the key is one of the bundle's, the bundle read at the first call."""
    if request is None or key not in _KEYS:
        return cache.get(key, version=VERSION)
    entries = getattr(request, REQUEST_ATTRIBUTE, None)
    if entries is None:
        try:
            entries = cache.get_many(_KEYS, version=VERSION)
        except Exception:
            # core.cache's DegradingRedisCache already turns Redis errors into misses; another
            # cache's error is one too, as in the page cache: the page is built from the database.
            logger.warning("Cache unavailable, reading the site's settings from the database")
            entries = {}
        setattr(request, REQUEST_ATTRIBUTE, entries)
    return entries.get(key)


def site_root_paths(request):
    """Wagtail's ``Site.get_site_root_paths()``, from this request's bundle when it holds them."""
    found = read(SITE_ROOT_PATHS_CACHE_KEY, request)
    return Site.get_site_root_paths() if found is None else found


def write(key, value, timeout):
    cache.set(key, value, timeout, version=VERSION)


def forget(key):
    cache.delete(key, version=VERSION)
