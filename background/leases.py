"""Tasks left RUNNING by a worker that died go back to READY.

django-tasks-db marks a task RUNNING when a worker claims it and never looks at it again; if
that worker is killed (out of memory, a deploy, a power cut) the task would wait forever. Every
worker is named ``host:pid`` (worker_id()); at start and then periodically it puts back every
RUNNING task whose worker on this host is gone, or that has run longer than BACKGROUND_LEASE
(which covers workers on other hosts, and hung ones). Tasks are idempotent: a task run twice
does no harm, a task never run loses work.
"""

import logging
import os
import socket
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

# django-tasks-db refuses worker ids of 64 characters or more.
_MAX_HOST_LENGTH = 50
_PROC = Path("/proc")
WORKER_COMMAND = b"run_worker"


def this_host():
    return socket.gethostname()[:_MAX_HOST_LENGTH]


def worker_id(pid=None):
    return f"{this_host()}:{pid or os.getpid()}"


def worker_process_alive(pid):
    """Whether a worker process with this pid still runs on this host.

    With /proc, a zombie (killed, not yet reaped) or a reused pid that is not a worker counts as
    gone; elsewhere, any process with the pid counts as alive and the lease decides.
    """
    if not (_PROC / "self").exists():
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    try:
        stat = (_PROC / str(pid) / "stat").read_text()
        command_line = (_PROC / str(pid) / "cmdline").read_bytes()
    except (FileNotFoundError, ProcessLookupError):
        return False
    state = stat.rpartition(")")[2].split()[0]
    return state != "Z" and WORKER_COMMAND in command_line


def _claimed_by(result):
    return result.worker_ids[-1] if result.worker_ids else ""


def is_abandoned(result, *, now, current_worker_id=None, starting=False):
    """Whether a RUNNING task has no worker left to finish it.

    ``current_worker_id`` is the asking worker: the tasks it claimed are its own and alive,
    unless it is ``starting``, when they can only be a dead predecessor's with the same pid.
    """
    claimed_by = _claimed_by(result)
    if current_worker_id and claimed_by == current_worker_id:
        return starting
    if result.started_at and result.started_at + settings.BACKGROUND_LEASE < now:
        return True
    host, _, pid = claimed_by.rpartition(":")
    if host != this_host() or not pid.isdigit():
        return False
    return not worker_process_alive(int(pid))


def requeue_abandoned(*, current_worker_id=None, starting=False):
    """Put every abandoned RUNNING task back to READY; returns how many."""
    now = timezone.now()
    requeued = 0
    for result in DBTaskResult.objects.running().only(
        "id", "task_path", "worker_ids", "started_at"
    ):
        if not is_abandoned(
            result, now=now, current_worker_id=current_worker_id, starting=starting
        ):
            continue
        # Only if nobody moved it meanwhile (finished, or claimed again).
        put_back = DBTaskResult.objects.filter(
            pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at
        ).update(status=TaskResultStatus.READY)
        if put_back:
            requeued += 1
            logger.warning(
                "Task %s (%s) was left running by worker %s; queued again",
                result.pk,
                result.task_path,
                _claimed_by(result),
            )
    return requeued
