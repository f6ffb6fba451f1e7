"""A story's reading time is stored, counted when the story is saved.

It was counted on every render of the story page: Thai words are found with a dictionary (about
35 ms for a 7,600-character story, and about 2 s to load the dictionary on a process's first
count). The stories already stored are counted here, once: about as long as saving each of
them would take (35 ms for a long Thai story; 10,000 such stories about 6 minutes). A story
whose count is missing is counted when it is shown (``StoryPage.get_context``).
"""

from django.db import migrations, models

CHUNK = 500


def count_stored_stories(apps, schema_editor):
    from news.models.pages import story_reading_minutes

    StoryPage = apps.get_model("news", "StoryPage")
    stories = StoryPage.objects.filter(reading_minutes__isnull=True).only("summary", "body")
    changed = []
    for story in stories.iterator(chunk_size=CHUNK):
        story.reading_minutes = story_reading_minutes(story.summary, story.body.raw_data)
        changed.append(story)
        if len(changed) == CHUNK:
            StoryPage.objects.bulk_update(changed, ["reading_minutes"])
            changed = []
    StoryPage.objects.bulk_update(changed, ["reading_minutes"])


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0003_listing_index_covers_page_rows"),
    ]

    operations = [
        migrations.AddField(
            model_name="storypage",
            name="reading_minutes",
            field=models.PositiveSmallIntegerField(
                editable=False, null=True, verbose_name="reading time in minutes"
            ),
        ),
        migrations.RunPython(count_stored_stories, migrations.RunPython.noop, elidable=True),
    ]
