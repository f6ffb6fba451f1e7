"""A GIN index on the expression Wagtail's PostgreSQL backend searches (title || body).

Wagtail's own migrations index title and body apart, so every search scanned the whole table
(2.1 s at 20,000 stories in bench/search_bench.py). Nothing happens on SQLite.
"""

from django.db import migrations

INDEX = "thai_search_indexentry_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry "
            "USING gin ((title || body))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create_index, drop_index)]
