"""The one way a change leaves the caches: ``invalidate(urls, pages)``.

It starts a new generation of the page cache (page_cache.generation) at once, so the process
that made the change (and a test inside its transaction) reads fresh pages; and once the
change's transaction commits (at once outside a transaction) it

1. starts another: a reader whose page was built between the first and the commit, from
   the data before the change, stored it under the first; now every page the app cached
   is stale, whichever page shows the change, and every page built from now on sees it;
2. asks the reverse proxies in ``WAGTAILFRONTENDCACHE`` (``FRONTEND_CACHE_PURGE_URLS``) to
   forget ``urls`` and ``pages``' addresses, with Wagtail's frontend-cache backends, in a
   thread of its own. Not through the task queue: a purge must reach the proxy within two
   seconds, and the worker may be busy for longer with a story's photo renditions. Pages
   the proxy keeps that are not in ``urls`` expire there within PAGE_CACHE_PROXY_SECONDS.

Which addresses show a story is distribution.invalidation's knowledge; the renditions
(news.renditions) and any other change call this same function.
"""

import atexit
import logging
import threading

from django.db import transaction
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends

from .generation import start_new_generation

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_pending_urls = set()
_purges = []
# A purge thread still talking to a proxy when the process ends (import_stories,
# publish_scheduled from cron) is given this long to finish.
EXIT_WAIT_SECONDS = 10


def invalidate(urls=(), pages=()):
    """Forget every cached page after the current transaction commits (see the module)."""
    batch = PurgeBatch()
    batch.add_urls(urls)
    batch.add_pages(pages)  # addresses computed now, while the pages are where they were
    with _lock:
        _pending_urls.update(batch.urls)
    start_new_generation()
    transaction.on_commit(_flush)


def _flush():
    # Several changes in one transaction queue several of these: the first takes every
    # address waiting, the others only start a generation (cheap). Addresses left waiting by a
    # rolled-back transaction go with the next commit: an extra purge, never a missed one.
    with _lock:
        urls = sorted(_pending_urls)
        _pending_urls.clear()
    start_new_generation()
    if urls and get_backends():
        thread = threading.Thread(target=_purge, args=(urls,), name="page-cache-purge", daemon=True)
        with _lock:
            _purges[:] = [purge for purge in _purges if purge.is_alive()] + [thread]
        thread.start()


def _purge(urls):
    try:
        purge_urls_from_cache_task.call(urls)
    except Exception:  # a proxy that fails must not take the process with it
        logger.exception("Purging %d addresses from the frontend cache failed", len(urls))


def wait_for_purges(timeout=EXIT_WAIT_SECONDS):
    """Wait until the purges started so far have been sent (tests; the end of a command)."""
    with _lock:
        running = list(_purges)
    for thread in running:
        thread.join(timeout)


atexit.register(wait_for_purges)
