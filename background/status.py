"""The queue in three numbers, for health checks and monitoring."""

from django.db.models import Case, F, Min, When
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max


def queue_status():
    """{"waiting": n, "running": n, "failed": n, "oldest_waiting_seconds": s}.

    "waiting" counts tasks due now (not retries still waiting for their time), and
    "oldest_waiting_seconds" is how long the longest of them has been due (0 when none): a
    number that grows when no worker runs. "failed" counts tasks that used up their attempts.
    """
    due = DBTaskResult.objects.ready()
    due_since = Case(When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after"))
    oldest = due.aggregate(oldest=Min(due_since))["oldest"]
    return {
        "waiting": due.count(),
        "running": DBTaskResult.objects.running().count(),
        "failed": DBTaskResult.objects.failed().count(),
        "oldest_waiting_seconds": (
            round((timezone.now() - oldest).total_seconds()) if oldest else 0
        ),
    }
