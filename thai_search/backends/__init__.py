"""``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "thai_search.backends"}}``.

Picks the Thai-aware subclass of Wagtail's database backend for the default database, the way
``wagtail.search.backends.database`` picks the stock one.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db import connection


def SearchBackend(params):  # noqa: N802 - Wagtail looks this name up
    if connection.vendor == "postgresql":
        from .postgres import ThaiPostgresSearchBackend

        return ThaiPostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        from .sqlite import ThaiSQLiteSearchBackend

        return ThaiSQLiteSearchBackend(params)
    raise ImproperlyConfigured(
        f"Thai search supports PostgreSQL and SQLite, not {connection.vendor}. "
        "See docs/search.md for Elasticsearch/OpenSearch."
    )
