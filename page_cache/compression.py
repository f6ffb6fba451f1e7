"""Compression of the text the site serves: HTML, feeds, sitemaps, JSON, CSS.

Django's GZipMiddleware (5.2) compresses every response over 200 bytes, documents and other
downloads included; this one leaves everything but text alone. Django's own middleware adds the
BREACH mitigation (up to 100 random bytes in the gzip header, Django 4.2+), and sets
``Vary: Accept-Encoding``. It stands inside page_cache.middleware, which keeps the compressed
and the plain copy of a page apart (docs/caching.md).
"""

from django.middleware.gzip import GZipMiddleware

TEXT_TYPES = (
    "text/",
    "application/json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/javascript",
    "image/svg+xml",
)


class TextGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        content_type = response.get("Content-Type", "")
        if not content_type.startswith(TEXT_TYPES):
            return response
        return super().process_response(request, response)
