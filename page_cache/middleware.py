"""Whole pages for readers who are not signed in, from the site's cache (docs/caching.md).

A request may be answered from the cache when it is a GET or HEAD without a session or
messages cookie (nobody is signed in, no page-privacy password was given, no message waits)
and outside the editors' side. Its response is kept when it is a 200 to a GET that sets no
cookie, says nothing against caching (``private``, ``no-store``, ``no-cache``: the health
checks, anything under ``never_cache``) and varies on nothing but the request headers the key
holds. So pages with a form (a CSRF token sets its cookie), previews and the admin
(``/admin/``, never_cache) and private pages (a redirect to the login, or the password form)
are never kept, and editors, who carry a session cookie, always get a fresh page.

The key holds the full address (scheme, host, path, query string), whether the reader takes
gzip (the compressed page is what is stored: this middleware stands outside the compression),
the language LocaleMiddleware picks, and whether the reader asked for HTML (the API's browsable
pages). The kept page carries the generation (page_cache.generation) current when its request
began, and is served only while that generation is still the current one: both are read in one
round trip to the cache. A kept response says so in ``X-Page-Cache: miss``, one served from the
cache in ``X-Page-Cache: hit``.

Headers for the caches beyond the app (browsers, a reverse proxy or CDN): a response kept, or
one that would be kept but for ``PAGE_CACHE_SECONDS = 0``, is ``public`` with
``s-maxage=PAGE_CACHE_PROXY_SECONDS`` (and ``max-age=0`` unless its view chose one) and no
``Vary: Cookie`` (the middleware below touch the session on every request; what this request
got depends on no cookie); anything else without a Cache-Control of its own is
``private, no-store``. Whichever cache lets a reader down (Redis stopped), pages are built
afresh: core.cache turns its errors into misses.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.utils import translation
from django.utils.cache import cc_delim_re, patch_cache_control

from .generation import GENERATION_KEY, current_generation
from .process_copies import asks_for_a_checked_copy, process_copies

CACHEABLE_METHODS = ("GET", "HEAD")
PRIVATE_PATHS = ("/admin/", "/documents/")
REQUEST_COOKIES_OF_A_PERSON = (settings.SESSION_COOKIE_NAME, "messages")
# Request headers the key covers: a response that varies on any other is not kept.
KEYED_VARY = {"accept-encoding", "accept-language", "accept", "cookie"}
REFUSING = {"private", "no-store", "no-cache"}
HIT_HEADER = "X-Page-Cache"

logger = logging.getLogger(__name__)


def is_anonymous_read(request):
    return (
        request.method in CACHEABLE_METHODS
        and not request.path.startswith(PRIVATE_PATHS)
        and not any(name in request.COOKIES for name in REQUEST_COOKIES_OF_A_PERSON)
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _vary(response):
    return [header.strip() for header in cc_delim_re.split(response.get("Vary", "")) if header]


def _cache_control(response):
    return {
        directive.split("=")[0].strip().lower()
        for directive in cc_delim_re.split(response.get("Cache-Control", ""))
        if directive.strip()
    }


def is_shareable(response):
    """A response anyone not signed in would get for this request, the same for all of them."""
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not _cache_control(response) & REFUSING
        and {header.lower() for header in _vary(response)} <= KEYED_VARY
    )


def page_key(request):
    accepts_gzip = bool(re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))
    language = translation.get_language_from_request(request, check_path=True)
    wants_html = "text/html" in request.META.get("HTTP_ACCEPT", "")
    # The address as Django decoded it, not percent-encoded again as build_absolute_uri() does:
    # encoding a Thai path byte by byte took a sixth of a page served from the cache. get_host()
    # refuses a host the site does not serve (a 400, as without the cache).
    address = "{}://{}{}?{}".format(
        request.scheme, request.get_host(), request.path, request.META.get("QUERY_STRING", "")
    )
    digest = hashlib.sha256(address.encode(errors="surrogatepass")).hexdigest()
    encoding = "gzip" if accepts_gzip else "plain"
    return f"page_cache:page:{digest}:{encoding}:{language}:{int(wants_html)}"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_anonymous_read(request):
            return self.private(self.get_response(request))
        key, generation, kept = (
            self.look_up(request) if settings.PAGE_CACHE_SECONDS > 0 else (None, None, None)
        )
        if kept is not None:
            return self.from_cache(request, kept)
        response = self.get_response(request)
        if not is_shareable(response):
            return self.private(response)
        self.make_public(response)
        if generation is not None and request.method == "GET":
            self.keep(key, generation, response)
        return response

    @staticmethod
    def look_up(request):
        """(key, current generation, kept response or None); the generation is None when the
        cache does not answer (nothing is served from it or kept in it).

        The process's own copy comes first while Redis confirmed its generation less than
        PAGE_CACHE_PROCESS_SECONDS ago (page_cache.process_copies). core.cache's
        DegradingRedisCache already turns Redis errors into misses; any other cache's error is
        one too, so that a broken cache never costs a reader the page."""
        key = page_key(request)
        trusted_seconds = settings.PAGE_CACHE_PROCESS_SECONDS
        if trusted_seconds > 0 and not asks_for_a_checked_copy(request):
            copy = process_copies.find(key, trusted_seconds)
            if copy is not None:
                return key, None, copy
        try:
            found = cache.get_many([GENERATION_KEY, key])
            generation = found.get(GENERATION_KEY) or current_generation()
        except Exception:
            logger.warning("Page cache unavailable, serving uncached", exc_info=True)
            return key, None, None
        if generation is None:
            return key, None, None
        process_copies.confirm(generation)
        kept = found.get(key)
        if kept is None or kept[0] != generation:
            return key, generation, None
        process_copies.keep(key, generation, kept[1:])
        return key, generation, kept[1:]

    @staticmethod
    def keep(key, generation, response):
        response[HIT_HEADER] = "miss"
        kept = (generation, response.status_code, response.content, list(response.items()))
        try:
            cache.set(key, kept, settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.warning("Page cache unavailable, page not kept", exc_info=True)
            return
        process_copies.keep(key, generation, kept[1:])

    @staticmethod
    def from_cache(request, kept):
        status, content, headers = kept
        response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
        for name, value in headers:
            response[name] = value
        response[HIT_HEADER] = "hit"
        return response

    @staticmethod
    def make_public(response):
        vary = [header for header in _vary(response) if header.lower() != "cookie"]
        if vary:
            response["Vary"] = ", ".join(vary)
        elif "Vary" in response:
            del response["Vary"]
        if "max-age" not in _cache_control(response):
            patch_cache_control(response, max_age=0)
        patch_cache_control(response, public=True, s_maxage=settings.PAGE_CACHE_PROXY_SECONDS)

    @staticmethod
    def private(response):
        if "Cache-Control" not in response:
            patch_cache_control(response, private=True, no_store=True)
        return response
