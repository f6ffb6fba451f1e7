"""django-tasks-db's worker with what it lacks: retries and the recovery of abandoned tasks.

Checked against django-tasks-db 0.12.0: ``Worker.run_task`` marks the task SUCCESSFUL or FAILED
and returns; ``Worker.run`` is its loop. The retry tests (tests/test_background_worker.py) go
through ``run_task``, the fault drill (tests/test_faults_worker.py) through ``run``.
"""

import logging
import threading

from django.db import DatabaseError, close_old_connections
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker

from .leases import requeue_abandoned
from .retries import retry_later

logger = logging.getLogger(__name__)


class BackgroundWorker(Worker):
    def __init__(self, *, requeue_every=None, **kwargs):
        super().__init__(**kwargs)
        self.requeue_every = requeue_every
        self._stopped = threading.Event()

    def run(self):
        requeue_abandoned(current_worker_id=self.worker_id, starting=True)
        if self.requeue_every:
            threading.Thread(target=self._keep_requeuing, daemon=True).start()
        try:
            super().run()
        finally:
            self._stopped.set()

    def run_task(self, db_task_result):
        super().run_task(db_task_result)
        if db_task_result.status == TaskResultStatus.FAILED:
            retry_later(db_task_result)

    def _keep_requeuing(self):
        # A thread of its own: the loop in Worker.run may be busy with one long task.
        while not self._stopped.wait(self.requeue_every):
            try:
                requeue_abandoned(current_worker_id=self.worker_id)
            except DatabaseError:
                logger.exception("Could not look for abandoned tasks; trying again later")
            finally:
                close_old_connections()
