"""An index on Wagtail's ``url_path``, which core.page_routing finds every page by.

Routing reads, in one query, the pages an address passes through (``url_path IN (...)``) and
the live homes and sections (``depth IN (2, 3)``). Wagtail indexes no ``url_path``, so at
100,000 stories PostgreSQL read the whole page table for every page served (EXPLAIN: a
sequential scan, 50 ms, bench/scale_bench.py); with this index the two conditions are two
index scans (0.1 ms). On PostgreSQL a hash index: a B-tree entry cannot exceed about 2.7 kB,
and a deep Thai address (three bytes a letter) may. SQLite's B-tree has no such limit.
"""

from django.db import migrations

INDEX = "core_page_url_path"


def create(apps, schema_editor):
    method = "USING hash " if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page {method}(url_path)")


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("wagtailcore", "0098_apitoken")]

    operations = [migrations.RunPython(create, drop)]
