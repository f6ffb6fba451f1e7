"""The page cache's generation: every cached page is stored under the generation current when
its request began, so starting a new generation makes every cached page stale at once.

Any change a reader could see starts one (page_cache.purging.invalidate, after the change's
transaction commits). The alternative, deleting the set of keys that show a story, would have
to know every page that shows it (related stories, strips, feeds, the API with any query
string); one counter is right through every door, and costs one fresh render per address
read after a change, which for a newsroom publishing a few stories an hour is nothing.
"""

import logging
import secrets

from django.core.cache import cache

from .process_copies import process_copies

GENERATION_KEY = "page_cache:generation"

logger = logging.getLogger(__name__)


def _new_token():
    return secrets.token_hex(6)


def current_generation():
    """The generation to read and store pages under, or None when the cache does not answer
    (then pages are served uncached)."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        token = _new_token()
        # add(): two processes starting at once agree on one generation.
        generation = token if cache.add(GENERATION_KEY, token, timeout=None) else None
        if generation is None:
            generation = cache.get(GENERATION_KEY)
    return generation


def start_new_generation(**kwargs):
    """Every page cached so far is stale from now on (also core.cache.cache_recovered's
    receiver: a change published while Redis was down could not say so). This process's own
    copies go at once; other processes' within PAGE_CACHE_PROCESS_SECONDS."""
    process_copies.forget()
    try:
        cache.set(GENERATION_KEY, _new_token(), timeout=None)
    except Exception:  # a cache that raises (not core.cache's) must not undo a publication
        logger.warning("Page cache unavailable: no new generation", exc_info=True)
