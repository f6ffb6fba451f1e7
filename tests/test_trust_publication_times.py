"""Only people who may publish a story decide when it goes out and when it comes down.

A reporter's go-live or expiry time is discarded, whatever the form posts, through every door:
creating, editing, any action of the edit form, restoring a revision; an editor's approval
"publish now" publishes now and plants no expiry; bulk publishing a reporter's draft publishes it
now. Editors keep scheduling.
"""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from wagtail.models import Page, WorkflowState

from tests import roles_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from roles_world.module_newsroom(django_db_setup, django_db_blocker)


def reporter_times():
    """A go-live time tomorrow and an expiry the day after, as the admin's widgets post them."""
    now = timezone.localtime()
    return {
        "go_live_at": (now + timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
        "expire_at": (now + timedelta(days=2)).strftime("%Y-%m-%d %H:%M"),
    }


def stored_times(page):
    """The times on the page row and in its latest revision: all must be empty."""
    page = Page.objects.get(pk=page.pk).specific
    content = page.get_latest_revision().content
    return {
        "row_go_live_at": page.go_live_at,
        "row_expire_at": page.expire_at,
        "revision_go_live_at": content.get("go_live_at"),
        "revision_expire_at": content.get("expire_at"),
    }


NO_TIMES = dict.fromkeys(
    ("row_go_live_at", "row_expire_at", "revision_go_live_at", "revision_expire_at")
)


def create_story(client, world, title, action="action-submit", **extra):
    return roles_world.reporter_adds_story(client, world, title, "สรุปข่าว", action, **extra)


def approve(client, world, page, **data):
    client.force_login(world.people.editor)
    state = WorkflowState.objects.for_instance(page).get(status="in_progress")
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "approve", state.current_task_state.pk],
    )
    return client.post(url, {"comment": "", **data})


def test_reporter_times_on_create_are_discarded_and_approval_publishes_now(db, client, world):
    page = create_story(client, world, "ข่าวเวลาของนักข่าว", **reporter_times())
    assert stored_times(page) == NO_TIMES

    approve(client, world, page)
    page = Page.objects.get(pk=page.pk).specific
    assert page.live, "publish now means now"
    assert page.expire_at is None, "no expiry the editor did not choose"
    assert page.scheduled_revision is None


def test_reporter_times_on_edit_and_submit_are_discarded(db, client, world):
    page = Page.objects.get(pk=world.stories.own.pk).specific
    client.force_login(world.people.reporter)
    for action in ({}, {"action-submit": "action-submit"}):
        client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            roles_world.story_form_data(page, **reporter_times(), **action),
        )
        assert stored_times(page) == NO_TIMES


def test_restoring_a_revision_keeps_the_times_a_publisher_set(db, client, world):
    page = Page.objects.get(pk=world.stories.same.pk).specific
    first_revision = page.revisions.order_by("created_at").first()
    # An editor plans an expiry on the draft ...
    client.force_login(world.people.editor)
    planned = (timezone.localtime() + timedelta(days=30)).replace(second=0, microsecond=0)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        roles_world.story_form_data(page, expire_at=planned.strftime("%Y-%m-%d %H:%M")),
    )
    assert stored_times(page)["revision_expire_at"] is not None
    # ... and its reporter restores an older revision, posting their own times.
    client.force_login(world.people.colleague)
    url = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, first_revision.pk])
    client.post(url, roles_world.story_form_data(page, **reporter_times()))
    times = stored_times(page)
    assert times["revision_go_live_at"] is None
    assert parse_datetime(times["revision_expire_at"]) == planned


def test_approving_from_the_edit_view_publishes_now(db, client, world):
    page = create_story(client, world, "ข่าวอนุมัติจากหน้าแก้ไข")
    # Times that reached the draft some other way (an older release stored them).
    revision = page.get_latest_revision()
    revision.content.update(
        go_live_at=(timezone.now() + timedelta(days=1)).isoformat(),
        expire_at=(timezone.now() + timedelta(days=2)).isoformat(),
    )
    revision.save(update_fields=["content"])
    client.force_login(world.people.editor)
    data = roles_world.story_form_data(
        Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object(),
        **{
            "action-workflow-action": "action-workflow-action",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": json.dumps({"comment": ""}),
        },
    )
    data.pop("go_live_at", None)
    data.pop("expire_at", None)
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    page = Page.objects.get(pk=page.pk).specific
    assert page.live and page.expire_at is None


