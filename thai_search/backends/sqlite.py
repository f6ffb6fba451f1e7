"""Wagtail's SQLite FTS5 backend with Thai-aware analysis of indexed text and queries.

FTS5's tokenizer splits Thai at every vowel and tone mark; the analyzer hands it only tokens
made of ASCII letters and digits (``thai_search.analysis.encode``), which it keeps whole.
"""

from django.db.models import Value
from modelsearch.backends.database.sqlite import query as stock_query
from modelsearch.backends.database.sqlite import sqlite as stock
from wagtail.search.index import AutocompleteField, RelatedFields

from .. import analysis
from ..query import to_fts5, to_tree
from .common import UserQueryMixin, handled_by_stock

# A token no text is ever indexed with (see analysis.encode): the FTS5 way to match nothing.
MATCH_NOTHING = f'"{analysis.STREAM_BREAK}nothing"'


class ThaiObjectIndexer(stock.ObjectIndexer):
    def prepare_field(self, obj, field):
        if isinstance(field, RelatedFields):
            # The stock code recurses through self.prepare_field: analysed once, down there.
            yield from super().prepare_field(obj, field)
            return
        stem = not isinstance(field, AutocompleteField)
        for current_field, value in super().prepare_field(obj, field):
            yield current_field, analysis.index_text(value, stem=stem)


class ThaiSQLiteIndex(stock.SQLiteIndex):
    def add_items(self, model, objs):
        # Override of modelsearch's SQLiteIndex.add_items, checked against modelsearch 1.3.2 (with
        # Wagtail 8.0.1; tests/test_wagtail_overrides.py fails when it changes). Same as the stock
        # method except for the indexer class, which the stock code names directly.
        if not model.get_search_fields():
            return
        indexers = [ThaiObjectIndexer(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = stock.get_content_type_pk(model)
        data = {
            indexer.id: (indexer.title, indexer.autocomplete, indexer.body) for indexer in indexers
        }
        entries = self.entries.filter(content_type_id=content_type_pk)
        existing = set(entries.filter(object_id__in=data).values_list("object_id", flat=True))
        for object_id in existing:
            title, autocomplete, body = data[object_id]
            entries.filter(object_id=object_id).update(
                title=title, autocomplete=autocomplete, body=body
            )
        self.entries.bulk_create(
            stock.IndexEntry(
                content_type_id=content_type_pk,
                object_id=object_id,
                title=title,
                autocomplete=autocomplete,
                body=body,
            )
            for object_id, (title, autocomplete, body) in data.items()
            if object_id not in existing
        )
        self._refresh_title_norms()


class RawMatch(stock_query.LexemeCombinable, Value):
    """An FTS5 expression built by thai_search.query; its tokens are [a-z0-9] only."""

    _output_field = stock_query.SearchQueryField()

    def as_sql(self, compiler, connection):
        return "%s", [self.value]


class ThaiSQLiteQueryMixin(UserQueryMixin):
    def build_search_query_content(self, query, config=None):
        if isinstance(query, stock_query.AndNot):
            return super().build_search_query_content(query, config=config)
        tree = to_tree(query, self.AUTOCOMPLETE)
        expression = to_fts5(tree) if tree is not None else MATCH_NOTHING
        return stock_query.SearchQueryExpression(RawMatch(expression))

    def search(self, config, start, stop, score_field=None):
        if not handled_by_stock(self.query) and to_tree(self.query, self.AUTOCOMPLETE) is None:
            return self.queryset.none()
        return super().search(config, start, stop, score_field)


class ThaiSQLiteSearchQueryCompiler(ThaiSQLiteQueryMixin, stock.SQLiteSearchQueryCompiler):
    pass


class ThaiSQLiteAutocompleteQueryCompiler(
    ThaiSQLiteQueryMixin, stock.SQLiteAutocompleteQueryCompiler
):
    AUTOCOMPLETE = True


class ThaiSQLiteSearchBackend(stock.SQLiteSearchBackend):
    query_compiler_class = ThaiSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = ThaiSQLiteAutocompleteQueryCompiler
    index_class = ThaiSQLiteIndex

    def count_up_to(self, results, limit):
        """How many objects ``results`` finds, at most ``limit`` (SQLite counts them all)."""
        return results[:limit].count()
