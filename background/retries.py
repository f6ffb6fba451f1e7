"""A failed task is queued again, later each time, until BACKGROUND_MAX_ATTEMPTS.

The attempt count is the number of workers that claimed the task (django-tasks-db appends each
claimant to ``worker_ids``), so a retry is the same row put back to READY, with the last error
kept beside it for the staff report. After the last attempt it stays FAILED: visible in the
report (background.views), never dropped.
"""

import logging

from django.conf import settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


def attempts(result):
    return len(result.worker_ids)


def retry_delay(attempts_made):
    """BACKGROUND_RETRY_DELAY after the first failure, doubled after each further one."""
    return settings.BACKGROUND_RETRY_DELAY * 2 ** (attempts_made - 1)


def retry_later(result):
    """Put a FAILED task back in the queue if it has attempts left; True if it was."""
    made = attempts(result)
    if made >= settings.BACKGROUND_MAX_ATTEMPTS:
        logger.error(
            "Task %s (%s) failed for good after %d attempts", result.pk, result.task_path, made
        )
        return False
    run_after = timezone.now() + retry_delay(made)
    queued = DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY, run_after=run_after, finished_at=None
    )
    if queued:
        logger.warning(
            "Task %s (%s) failed (attempt %d of %d); retrying at %s",
            result.pk,
            result.task_path,
            made,
            settings.BACKGROUND_MAX_ATTEMPTS,
            run_after.isoformat(),
        )
    return bool(queued)


def run_again(result_id):
    """A staff member's "run again": a FAILED task back in the queue now, with fresh attempts."""
    return bool(
        DBTaskResult.objects.filter(pk=result_id, status=TaskResultStatus.FAILED).update(
            status=TaskResultStatus.READY,
            run_after=timezone.now(),
            finished_at=None,
            worker_ids=[],
        )
    )
