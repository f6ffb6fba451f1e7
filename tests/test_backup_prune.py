"""Retention (docs/operations.md, "Backups"): `backup --prune DIR` removes the backups older than
BACKUP_RETENTION_DAYS and nothing else, so data erased from the site leaves the backups too."""

import shutil
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.management import call_command

from backups import archive


def test_prune_removes_only_backups_older_than_the_retention(db, tmp_path):
    assert settings.BACKUP_RETENTION_DAYS == 30
    fresh = archive.make_backup(tmp_path, log=lambda message: None)
    now = datetime.now(UTC)
    for days in (29, 31, 400):
        shutil.copytree(fresh, tmp_path / archive.folder_name(now - timedelta(days=days)))
    stopped = tmp_path / f".partial-{archive.folder_name(now - timedelta(days=45))}-0a1b2c3d"
    stopped.mkdir()
    (tmp_path / "notes").mkdir()
    (tmp_path / "backup-readme.txt").write_text("kept off-site every Sunday")

    call_command("backup", "--prune", tmp_path)

    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        [
            fresh.name,
            archive.folder_name(now - timedelta(days=29)),
            "notes",
            "backup-readme.txt",
        ]
    )


def test_prune_follows_the_setting(db, tmp_path, settings):
    settings.BACKUP_RETENTION_DAYS = 7
    now = datetime.now(UTC)
    for days in (6, 8):
        (tmp_path / archive.folder_name(now - timedelta(days=days))).mkdir()
    call_command("backup", "--prune", tmp_path)
    assert [path.name for path in tmp_path.iterdir()] == [
        archive.folder_name(now - timedelta(days=6))
    ]
