"""Local-wisdom stories without the holder's recorded consent wait on the editors' dashboard."""

import pytest
from django.urls import reverse

from demo import factories
from tests import roles_world

HEADING = "editorial-missing-consent-heading"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from roles_world.module_newsroom(django_db_setup, django_db_blocker)


def dashboard(client, user):
    client.force_login(user)
    return client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_story_without_consent_is_listed_for_its_networks_editors_until_recorded(
    db, client, world
):
    story = roles_world.story(
        world.section,
        world.people.reporter,
        [world.youth],
        "ยาสมุนไพรของยายแก้ว",
        live=True,
        factory=factories.LocalWisdomPageFactory,
    )

    for person in (world.people.editor, world.people.chief):
        page = dashboard(client, person)
        assert HEADING in page and story.title in page
    assert HEADING not in dashboard(client, world.people.other_editor)
    assert HEADING not in dashboard(client, world.people.reporter)

    story.consent_given_by, story.consent_method = "ยายแก้ว", "verbal"
    story.save_revision().publish()

    assert HEADING not in dashboard(client, world.people.editor)


def test_nothing_is_shown_when_every_story_records_consent(db, client, world):
    roles_world.story(
        world.section,
        world.people.reporter,
        [world.youth],
        "ผ้าไหมย้อมมะเกลือ",
        live=True,
        factory=lambda **fields: factories.LocalWisdomPageFactory(
            consent_given_by="แม่บุญมี", consent_method="written", **fields
        ),
    )
    assert HEADING not in dashboard(client, world.people.editor)
