"""Scheduled publishing never fails silently: /health/ and the dashboard report overdue stories."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from tests import roles_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from roles_world.module_newsroom(django_db_setup, django_db_blocker)


def schedule(page, minutes_from_now):
    page = Page.objects.get(pk=page.pk).specific
    page.go_live_at = timezone.now() + timedelta(minutes=minutes_from_now)
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.scheduled_revision is not None and not page.live
    return page


def pretend_schedule_passed(page, minutes):
    revision = Page.objects.get(pk=page.pk).specific.scheduled_revision
    past = timezone.now() - timedelta(minutes=minutes)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])


def test_health_is_ok_when_nothing_is_overdue(db, client, world):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_a_story_due_in_the_future_or_within_five_minutes_is_not_overdue(db, client, world):
    page = schedule(world.stories.same, minutes_from_now=60)
    assert client.get("/health/").status_code == 200
    pretend_schedule_passed(page, minutes=3)
    assert client.get("/health/").status_code == 200


def test_overdue_story_makes_health_503_and_shows_on_editors_dashboards(db, client, world):
    page = schedule(world.stories.own, minutes_from_now=60)
    pretend_schedule_passed(page, minutes=10)

    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"status": "overdue"}  # the title is still embargoed

    client.force_login(world.people.editor)
    body = client.get("/health/").json()
    assert [item["page_id"] for item in body["overdue_scheduled_publications"]] == [page.pk]
    assert body["overdue_scheduled_publications"][0]["title"] == page.title
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "editorial-overdue-heading" in dashboard and page.title in dashboard
    client.force_login(world.people.reporter)
    assert (
        "editorial-overdue-heading" not in client.get(reverse("wagtailadmin_home")).content.decode()
    )

    call_command("publish_scheduled", verbosity=0)
    assert Page.objects.get(pk=page.pk).live
    assert client.get("/health/").status_code == 200
