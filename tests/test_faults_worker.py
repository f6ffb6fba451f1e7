"""Fault: the worker is killed mid-task. The task runs again and its effect exists once.

Real worker processes (`manage.py run_worker`) on a real database: the test database when
DATABASE_URL names PostgreSQL, else a copy of it in an SQLite file (an in-memory database
cannot be shared between processes). Figures for docs/operations.md are printed (pytest -s).
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from tests.test_background_worker import DATABASE_QUEUE

REPO = Path(__file__).resolve().parent.parent
EFFECT = "fault drill: the effect of the task"

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@task()
def wait_then_record(folder):
    """Notes each start, waits for the go-ahead (a file), then makes its one effect; idempotent."""
    with Path(folder, "starts").open("a") as starts:
        starts.write(f"{os.getpid()} {time.time()}\n")
    while not Path(folder, "go").exists():
        time.sleep(0.05)
    Group.objects.get_or_create(name=EFFECT)


class DrillDatabase:
    """The database the worker processes share with this test, read with plain SQL."""

    def __init__(self, folder):
        connection.ensure_connection()
        settings = connection.settings_dict
        if connection.vendor == "postgresql":
            self.url = (
                f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST']}:"
                f"{settings['PORT'] or 5432}/{settings['NAME']}"
            )
            self.path = None
        else:
            self.path = Path(folder, "drill.sqlite3")
            with sqlite3.connect(self.path) as copy:
                connection.connection.backup(copy)
            self.url = f"sqlite:///{self.path}"

    def one(self, sql):
        if self.path is None:
            with connection.cursor() as cursor:
                cursor.execute(sql)
                return cursor.fetchone()
        with sqlite3.connect(self.path, timeout=10) as reader:
            return reader.execute(sql).fetchone()

    def task_status(self):
        return self.one(f"SELECT status FROM {DBTaskResult._meta.db_table}")[0]  # noqa: S608

    def effects(self):
        return self.one(f"SELECT count(*) FROM auth_group WHERE name = '{EFFECT}'")[0]  # noqa: S608


def start_worker(database, folder, name):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": database.url,
    }
    log = Path(folder, f"{name}.log").open("w")
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "run_worker",
            "--no-reload",
            "--no-startup-delay",
            "--interval=0.1",
            "--requeue-every=1",
        ],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def starts(folder):
    path = Path(folder, "starts")
    lines = path.read_text().splitlines() if path.exists() else []
    return [(int(pid), float(at)) for pid, at in (line.split() for line in lines)]


def wait_for(condition, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"waited {timeout} s in vain")


def stop(*workers):
    for worker in workers:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
    for worker in workers:
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


@pytest.fixture
def queued_drill(settings, tmp_path):
    settings.TASKS = DATABASE_QUEUE
    wait_then_record.enqueue(str(tmp_path))
    return DrillDatabase(tmp_path)


def kill_mid_task(worker, database, folder):
    wait_for(lambda: len(starts(folder)) == 1)
    assert database.task_status() == "RUNNING"
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    killed_at = time.time()
    assert database.task_status() == "RUNNING", "nobody told the database"
    return killed_at


def assert_ran_again_once(database, folder, killed_at, what):
    wait_for(lambda: len(starts(folder)) == 2)
    (rerun_pid, rerun_at) = starts(folder)[1]
    Path(folder, "go").touch()
    wait_for(lambda: database.task_status() == "SUCCESSFUL")
    assert database.effects() == 1
    assert len(starts(folder)) == 2
    print(f"\n[{connection.vendor}] {what}: ran again {rerun_at - killed_at:.2f} s after the kill")


def test_a_new_worker_runs_the_task_a_killed_worker_left(queued_drill, tmp_path):
    first = start_worker(queued_drill, tmp_path, "first")
    try:
        killed_at = kill_mid_task(first, queued_drill, tmp_path)
        second = start_worker(queued_drill, tmp_path, "second")
        try:
            assert_ran_again_once(queued_drill, tmp_path, killed_at, "new worker started after")
        finally:
            stop(second)
    finally:
        stop(first)


def test_a_running_worker_takes_over_the_task_of_one_killed_beside_it(queued_drill, tmp_path):
    first = start_worker(queued_drill, tmp_path, "first")
    second = None
    try:
        wait_for(lambda: len(starts(tmp_path)) == 1)
        second = start_worker(queued_drill, tmp_path, "second")
        wait_for(lambda: "Starting worker" in Path(tmp_path, "second.log").read_text())
        time.sleep(1.5)  # past its first look for abandoned tasks: the live worker's is left alone
        assert len(starts(tmp_path)) == 1
        killed_at = kill_mid_task(first, queued_drill, tmp_path)
        assert_ran_again_once(queued_drill, tmp_path, killed_at, "worker already running beside")
    finally:
        stop(first, *([second] if second else []))
