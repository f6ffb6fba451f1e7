"""The staff report of the queue: what waits, what runs, what failed and why."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from roles.access import roles_for

from .retries import attempts, run_again
from .status import queue_status

LISTED = 100


def may_see_the_queue(user):
    """Administrators and the editor-in-chief: the people who can act on a stuck task."""
    return roles_for(user).sees_everything


def _row(result):
    traceback = result.traceback.strip()
    return {
        "id": result.pk,
        "name": result.task_name,
        "enqueued_at": result.enqueued_at,
        "started_at": result.started_at,
        "finished_at": result.finished_at,
        "next_try_at": None if result.run_after == get_date_max() else result.run_after,
        "attempts": attempts(result),
        "error": traceback.splitlines()[-1] if traceback else "",
        "traceback": traceback,
        "worker": result.worker_ids[-1] if result.worker_ids else "",
    }


def task_report(request):
    if not may_see_the_queue(request.user):
        raise PermissionDenied
    context = {
        "status": queue_status(),
        "max_attempts": settings.BACKGROUND_MAX_ATTEMPTS,
        "waiting": [
            _row(result)
            for result in DBTaskResult.objects.filter(status=TaskResultStatus.READY).order_by(
                "-priority", "run_after", "enqueued_at"
            )[:LISTED]
        ],
        "running": [
            _row(result)
            for result in DBTaskResult.objects.running().order_by("started_at")[:LISTED]
        ],
        "failed": [
            _row(result)
            for result in DBTaskResult.objects.failed().order_by("-finished_at")[:LISTED]
        ],
    }
    return TemplateResponse(request, "background/task_report.html", context)


@require_POST
def run_task_again(request, result_id):
    if not may_see_the_queue(request.user):
        raise PermissionDenied
    if run_again(result_id):
        messages.success(request, _("The task is queued to run again."))
    else:
        messages.warning(request, _("The task had already left the failed list."))
    return redirect("background_task_report")
