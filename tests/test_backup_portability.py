"""A backup restores into the other database (docs/operations.md, "Backups"): on PostgreSQL, the
test's site goes PostgreSQL → SQLite → PostgreSQL, each restore in a new process into a database
that was never migrated; on SQLite, SQLite → SQLite. Each restored site is compared with the
original: every row, every file's hash, each story page, and a sign-in."""

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from tests import backup_helpers

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

REPO = Path(__file__).resolve().parent.parent


def restore_elsewhere(database_url, folder, report, backup_to=None):
    """Restore ``folder`` in a new process into ``database_url``; return its snapshot."""
    command = [sys.executable, "-m", "tests.backup_helpers", str(folder), str(report)]
    if backup_to:
        command.append(str(backup_to))
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
    }
    finished = subprocess.run(  # noqa: S603  (our own interpreter and module)
        command, cwd=REPO, env=environment, capture_output=True, text=True, timeout=900
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    return json.loads(Path(report).read_text(encoding="utf-8"))


@pytest.fixture
def new_postgres_database():
    """A PostgreSQL database next to the test database, created empty and dropped afterwards."""
    settings = connection.settings_dict
    name = f"{settings['NAME']}_restored"
    server = {
        "host": settings["HOST"],
        "port": settings["PORT"] or 5432,
        "user": settings["USER"],
        "password": settings["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    password = f":{server['password']}" if server["password"] else ""
    yield f"postgres://{server['user']}{password}@{server['host']}:{server['port']}/{name}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def assert_same_site(restored, original):
    # The one model only SQLite has (Wagtail's full-text index table) gets its content type and
    # permissions from `migrate` on SQLite; nothing else may be new.
    added = {key: restored["rows"][key] for key in set(restored["rows"]) - set(original["rows"])}
    new_types = {
        int(key.split(":")[1]) for key in added if key.startswith("contenttypes.contenttype:")
    }
    assert all(
        key.startswith("contenttypes.contenttype:")
        or (key.startswith("auth.permission:") and row["content_type"] in new_types)
        for key, row in added.items()
    ), sorted(added)
    assert {added[key]["model"] for key in added if key.startswith("contenttypes")} <= {
        "sqliteftsindexentry"
    }
    assert set(original["rows"]) <= set(restored["rows"])
    assert [key for key, row in original["rows"].items() if restored["rows"][key] != row] == []
    assert restored["files"] == original["files"]
    assert restored["pages"] == original["pages"]
    assert restored["signed_in"] == {"admin": True}


def test_a_backup_restores_into_the_other_database(tmp_path, request):
    backup_helpers.build_site()
    original = backup_helpers.snapshot()
    call_command("backup", tmp_path / "first")
    (first,) = (tmp_path / "first").iterdir()

    in_sqlite = restore_elsewhere(
        f"sqlite:///{tmp_path / 'restored.sqlite3'}",
        first,
        tmp_path / "sqlite.json",
        backup_to=tmp_path / "second",
    )
    assert_same_site(in_sqlite, original)

    if connection.vendor == "postgresql":
        (second,) = (tmp_path / "second").iterdir()
        postgres_url = request.getfixturevalue("new_postgres_database")
        in_postgres = restore_elsewhere(postgres_url, second, tmp_path / "postgres.json")
        assert_same_site(in_postgres, original)
