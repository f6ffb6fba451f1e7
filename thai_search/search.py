"""Story search for every caller (reader page, API): one function, the configured backend."""

from contextlib import contextmanager

from django.db import OperationalError, connection, transaction
from wagtail.search.backends import get_search_backend

from networks.models import Network
from news.models import StoryPage, Topic
from news.models.filters import filter_by_story_pk, known_filters

from .query import to_tree

MAX_QUERY_LENGTH = 200
# A reader's search never holds a database connection longer than this.
TIME_LIMIT_MS = 1000


class SearchTooSlow(Exception):
    """The database gave up on a search (a very common word over a very large index)."""


@contextmanager
def time_limited(milliseconds=None):
    """Evaluate search results inside this block: on PostgreSQL, past the limit the query is
    cancelled and SearchTooSlow raised, so the reader gets an answer instead of a wait."""
    if connection.vendor != "postgresql":
        yield
        return
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                limit = int(milliseconds or TIME_LIMIT_MS)
                cursor.execute("SET LOCAL statement_timeout = %s", [limit])
            yield
    except OperationalError as error:
        if "statement timeout" not in str(error):
            raise
        raise SearchTooSlow from error


def is_searchable(query):
    """False when nothing in the query can match anything (only punctuation, emoji...)."""
    return bool(query and query.strip()) and to_tree(query) is not None


def search_stories(query, locale=None, filters=None, operator="and"):
    """Published stories matching what a reader typed, best match first.

    ``filters`` are a listing's raw values by name (``{"type": "news", "topic": "health"}``,
    news.models.filters.FILTER_NAMES), checked and applied by the listings' own filter, so a
    search within a listing finds only that listing's stories; an unknown value finds nothing
    rather than an error. Quotes mark a phrase; several words must all match.
    """
    filters = known_filters(filters or {})
    if filters is None:
        return []
    # Narrowed by primary key: the search backends accept a filter only on a field
    # search_fields declares, and the listing's joins are not such fields.
    stories = filter_by_story_pk(StoryPage.objects.published(locale), filters)
    if not is_searchable(query):
        return []
    return get_search_backend().search(query, stories, operator=operator)


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
