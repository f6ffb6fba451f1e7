"""Submit → network-editor review → published, through the admin, with its emails."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, WorkflowState

from tests import roles_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from roles_world.module_newsroom(django_db_setup, django_db_blocker)


def create_and_submit(client, world, title="ข่าวตลาดนัดชุมชน"):
    return roles_world.reporter_adds_story(client, world, title, "ตลาดนัดชุมชนเปิดทุกวันเสาร์")


def task_state_of(page):
    return WorkflowState.objects.for_instance(page).get(status="in_progress").current_task_state


def act(client, user, page, action, **data):
    client.force_login(user)
    task_state = WorkflowState.objects.for_instance(page).filter(status="in_progress").first()
    task_state = task_state.current_task_state if task_state else None
    if task_state is None:
        return None
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, data)


def pretend_schedule_passed(page, minutes):
    """Moves the approved publish time into the past, as if the clock had run on."""
    revision = Page.objects.get(pk=page.pk).specific.scheduled_revision
    past = timezone.now() - timedelta(minutes=minutes)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    return revision


def recipients():
    return {address for message in mail.outbox for address in message.to}


def test_submission_emails_the_story_networks_editors_only(db, client, world):
    mail.outbox.clear()
    page = create_and_submit(client, world)
    assert page.workflow_in_progress
    assert page.owner == world.people.reporter
    assert not page.live
    assert "editor_youth@example.org" in recipients()
    assert "editor_elderly@example.org" not in recipients()


def test_reporters_and_other_networks_editors_cannot_decide(db, client, world):
    page = create_and_submit(client, world)
    for user in (world.people.reporter, world.people.colleague, world.people.other_editor):
        act(client, user, page, "approve", comment="")
        page.refresh_from_db()
        assert page.workflow_in_progress and not page.live


def test_request_changes_needs_a_comment_the_reporter_then_sees(db, client, world):
    page = create_and_submit(client, world)
    act(client, world.people.editor, page, "reject", comment="")
    assert Page.objects.get(pk=page.pk).specific.current_workflow_state.status == "in_progress"

    mail.outbox.clear()
    act(client, world.people.editor, page, "reject", comment="ขอรูปประกอบเพิ่ม")
    state = WorkflowState.objects.for_instance(page).get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    to_reporter = [m for m in mail.outbox if "reporter_youth@example.org" in m.to]
    assert to_reporter and "ขอรูปประกอบเพิ่ม" in to_reporter[0].body

    client.force_login(world.people.reporter)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "ขอรูปประกอบเพิ่ม" in dashboard
    assert 'data-story-state="changes_requested"' in dashboard


def test_editor_sees_the_queue_and_a_story_tagged_twice_is_reviewable_by_both(db, client, world):
    page = create_and_submit(client, world, title="ข่าวสองเครือข่ายใหม่")
    # the reporter tags a second network while the story waits for review
    page.networks.set([world.youth, world.elderly])
    page.save()
    page.save_revision(user=world.people.reporter)
    for editor in (world.people.editor, world.people.other_editor):
        client.force_login(editor)
        dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
        assert "ข่าวสองเครือข่ายใหม่" in dashboard
    act(client, world.people.other_editor, page, "approve", comment="")
    assert Page.objects.get(pk=page.pk).live


def test_approve_now_publishes_and_emails_the_reporter(db, client, world):
    page = create_and_submit(client, world)
    mail.outbox.clear()
    act(client, world.people.editor, page, "approve", comment="ดีมาก")
    assert Page.objects.get(pk=page.pk).live
    assert "reporter_youth@example.org" in recipients()


def test_scheduled_approval_goes_live_with_publish_scheduled_and_edits_are_refused(
    db, client, world
):
    from django.core.management import call_command

    page = create_and_submit(client, world, title="ข่าวตั้งเวลา")
    go_live = timezone.localtime() + timedelta(hours=2)
    act(
        client,
        world.people.editor,
        page,
        "approve",
        comment="",
        go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
    )
    page = Page.objects.get(pk=page.pk).specific
    assert not page.live
    assert page.scheduled_revision is not None, mail.outbox and mail.outbox[-1].body

    # After approval the story is locked until it goes live: a reporter's edit is refused
    # (Wagtail locks scheduled pages; only someone who may publish can cancel the schedule).
    revisions_before = page.revisions.count()
    client.force_login(world.people.reporter)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        roles_world.story_form_data(page, title="ข่าวตั้งเวลา แก้ไขหลังอนุมัติ"),
    )
    assert page.revisions.count() == revisions_before

    # Time passes: the scheduled time is now ten minutes ago.
    pretend_schedule_passed(page, minutes=10)
    mail.outbox.clear()
    call_command("publish_scheduled", verbosity=0)
    page = Page.objects.get(pk=page.pk).specific
    assert page.live
    assert page.title == "ข่าวตั้งเวลา"
    assert {"reporter_youth@example.org", "editor_youth@example.org"} <= recipients()
