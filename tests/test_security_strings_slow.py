"""The full cross product: every hostile string in every field, out through every channel.

The default tier (test_security_strings.py) puts each string in one field; here each string
fills every field of its own story (title, summary, paragraphs, blocks, image texts, tags,
topic, reporter, network) and goes through every door (the admin form, the import, search,
listing and API parameters), and every channel of that story is read back. Marked ``slow``:
`make test-slow`, run by .ci/run, not by `make test`.
"""

import tempfile

import pytest
from django.core import mail

from tests.hostile_strings import FAMILIES
from tests.story_helpers import module_data
from tests.test_security_strings import (
    CHANNELS,
    STORY_SLOTS,
    build_world,
    check_admin_page_door,
    check_api_door,
    check_emails,
    check_import_door,
    check_listing_door,
    check_raw_html_channels,
    check_search_door,
    check_site_channels,
    check_story_channels,
    hostile_stories,
    raw_html_story,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with module_data(django_db_blocker):
        yield build_world()


@pytest.mark.parametrize("family", list(FAMILIES))
def test_every_string_in_every_field_through_every_channel(db, client, world, caplog, family):
    texts = list(dict.fromkeys(FAMILIES[family]))
    world.stories.clear()
    mail.outbox.clear()
    batch = [
        {slot: (text, max_length) for slot, _kind, max_length in STORY_SLOTS} for text in texts
    ]
    stories = hostile_stories(world, batch)
    check_emails(world, caplog)
    with tempfile.TemporaryDirectory() as import_dir:
        for text, story, (_story, _strings, value) in zip(
            texts, stories, world.stories, strict=True
        ):
            check_story_channels(client, world, story, value, full=True)
            network = story.networks.get()
            check_search_door(client, text)
            check_listing_door(client, world, text)
            check_api_door(client, text)
            check_import_door(world, text, network, import_dir)
            check_admin_page_door(client, world, text, network)
    check_site_channels(client, world)
    assert world.channels == set(CHANNELS)


def test_raw_html_of_every_string_reaches_readers_cleaned(db, client, world):
    texts = [text for family in FAMILIES.values() for text in family]
    check_raw_html_channels(client, raw_html_story(world, list(dict.fromkeys(texts))))
