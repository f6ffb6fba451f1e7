"""The task queue: retries, recovery of a dead worker's tasks, what runs first, the staff report."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task

from background import leases
from background.retries import retry_delay
from background.status import queue_status
from background.worker import BackgroundWorker
from news.renditions import generate_story_renditions
from tests import roles_world

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_queue(settings):
    """Tasks are queued in the database, as in production, instead of running at once."""
    settings.TASKS = DATABASE_QUEUE
    settings.BACKGROUND_RETRY_DELAY = timedelta(0)


def run_queued_tasks(limit=None):
    """What a worker's loop does, in this process and this test's transaction: claim the first
    task due (django-tasks-db's order) and run it, until none is due. (The loop itself runs
    in real worker processes in tests/test_faults_worker.py.)"""
    worker = BackgroundWorker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=leases.worker_id(),
    )
    ran = []
    while limit is None or len(ran) < limit:
        result = DBTaskResult.objects.ready().first()
        if result is None:
            break
        result.claim(worker.worker_id)
        worker.run_task(result)
        ran.append(result.task_path)
    return ran


@task(takes_context=True)
def fails_twice_then_succeeds(context):
    if context.attempt < 3:
        raise ConnectionError(f"mail server away, attempt {context.attempt}")
    return context.attempt


@task()
def always_fails():
    raise ValueError("ไฟล์ภาพเสีย: the photo cannot be read")


def status_of(result):
    return DBTaskResult.objects.get(pk=result.id).status


def test_a_task_that_fails_is_retried_until_it_succeeds(db, database_queue):
    result = fails_twice_then_succeeds.enqueue()
    run_queued_tasks()
    stored = DBTaskResult.objects.get(pk=result.id)
    assert stored.status == TaskResultStatus.SUCCESSFUL
    assert stored.return_value == 3
    assert len(stored.worker_ids) == 3


def test_after_the_last_attempt_a_task_stays_failed_with_its_error(db, database_queue, settings):
    settings.BACKGROUND_MAX_ATTEMPTS = 3
    result = always_fails.enqueue()
    assert len(run_queued_tasks()) == 3
    stored = DBTaskResult.objects.get(pk=result.id)
    assert stored.status == TaskResultStatus.FAILED
    assert "ไฟล์ภาพเสีย" in stored.traceback
    assert queue_status()["failed"] == 1


def test_retries_wait_longer_each_time(db, database_queue, settings):
    settings.BACKGROUND_RETRY_DELAY = timedelta(seconds=30)
    assert [retry_delay(n).total_seconds() for n in (1, 2)] == [30, 60]
    result = always_fails.enqueue()
    before = timezone.now()
    run_queued_tasks()
    stored = DBTaskResult.objects.get(pk=result.id)
    assert stored.status == TaskResultStatus.READY, "waits for its retry"
    assert before + timedelta(seconds=29) < stored.run_after < before + timedelta(seconds=40)
    assert run_queued_tasks() == [], "not before its time"
    status = queue_status()
    assert (status["waiting"], status["failed"]) == (0, 0)


def running_task(worker, started_minutes_ago=1):
    result = always_fails.enqueue()
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING,
        worker_ids=[worker],
        started_at=timezone.now() - timedelta(minutes=started_minutes_ago),
    )
    return result


def unused_pid():
    pid = 4_000_000  # above Linux's largest pid
    assert not leases.worker_process_alive(pid)
    return pid


def test_a_dead_workers_task_on_this_host_is_queued_again(db, database_queue):
    orphan = running_task(leases.worker_id(unused_pid()))
    assert leases.requeue_abandoned() == 1
    assert status_of(orphan) == TaskResultStatus.READY


def test_a_process_that_is_not_a_worker_does_not_keep_a_task(db, database_queue):
    # This pytest process is alive, but it is not `manage.py run_worker`: the pid was reused.
    orphan = running_task(leases.worker_id())
    assert leases.requeue_abandoned(current_worker_id="elsewhere:1") == 1
    assert status_of(orphan) == TaskResultStatus.READY


def test_a_live_workers_own_task_is_left_alone_except_by_its_successor(db, database_queue):
    mine = running_task(leases.worker_id())
    assert leases.requeue_abandoned(current_worker_id=leases.worker_id()) == 0
    assert status_of(mine) == TaskResultStatus.RUNNING
    # A new worker with the same host:pid: the task can only be its dead predecessor's.
    assert leases.requeue_abandoned(current_worker_id=leases.worker_id(), starting=True) == 1
    assert status_of(mine) == TaskResultStatus.READY


def test_another_hosts_task_is_queued_again_only_after_its_lease(db, database_queue, settings):
    settings.BACKGROUND_LEASE = timedelta(minutes=30)
    young = running_task("other-host:12", started_minutes_ago=5)
    old = running_task("other-host:13", started_minutes_ago=31)
    assert leases.requeue_abandoned() == 1
    assert status_of(young) == TaskResultStatus.RUNNING
    assert status_of(old) == TaskResultStatus.READY


def test_a_cache_purge_queued_after_renditions_runs_first(db, database_queue):
    renditions = generate_story_renditions.enqueue(987654)
    purge = purge_urls_from_cache_task.enqueue(["http://localhost/th/"])
    ordinary = always_fails.enqueue()
    priorities = dict(DBTaskResult.objects.values_list("task_path", "priority"))
    assert priorities[renditions.task.module_path] < priorities[ordinary.task.module_path]
    assert run_queued_tasks(limit=1) == [purge.task.module_path]
    assert status_of(purge) == TaskResultStatus.SUCCESSFUL
    assert status_of(renditions) == TaskResultStatus.READY
    run_queued_tasks()
    assert status_of(renditions) == TaskResultStatus.SUCCESSFUL


def test_queue_status_counts_what_waits_and_for_how_long(db, database_queue):
    assert queue_status() == {
        "waiting": 0,
        "running": 0,
        "failed": 0,
        "oldest_waiting_seconds": 0,
    }
    first = always_fails.enqueue()
    always_fails.enqueue()
    DBTaskResult.objects.filter(pk=first.id).update(
        enqueued_at=timezone.now() - timedelta(minutes=10)
    )
    status = queue_status()
    assert status["waiting"] == 2
    assert 599 <= status["oldest_waiting_seconds"] <= 610


# --- The staff report (Reports → Background tasks) ---


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from roles_world.module_newsroom(django_db_setup, django_db_blocker)


def test_the_chief_sees_a_failed_task_with_its_error_in_thai_and_runs_it_again(
    db, client, world, database_queue
):
    result = always_fails.enqueue()
    run_queued_tasks()
    client.force_login(world.people.chief)
    report_url = reverse("background_task_report")
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert report_url in menu
    page = client.get(report_url).content.decode()
    assert "งานเบื้องหลัง" in page
    assert "always_fails" in page and "ไฟล์ภาพเสีย" in page
    response = client.post(reverse("background_run_task_again", args=[result.id]), follow=True)
    assert status_of(result) == TaskResultStatus.READY
    assert "ไม่มีงานที่ล้มเหลว" in response.content.decode()


@pytest.mark.parametrize("person", ["admin", "chief"])
def test_administrators_and_the_chief_may_open_the_report(db, client, world, person):
    client.force_login(getattr(world.people, person))
    assert client.get(reverse("background_task_report")).status_code == 200


@pytest.mark.parametrize("person", ["reporter", "editor"])
def test_reporters_and_network_editors_neither_see_nor_use_the_report(
    db, client, world, database_queue, person
):
    result = always_fails.enqueue()
    run_queued_tasks()
    client.force_login(getattr(world.people, person))
    assert (
        reverse("background_task_report")
        not in client.get(reverse("wagtailadmin_home")).content.decode()
    )
    # Wagtail's admin answers a refused page with a redirect to the dashboard.
    refused = client.get(reverse("background_task_report"))
    assert (refused.status_code, refused.url) == (302, reverse("wagtailadmin_home"))
    client.post(reverse("background_run_task_again", args=[result.id]))
    assert status_of(result) == TaskResultStatus.FAILED
