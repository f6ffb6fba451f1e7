"""Kept pages a process also holds in its own memory, trusted for half a second without asking
Redis (docs/caching.md, "Each process's own copies").

Under load a page from the shared cache costs its worker a round trip to Redis, more than a
third of a warm request's time on a busy 2-core server (docs/performance.md). So a process keeps
the pages it served or kept, under the generation (page_cache.generation) they belong to, and
serves them again without asking while that generation was confirmed current less than
``PAGE_CACHE_PROCESS_SECONDS`` ago. After a change in another process, a reader of this one may
see the page as it was for at most that long; the process that made the change forgets its
copies at once (``start_new_generation``).

Two rules keep that half second from growing in the caches beyond the app:
- a page served from a process's copy lets a reverse proxy or CDN keep it for one second
  (``s-maxage=1``), not a minute: a proxy purged at once could otherwise refill itself from a
  copy older than the purge;
- a request that asks for a checked copy (``Cache-Control: no-cache`` or ``max-age=0``, or
  ``Pragma: no-cache``: a reader pressing reload, and every fetch deploy/varnish.vcl makes) is
  always answered from Redis or built afresh.
"""

import re
import threading
import time

# Pages kept per process at most (the 500 most read addresses: a few MB). When full, the oldest
# copy makes room.
PROCESS_COPIES_LIMIT = 500
PROXY_SECONDS_OF_A_COPY = 1

_S_MAXAGE = re.compile(r"s-maxage=\d+")
_ASKS_FOR_A_CHECK = re.compile(r"no-cache|max-age=0\b")


def asks_for_a_checked_copy(request):
    meta = request.META
    return bool(
        _ASKS_FOR_A_CHECK.search(meta.get("HTTP_CACHE_CONTROL", ""))
        or "no-cache" in meta.get("HTTP_PRAGMA", "")
    )


def headers_of_a_copy(headers):
    """The kept page's headers, with proxies told to keep it for a second at most."""
    return [
        (name, _S_MAXAGE.sub(f"s-maxage={PROXY_SECONDS_OF_A_COPY}", value))
        if name.lower() == "cache-control"
        else (name, value)
        for name, value in headers
    ]


class ProcessCopies:
    """{page key: (status, content, headers)} of one generation, and when Redis last said that
    generation was current. Safe to share between a process's threads.

    A dict rather than Django's LocMemCache (which the fragments use): LocMemCache unpickles a
    page on every read (3 µs for a story page, against 59 µs for a whole hit served from here)
    and knows nothing of generations, so a new one could not drop every copy at once."""

    def __init__(self, limit=PROCESS_COPIES_LIMIT, clock=time.monotonic):
        self.limit = limit
        self.clock = clock
        self._lock = threading.Lock()
        self.forget()

    def find(self, key, trusted_seconds):
        if self.clock() - self._confirmed_at >= trusted_seconds:
            return None
        return self._pages.get(key)

    def confirm(self, generation):
        """Redis has just said ``generation`` is the current one."""
        with self._lock:
            if generation != self._generation:
                self._pages = {}
                self._generation = generation
            self._confirmed_at = self.clock()

    def keep(self, key, generation, kept):
        status, content, headers = kept
        with self._lock:
            if generation != self._generation:
                return
            if key not in self._pages and len(self._pages) >= self.limit:
                del self._pages[next(iter(self._pages))]
            self._pages[key] = (status, content, headers_of_a_copy(headers))

    def forget(self, **kwargs):
        with self._lock:
            self._pages = {}
            self._generation = None
            self._confirmed_at = float("-inf")


process_copies = ProcessCopies()
