"""/health/ tells strangers only whether the site is healthy; details go to staff who may see
the stories (an overdue scheduled story is not live yet: its title is embargoed)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page

from tests import roles_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from roles_world.module_newsroom(django_db_setup, django_db_blocker)


@pytest.fixture
def overdue(world):
    """The youth reporter's story, approved for a time that passed ten minutes ago."""
    page = Page.objects.get(pk=world.stories.own.pk).specific
    page.go_live_at = timezone.now() + timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()
    past = timezone.now() - timedelta(minutes=10)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    return page


def test_strangers_learn_only_that_publishing_is_late(db, client, world, overdue):
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"status": "overdue"}
    body = response.content.decode()
    assert overdue.title not in body and str(overdue.pk) not in body


def test_strangers_get_a_minimal_ok(db, client, world):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.parametrize(
    ("person", "sees_details"),
    [("editor", True), ("chief", True), ("reporter", True), ("other_editor", False)],
)
def test_staff_see_the_overdue_stories_they_may_see(
    db, client, world, overdue, person, sees_details
):
    client.force_login(getattr(world.people, person))
    response = client.get("/health/")
    assert response.status_code == 503
    details = response.json().get("overdue_scheduled_publications", [])
    assert [item["title"] for item in details] == ([overdue.title] if sees_details else [])


@pytest.mark.parametrize(("person", "sees_title"), [("editor", True), ("other_editor", False)])
def test_the_dashboard_names_only_overdue_stories_the_editor_may_see(
    db, client, world, overdue, person, sees_title
):
    client.force_login(getattr(world.people, person))
    page = client.get("/admin/").content.decode()
    assert (overdue.title in page) is sees_title
