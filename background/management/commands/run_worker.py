"""`manage.py run_worker`: runs queued tasks, with retries and recovery (background.worker).

The options are django-tasks-db's ``db_worker``'s, with the worker id host:pid by default (how
the recovery tells a dead worker from a live one) and one more, --requeue-every.
"""

import os

from django.conf import settings
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from background.leases import worker_id
from background.worker import BackgroundWorker


class Command(db_worker.Command):
    help = "Run queued background tasks: retries failures, recovers dead workers' tasks"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # host:pid unless a worker id is given (then only the lease recovers its tasks).
        parser.set_defaults(worker_id=None)
        parser.add_argument(
            "--requeue-every",
            type=db_worker.valid_interval,
            default=settings.BACKGROUND_REQUEUE_INTERVAL.total_seconds(),
            help="Seconds between looks for tasks a dead worker left running (default: %(default)r)",
        )

    def handle(self, *, verbosity, reload, requeue_every, **options):
        self.configure_logging(verbosity)
        if reload and options["batch"]:
            reload = False

        def make_worker():
            return BackgroundWorker(
                queue_names=options["queue_name"].split(","),
                interval=options["interval"],
                batch=options["batch"],
                backend_name=options["backend_name"],
                startup_delay=options["startup_delay"],
                max_tasks=options["max_tasks"],
                # host:pid of the process that runs the tasks (the reloader's child).
                worker_id=options["worker_id"] or worker_id(),
                requeue_every=requeue_every,
            )

        if reload:

            def run_reloaded():
                worker = make_worker()
                if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                    worker.configure_signals()
                worker.run()

            run_with_reloader(run_reloaded)
        else:
            worker = make_worker()
            worker.configure_signals()
            worker.run()
