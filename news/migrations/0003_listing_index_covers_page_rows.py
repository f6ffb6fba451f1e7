"""The listing index also carries each story's ``path`` and content type (PostgreSQL).

A listing counts its stories and finds a page's keys from Wagtail's page table alone
(``news.models.filters.listing_rows``): live, language, story type, no private section
(which compares ``path``), newest first. With ``path`` and ``content_type_id`` in the index,
both are index-only scans; before, every entry read its table row too (at 100,000 stories the
count took 70-100 ms and page 5,000's keys 60 ms, bench/scale_bench.py). SQLite has no
``INCLUDE``: there the index stays as 0002 made it.
"""

from django.db import migrations

INDEX = "news_live_story_listing_order"
COLUMNS = "(locale_id, first_published_at DESC, id DESC)"


def _replace(schema_editor, include):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute(f"CREATE INDEX {INDEX} ON wagtailcore_page {COLUMNS}{include} WHERE live")


def cover(apps, schema_editor):
    _replace(schema_editor, " INCLUDE (path, content_type_id)")


def uncover(apps, schema_editor):
    _replace(schema_editor, "")


class Migration(migrations.Migration):
    dependencies = [("news", "0002_story_listing_indexes")]

    operations = [migrations.RunPython(cover, uncover)]
