"""Indexes for listings at 100,000 stories (bench/scale_bench.py, docs/performance.md).

Every listing, feed and the API read live stories of one language newest first
(``StoryPage.objects.published``: ``live``, ``locale_id``, ``ORDER BY first_published_at DESC,
id DESC``). Wagtail indexes none of these together, so PostgreSQL read and sorted every story of
the language for each page (EXPLAIN: a bitmap scan of the locale index and a top-N sort over
75,000 rows). This partial index on Wagtail's page table answers the first page by reading 12
entries and a count with an index-only scan. The district, filtered by listings, had no index.

Every reader page's menu asks for the home page's children (``depth = 3 AND path BETWEEN ...``,
Wagtail's ``get_children``): with only Wagtail's index on ``path`` PostgreSQL read the whole
page table (130 ms at 100,000 stories, a sequential scan in EXPLAIN). An index on
``(depth, path)`` finds any page's children directly.

SQLite takes the same statements (partial and descending indexes).
"""

from django.db import migrations, models

LISTING_INDEX = "news_live_story_listing_order"
CHILDREN_INDEX = "news_page_children_by_depth_path"


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial"), ("wagtailcore", "0098_apitoken")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {LISTING_INDEX} ON wagtailcore_page "
            "(locale_id, first_published_at DESC, id DESC) WHERE live",
            f"DROP INDEX IF EXISTS {LISTING_INDEX}",
        ),
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {CHILDREN_INDEX} ON wagtailcore_page (depth, path)",
            f"DROP INDEX IF EXISTS {CHILDREN_INDEX}",
        ),
        migrations.AddIndex(
            model_name="storypage",
            index=models.Index(fields=["district"], name="news_story_district_idx"),
        ),
    ]
