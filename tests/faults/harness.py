# ruff: noqa: S603, S607 – the drill starts its own services from fixed, trusted command lines
"""Private services for the fault drills: a PostgreSQL and a Redis in temporary folders, and the
site as a real server process in front of them.

Never the machine's shared PostgreSQL (5432) or Redis (6379): each service here listens on a free
port of its own and lives in a folder removed afterwards, whatever happened.
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import ExitStack, closing
from pathlib import Path
from urllib.parse import urljoin

import requests

BASE_DIR = Path(__file__).resolve().parents[2]
PG_BIN = Path("/usr/lib/postgresql/15/bin")
REDIS_SERVER = "/usr/bin/redis-server"
# The helper's ports for anything it serves (the site); PostgreSQL and Redis take any free one.
SITE_PORTS = range(8105, 8110)
SERVER_SETTINGS = "tests.faults.server_settings"


def available():
    """Why the drills cannot run on this machine, or None."""
    if not (PG_BIN / "initdb").exists():
        return f"no PostgreSQL 15 binaries in {PG_BIN}"
    if not Path(REDIS_SERVER).exists():
        return f"no {REDIS_SERVER}"
    if os.geteuid() != 0:
        return "the drills need root: initdb runs as the postgres user, tmpfs is mounted"
    return None


def free_port(candidates=None):
    for port in candidates or [0]:
        with closing(socket.socket()) as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise RuntimeError(f"no free port among {list(candidates)}")


def wait_until(check, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise TimeoutError(f"{what} not ready after {timeout} s")


def port_open(port):
    with closing(socket.socket()) as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _as_postgres(*command, **kwargs):
    return subprocess.run(
        ["runuser", "-u", "postgres", "--", *map(str, command)],
        check=True,
        capture_output=True,
        text=True,
        **kwargs,
    )


class PrivatePostgres:
    def __init__(self, folder):
        self.folder = Path(folder)
        self.data = self.folder / "data"
        self.sockets = self.folder / "sockets"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/siang"

    def start(self):
        if not self.data.exists():
            for path in (self.folder, self.data, self.sockets):
                path.mkdir(parents=True, exist_ok=True)
                shutil.chown(path, "postgres", "postgres")
            _as_postgres(PG_BIN / "initdb", "-D", self.data, "-U", "postgres", "-A", "trust", "-N")
        # fsync off: a drill's restarts are clean shutdowns, which write everything anyway;
        # only a machine crash would lose data, and the machine is shared with other work.
        options = (
            f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c full_page_writes=off"
        )
        _as_postgres(
            PG_BIN / "pg_ctl",
            "-D",
            self.data,
            "-o",
            options,
            "-l",
            self.folder / "log",
            "-w",
            "start",
        )
        if not getattr(self, "_created", False):
            _as_postgres(PG_BIN / "createdb", "-h", "127.0.0.1", "-p", self.port, "siang")
            self._created = True

    def stop(self):
        if (self.data / "postmaster.pid").exists():
            _as_postgres(PG_BIN / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def query(self, sql, *params):
        import psycopg

        with psycopg.connect(self.url.replace("postgres://", "postgresql://")) as connection:
            return connection.execute(sql, params).fetchall()


class PrivateRedis:
    def __init__(self, folder):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(lambda: port_open(self.port), 10, "Redis")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process = None

    def keys(self):
        import redis

        return redis.Redis.from_url(self.url).dbsize()


class SiteServer:
    """``manage.py runserver --noreload`` (threaded, as gunicorn's threads would be) under the
    drill's production-like settings."""

    def __init__(self, folder, env):
        self.folder = Path(folder)
        self.port = free_port(SITE_PORTS)
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, **env, "DJANGO_SETTINGS_MODULE": SERVER_SETTINGS}
        self.env.pop("PYTEST_CURRENT_TEST", None)
        self.log_path = self.folder / "server.log"
        self.process = None

    def manage(self, *args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        )

    def run_module(self, module):
        result = subprocess.run(
            [sys.executable, "-m", module],
            cwd=BASE_DIR,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        )
        return result.stdout

    def start(self):
        self.log = open(self.log_path, "ab")  # noqa: SIM115 – closed in stop()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "runserver",
                "--noreload",
                "--skip-checks",
                f"127.0.0.1:{self.port}",
            ],
            cwd=BASE_DIR,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        wait_until(lambda: port_open(self.port), 60, "the site")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        if getattr(self, "log", None):
            self.log.close()

    def log_text(self):
        return self.log_path.read_text(errors="replace")


