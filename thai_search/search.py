"""Story search for every caller (reader page, API): one function, the configured backend."""

from contextlib import contextmanager

from django.db import OperationalError, connection, transaction
from wagtail.search.backends import get_search_backend

from networks.models import Network
from news.models import StoryPage, Topic
from news.models.filters import filter_by_story_pk, known_filters

from .query import to_tree

MAX_QUERY_LENGTH = 200
# A reader's search ranks at most this many matching stories by relevance. A search matching
# more (a very common word on a large site) lists the newest of them first, this many at most,
# and says that there are more: ranking every match of a word found in half of 100,000 stories
# took over a second on PostgreSQL; counting up to this many reads that many index entries
# (docs/search.md, "At 100,000 stories").
RANKED_MATCHES = 200
# A reader's search never holds a database connection longer than this.
TIME_LIMIT_MS = 1000


class SearchTooSlow(Exception):
    """The database gave up on a search (a very common word over a very large index)."""


_SET_LOCAL_TIME_LIMIT = "SELECT set_config('statement_timeout', %s, true)"


@contextmanager
def time_limited(milliseconds=None):
    """Evaluate search results inside this block: on PostgreSQL, past the limit the query is
    cancelled and SearchTooSlow raised, so the reader gets an answer instead of a wait."""
    if connection.vendor != "postgresql":
        yield
        return
    # Inside a caller's transaction the block is a savepoint, and releasing a savepoint keeps
    # its local setting until that transaction ends: the limit is put back by hand there.
    # (set_config, since SET takes no bound parameters.)
    nested = connection.in_atomic_block
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                if nested:
                    cursor.execute("SHOW statement_timeout")
                    (previous_limit,) = cursor.fetchone()
                limit = int(milliseconds or TIME_LIMIT_MS)
                cursor.execute(_SET_LOCAL_TIME_LIMIT, [str(limit)])
            yield
            if nested:
                with connection.cursor() as cursor:
                    cursor.execute(_SET_LOCAL_TIME_LIMIT, [previous_limit])
    except OperationalError as error:
        if "statement timeout" not in str(error):
            raise
        raise SearchTooSlow from error


def is_searchable(query):
    """False when nothing in the query can match anything (only punctuation, emoji...)."""
    return bool(query and query.strip()) and to_tree(query) is not None


class StorySearchResults:
    """What ``search_stories`` finds: a Paginator takes it like a queryset (``count()``,
    slices). ``more`` is True when more stories match than ``RANKED_MATCHES``; then the count
    is that limit and the newest matches come first."""

    def __init__(self, query, stories, operator):
        backend = get_search_backend()
        self._ranked = backend.search(query, stories, operator=operator)
        # The listings' order, spelled with the fields Page.search_fields lets a search sort by.
        newest = stories.order_by("-first_published_at", "-id")
        self._newest = backend.search(query, newest, operator=operator, order_by_relevance=False)
        self._count = None
        self.more = False

    def count(self):
        if self._count is None:
            found = _count_up_to(self._newest, RANKED_MATCHES + 1)
            self.more = found > RANKED_MATCHES
            self._count = min(found, RANKED_MATCHES)
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        self.count()
        return (self._newest if self.more else self._ranked)[key]

    def __iter__(self):
        return iter(self[: self.count()])


def _count_up_to(results, limit):
    """How many results, counting no further than ``limit`` (the backend's ``count_up_to``:
    on PostgreSQL a COUNT over a LIMITed subquery); other backends count them all."""
    backend = get_search_backend()
    if hasattr(backend, "count_up_to"):
        return backend.count_up_to(results, limit)
    return results[:limit].count()


def search_stories(query, locale=None, filters=None, operator="and"):
    """Published stories matching what a reader typed, best match first.

    ``filters`` are a listing's raw values by name (``{"type": "news", "topic": "health"}``,
    news.models.filters.FILTER_NAMES), checked and applied by the listings' own filter, so a
    search within a listing finds only that listing's stories; an unknown value finds nothing
    rather than an error. Quotes mark a phrase; several words must all match. At most
    ``RANKED_MATCHES`` stories are ranked by relevance (``StorySearchResults``).
    """
    filters = known_filters(filters or {})
    if filters is None:
        return []
    stories = StoryPage.objects.published(locale)
    if filters:
        # Narrowed by primary key: the search backends accept a filter only on a field
        # search_fields declares, and the listing's joins are not such fields.
        stories = filter_by_story_pk(stories, filters)
    if not is_searchable(query):
        return []
    return StorySearchResults(query, stories, operator)


def suggestions(query, limit=5):
    """Topics and networks whose names start like a word of the query, for an empty result."""
    backend = get_search_backend()
    found = []
    for model in (Network, Topic):
        words = [word for word in query.split() if is_searchable(word)] or [query]
        for word in words:
            if is_searchable(word):
                found.extend(backend.autocomplete(word, model, operator="or")[:limit])
    return list(dict.fromkeys(found))[:limit]
