"""An index of live pages in tree order, carrying what the sitemap asks of each (PostgreSQL).

The sitemap (distribution.sitemaps) counts the live pages under the language roots, asks for
their latest change and reads a part's keys in ``path`` order. At 100,000 stories each was a
sequential scan of the page table, and the last part a sort of all of it (50-120 ms a query,
bench/scale_bench.py); with this partial index they are index-only scans, and the last part
reads its keys backwards from the end. SQLite has no ``INCLUDE``: nothing is made there.
"""

from django.db import migrations

INDEX = "distribution_live_pages_by_path"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (path) "
            "INCLUDE (depth, content_type_id, last_published_at) WHERE live"
        )


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("wagtailcore", "0098_apitoken")]

    operations = [migrations.RunPython(create, drop)]
