"""Wagtail's PostgreSQL backend with Thai-aware analysis of indexed text and queries.

The database only splits on spaces (the ``simple`` configuration): segmentation, digit
folding and English stemming all happen in ``thai_search.analysis``, the same for both
databases.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F, IntegerField
from django.db.models.functions import Cast
from django.db.models.sql.subqueries import InsertQuery
from modelsearch.backends.database.postgres import postgres as stock
from modelsearch.utils import get_descendants_content_types_pks

from .. import analysis
from ..query import to_tree, to_tsquery
from .common import UserQueryMixin, handled_by_stock

CONFIG = "simple"


class ThaiObjectIndexer(stock.ObjectIndexer):
    def as_vector(self, texts, for_autocomplete=False):
        analysed = [
            (analysis.index_text(text, stem=not for_autocomplete), weight) for text, weight in texts
        ]
        return super().as_vector(analysed, for_autocomplete=for_autocomplete)


class ThaiPostgresIndex(stock.PostgresIndex):
    def add_items(self, model, objs):
        # Override of modelsearch's PostgresIndex.add_items, checked against modelsearch 1.3.2
        # (with Wagtail 8.0.1; tests/test_wagtail_overrides.py fails when it changes). Same as the
        # stock method except for the indexer class, which the stock code names directly;
        # title_text/body_text (fuzzy search) keep the original text.
        if not model.get_search_fields():
            return
        indexers = [ThaiObjectIndexer(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = stock.get_content_type_pk(model)
        compiler = InsertQuery(stock.IndexEntry).get_compiler(connection=self.write_connection)
        rows, params = [], []
        for indexer in indexers:
            row_sql = []
            params.extend((content_type_pk, indexer.id))
            for field_name in ("title", "autocomplete", "body"):
                value = compiler.prepare_value(
                    stock.IndexEntry._meta.get_field(field_name), getattr(indexer, field_name)
                )
                sql, value_params = value.as_sql(compiler, self.write_connection)
                row_sql.append(sql)
                params.extend(value_params)
            params.extend((indexer.title_text, indexer.body_text))
            rows.append(f"(%s, %s, {row_sql[0]}, {row_sql[1]}, {row_sql[2]}, 1.0, %s, %s)")
        table = stock.IndexEntry._meta.db_table
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body,
                                     title_norm, title_text, body_text)
                (VALUES {", ".join(rows)})
                ON CONFLICT (content_type_id, object_id)
                DO UPDATE SET title = EXCLUDED.title, title_norm = 1.0,
                              autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body,
                              title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text
                """,  # noqa: S608 - only placeholders and compiled expressions are interpolated
                params,
            )
        self._refresh_title_norms()


class ThaiQueryMixin(UserQueryMixin):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.tree = None
        if not handled_by_stock(self.query):
            self.tree = to_tree(self.query, self.AUTOCOMPLETE)

    def build_tsquery(self, query, config=None):
        tree = self.tree if query is self.query else to_tree(query, self.AUTOCOMPLETE)
        return SearchQuery(to_tsquery(tree), search_type="raw", config=CONFIG)

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        return SearchRank(vector, self.build_tsquery(query), weights=self.sql_weights) * boost

    def search(self, config, start, stop, score_field=None, backend=None):
        if handled_by_stock(self.query):
            return super().search(config, start, stop, score_field, backend)
        if self.tree is None:
            return self.queryset.none()
        return super().search(CONFIG, start, stop, score_field, backend)


class ThaiPostgresSearchQueryCompiler(ThaiQueryMixin, stock.PostgresSearchQueryCompiler):
    pass


class ThaiPostgresAutocompleteQueryCompiler(
    ThaiQueryMixin, stock.PostgresAutocompleteQueryCompiler
):
    AUTOCOMPLETE = True


class ThaiPostgresSearchBackend(stock.PostgresSearchBackend):
    query_compiler_class = ThaiPostgresSearchQueryCompiler
    autocomplete_query_compiler_class = ThaiPostgresAutocompleteQueryCompiler
    index_class = ThaiPostgresIndex

    def __init__(self, params):
        super().__init__(params)
        self.config = CONFIG
        self.autocomplete_config = CONFIG

    def count_up_to(self, results, limit):
        """How many objects ``results`` (a search) finds, counting no further than ``limit``.

        From the index's side: the entries matching the query, taken from the GIN index on
        ``title || body`` as they come, each looked up among the searched objects by primary
        key, until ``limit`` are found. The stock join goes the other way (every object, newest
        first, its entry read and tested): 0.6 s for a common word at 100,000 stories, against
        a few milliseconds here (docs/search.md).
        """
        compiler = results.query_compiler
        if compiler.tree is None:
            return results[:limit].count()
        queryset = compiler.queryset
        entries = (
            stock.IndexEntry.objects.filter(
                content_type_id__in=get_descendants_content_types_pks(queryset.model)
            )
            .annotate(_vector_=F("title")._combine(F("body"), "||", False))
            .filter(_vector_=compiler.build_tsquery(compiler.query))
            .annotate(_object_pk=Cast("object_id", IntegerField()))
            .filter(_object_pk__in=queryset.order_by().values("pk"))
        )
        return entries.values("pk")[:limit].count()
