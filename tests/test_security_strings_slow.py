"""The cross product of strings × fields: every hostile string fills every field of a story of
its own (title, summary, paragraphs typed and pasted, headings, quotes, captions, fact box,
audio title, image texts, tags, corrections, topic, reporter, network), and goes through the
doors that store or look up text (a reader's search, the listing's and the API's parameters,
the import file, the admin story form).

Each story is read back through the channels that show it alone (its page with JSON-LD and
Open Graph, one of its listings in turn, its network's RSS feed and its API entry) and, in
turn, one of the costlier ones (Atom, podcast, its admin edit page); each string goes through
the search door and, in turn, one of the other doors. Every family meets every channel and door
(its strings take them in turn), and the channels that list every story (home, listings,
site feeds, sitemaps, search results) are read once the family is in. The default tier
(test_security_strings.py) already sends each string through one door and out through every
channel. Marked ``slow``: `make test-slow`, run by .ci/run, not by `make test`.
"""

import tempfile

import pytest
from django.core import mail

from tests.hostile_strings import FAMILIES
from tests.story_helpers import module_data
from tests.test_security_strings import (
    API_PARAMETERS,
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

OTHER_DOORS = ("listing", "api", "import", "admin")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with module_data(django_db_blocker):
        yield build_world()


def check_door_in_turn(client, world, text, network, import_dir, turn):
    door = OTHER_DOORS[turn % len(OTHER_DOORS)]
    if door == "listing":
        check_listing_door(client, world, text)
    elif door == "api":
        for parameter_turn in range(turn, turn + len(API_PARAMETERS), len(OTHER_DOORS)):
            check_api_door(client, text, turn=parameter_turn)
    elif door == "import":
        check_import_door(world, text, network, import_dir)
    else:
        check_admin_page_door(client, world, text, network)
    return door


@pytest.mark.parametrize("family", list(FAMILIES))
def test_every_string_in_every_field_through_the_doors_and_channels(
    db, client, world, caplog, family
):
    texts = list(dict.fromkeys(FAMILIES[family]))
    world.stories.clear()
    world.channels.clear()
    mail.outbox.clear()
    batch = [
        {slot: (text, max_length) for slot, _kind, max_length in STORY_SLOTS} for text in texts
    ]
    stories = hostile_stories(world, batch)
    check_emails(world, caplog)
    doors = set()
    with tempfile.TemporaryDirectory() as import_dir:
        for turn, (text, story, (_story, _strings, value)) in enumerate(
            zip(texts, stories, world.stories, strict=True)
        ):
            check_story_channels(client, world, story, value, costly_in_turn=True)
            check_search_door(client, text, turn=turn)
            network = story.networks.get()
            doors.add(check_door_in_turn(client, world, text, network, import_dir, turn))
    check_site_channels(client, world)
    assert world.channels == set(CHANNELS)
    assert doors == set(OTHER_DOORS)


def test_raw_html_of_every_string_reaches_readers_cleaned(db, client, world):
    texts = [text for family in FAMILIES.values() for text in family]
    check_raw_html_channels(client, raw_html_story(world, list(dict.fromkeys(texts))))