def test_approval_replaces_times_a_draft_carried(db, client, world):
    page = create_story(client, world, "ข่าวร่างมีเวลาเก่า")
    revision = page.get_latest_revision()
    revision.content.update(expire_at=(timezone.now() + timedelta(days=2)).isoformat())
    revision.save(update_fields=["content"])
    approve(client, world, page)
    page = Page.objects.get(pk=page.pk).specific
    assert page.live and page.expire_at is None


def test_editor_schedules_publication_and_expiry_when_approving(db, client, world):
    page = create_story(client, world, "ข่าวบรรณาธิการตั้งเวลา")
    times = reporter_times()
    approve(client, world, page, **times)
    page = Page.objects.get(pk=page.pk).specific
    assert not page.live
    scheduled = page.scheduled_revision.as_object()
    assert (
        timezone.localtime(scheduled.go_live_at).strftime("%Y-%m-%d %H:%M") == times["go_live_at"]
    )
    assert timezone.localtime(scheduled.expire_at).strftime("%Y-%m-%d %H:%M") == times["expire_at"]


def test_approval_refuses_an_expiry_before_publication(db, client, world):
    page = create_story(client, world, "ข่าวหมดอายุก่อนเผยแพร่")
    times = reporter_times()
    approve(client, world, page, go_live_at=times["expire_at"], expire_at=times["go_live_at"])
    page = Page.objects.get(pk=page.pk).specific
    assert not page.live and page.scheduled_revision is None
    assert page.workflow_in_progress


def test_bulk_publishing_a_reporters_draft_publishes_now(db, client, world):
    page = Page.objects.get(pk=world.stories.own.pk).specific
    client.force_login(world.people.reporter)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        roles_world.story_form_data(page, **reporter_times()),
    )
    client.force_login(world.people.editor)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    client.post(f"{url}?id={page.pk}", {"include_descendants": False})
    page = Page.objects.get(pk=page.pk).specific
    assert page.live and page.expire_at is None


def test_editor_still_schedules_from_the_edit_form(db, client, world):
    page = Page.objects.get(pk=world.stories.same.pk).specific
    client.force_login(world.people.editor)
    times = reporter_times()
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        roles_world.story_form_data(page, **times, **{"action-publish": "action-publish"}),
    )
    page = Page.objects.get(pk=page.pk).specific
    assert not page.live and page.scheduled_revision is not None
    assert page.scheduled_revision.as_object().expire_at is not None


def test_reporter_is_told_in_thai_to_suggest_a_time_in_a_comment(db, client, world):
    client.force_login(world.people.reporter)
    html = client.get(
        reverse("wagtailadmin_pages:edit", args=[world.stories.own.pk])
    ).content.decode()
    assert 'name="go_live_at"' not in html and 'name="expire_at"' not in html
    assert "บรรณาธิการเป็นผู้กำหนดเวลาเผยแพร่" in html
    assert "ความคิดเห็น" in html

    client.force_login(world.people.editor)
    html = client.get(
        reverse("wagtailadmin_pages:edit", args=[world.stories.own.pk])
    ).content.decode()
    assert 'name="go_live_at"' in html and 'name="expire_at"' in html


def test_the_schedule_dialog_override_still_fits_wagtail(db, client, world):
    """core.publication_schedule replaces Wagtail 8.0.1's PublishingPanel, the first of
    Page.settings_panels, and keeps the dialog id the status panel's button opens."""
    from wagtail.admin.panels import PublishingPanel
    from wagtail.models import Page as WagtailPage

    from news.models import NewsPage

    assert WagtailPage.settings_panels[0].path == "wagtail.admin.panels.PublishingPanel"
    panels = NewsPage.get_edit_handler().children[-1].children
    assert isinstance(panels[0], PublishingPanel)
    client.force_login(world.people.reporter)
    html = client.get(
        reverse("wagtailadmin_pages:edit", args=[world.stories.own.pk])
    ).content.decode()
    assert 'id="schedule-publishing-dialog"' in html
    assert 'data-a11y-dialog-show="schedule-publishing-dialog"' in html
    assert 'data-publication-times="editor-only"' in html