class Drill:
    """The whole set-up: services, server, seeded site. Use as a context manager."""

    def __init__(self, media_size_mb=None):
        self.media_size_mb = media_size_mb

    def __enter__(self):
        self._stack = ExitStack()
        try:
            self._build()
        except BaseException:
            self._stack.close()
            raise
        return self

    def _build(self):
        self.folder = Path(tempfile.mkdtemp(prefix="siang-faults-"))
        self._stack.callback(shutil.rmtree, self.folder, ignore_errors=True)
        # The postgres user must reach its data folder inside this one.
        self.folder.chmod(0o755)
        self.media = self.folder / "media"
        self.media.mkdir()
        if self.media_size_mb:
            # A real small file system, so that "disk full" is the kernel's ENOSPC.
            subprocess.run(
                [
                    "mount",
                    "-t",
                    "tmpfs",
                    "-o",
                    f"size={self.media_size_mb}m",
                    "tmpfs",
                    str(self.media),
                ],
                check=True,
            )
            self._stack.callback(subprocess.run, ["umount", "-l", str(self.media)], check=False)
        documents = self.folder / "documents"
        documents.mkdir()
        self.postgres = PrivatePostgres(self.folder / "postgres")
        self._stack.callback(self.postgres.stop)
        self.postgres.start()
        self.redis = PrivateRedis(self.folder / "redis")
        self._stack.callback(self.redis.stop)
        self.redis.start()
        self.server = SiteServer(
            self.folder,
            {
                "SECRET_KEY": "fault-drill-not-secret",
                "DATABASE_URL": self.postgres.url,
                "REDIS_URL": self.redis.url,
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "MEDIA_ROOT": str(self.media),
                "FAULT_DOCUMENTS_ROOT": str(documents),
            },
        )
        self.server.manage("migrate", "--no-input")
        self.site = json.loads(self.server.run_module("tests.faults.seed"))
        self._stack.callback(self.server.stop)
        self.server.start()

    def __exit__(self, *exc):
        self._stack.close()

    def url(self, path):
        return urljoin(self.server.base_url, path)

    def revision_titles(self):
        rows = self.postgres.query(
            "SELECT content->>'title' FROM wagtailcore_revision WHERE object_id = %s",
            str(self.site["story_id"]),
        )
        return {title for (title,) in rows}


class Editor:
    """A signed-in editor with a browser's cookie jar, saving drafts of the drill's story."""

    def __init__(self, drill, username):
        self.drill = drill
        self.session = requests.Session()
        login = drill.url("/admin/login/")
        self.session.get(login, timeout=10)
        response = self.session.post(
            login,
            data={
                "username": username,
                "password": drill.site["password"],
                "csrfmiddlewaretoken": self.session.cookies["csrftoken"],
            },
            timeout=10,
            allow_redirects=False,
        )
        assert response.status_code == 302, f"{username} could not sign in"
        self.edit_path = f"/admin/pages/{drill.site['story_id']}/edit/"
        self.edit_url = drill.url(self.edit_path)

    def open_form(self):
        """Load the edit form as a browser does: the revision it was loaded from comes along."""
        page = self.session.get(self.edit_url, timeout=15).text
        return {
            name: re.search(rf'name="{name}" value="([^"]*)"', page).group(1)
            for name in ("loaded_revision_id", "loaded_revision_created_at")
        }

    def save_draft(self, title, extra=None, timeout=10):
        data = {
            **self.drill.site["story_form"],
            "title": title,
            "csrfmiddlewaretoken": self.session.cookies["csrftoken"],
            **(extra or {}),
        }
        return self.session.post(self.edit_url, data=data, timeout=timeout, allow_redirects=False)


class Load:
    """Reader threads asking for public pages until stopped; every answer is kept."""

    def __init__(self, drill, readers=3, paths=None):
        self.drill = drill
        self.readers = readers
        self.paths = paths or drill.site["reader_paths"]
        self.answers = []  # (monotonic time, status or exception name, seconds taken)
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = []

    def _read(self, offset):
        session = requests.Session()
        turn = offset
        while not self._stop.is_set():
            path = self.paths[turn % len(self.paths)]
            turn += 1
            started = time.monotonic()
            try:
                outcome = session.get(self.drill.url(path), timeout=15).status_code
            except requests.RequestException as error:
                outcome = type(error).__name__
            with self._lock:
                self.answers.append((started, outcome, time.monotonic() - started))

    def __enter__(self):
        for offset in range(self.readers):
            thread = threading.Thread(target=self._read, args=(offset,), daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def __exit__(self, *exc):
        self._stop.set()
        for thread in self._threads:
            thread.join(20)

    def outcomes(self, since=None, until=None):
        with self._lock:
            return Counter(
                outcome
                for started, outcome, _ in self.answers
                if (since is None or started >= since) and (until is None or started < until)
            )

    def slowest(self):
        with self._lock:
            return max((taken for _, _, taken in self.answers), default=0.0)
