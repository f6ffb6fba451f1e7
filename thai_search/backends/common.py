"""What the PostgreSQL and SQLite backends share: how a reader's query is taken in."""

from wagtail.search.query import Fuzzy, MatchAll
from wagtail.search.query import Not as NotQuery

from ..query import parse_user_query


def handled_by_stock(query):
    """Match-all and fuzzy (trigram over the original text) queries need no analysis."""
    return isinstance(query, (MatchAll, Fuzzy)) or (
        isinstance(query, NotQuery) and isinstance(query.subquery, MatchAll)
    )


class UserQueryMixin:
    AUTOCOMPLETE = False

    def __init__(self, queryset, query, fields=None, operator=None, **kwargs):
        if isinstance(query, str):
            # Quotes mean a phrase wherever search() is called with what a reader typed.
            query = parse_user_query(query, operator or "and")
        # The index keeps one analysed text per entry, not per field: a search limited to
        # some fields (the snippet listing passes its own list) searches the whole entry.
        super().__init__(queryset, query, fields=None, operator=operator, **kwargs)
