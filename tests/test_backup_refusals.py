"""What restore and verify refuse (docs/operations.md, "Backups"): a database or a storage that
is not empty, a damaged or incomplete backup. Each refusal names the reason and changes nothing."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from wagtail.models import Locale, Page

from backups import archive, contents
from demo import factories
from tests import backup_helpers


@pytest.fixture
def backup(db, tmp_path):
    """A backup of a site with one photo, in tmp_path/backups."""
    factories.ImageFactory(title="ภาพทดสอบ")
    return archive.make_backup(tmp_path / "backups", log=lambda message: None)


def test_a_freshly_migrated_database_counts_as_empty_and_one_account_does_not(db):
    assert contents.database_contents() == {}
    factories.UserFactory(username="somchai")
    assert contents.database_contents() == {"auth.User": 1}


def test_restore_refuses_a_database_with_content_and_changes_nothing(backup):
    pages = list(Page.objects.values_list("pk", "title"))
    with pytest.raises(CommandError) as refused:
        call_command("restore", backup)
    assert "Nothing was changed" in str(refused.value)
    assert "the database is not empty: media_library.CustomImage has 1 rows" in str(refused.value)
    assert list(Page.objects.values_list("pk", "title")) == pages


def test_restore_refuses_a_storage_with_files_and_changes_nothing(db, tmp_path):
    folder = archive.make_backup(tmp_path, log=lambda message: None)
    locales = list(Locale.objects.values_list("pk", "language_code"))
    with backup_helpers.empty_storages():
        storages["documents"].save("left-behind.pdf", ContentFile(b"%PDF-1.4"))
        with pytest.raises(CommandError) as refused:
            call_command("restore", folder)
        assert storages["documents"].exists("left-behind.pdf")
    assert "the 'documents' storage is not empty (it holds left-behind.pdf)" in str(refused.value)
    assert "database" not in str(refused.value).split("Nothing was changed:")[1]
    assert list(Locale.objects.values_list("pk", "language_code")) == locales


def photo_copy(folder):
    (path,) = (folder / "files" / "default" / "original_images").iterdir()
    return path


def test_a_damaged_file_is_named_and_the_backup_refused(backup):
    damaged = photo_copy(backup)
    data = bytearray(damaged.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    relative = str(damaged.relative_to(backup))

    with pytest.raises(CommandError) as verify:
        call_command("backup", "--verify", backup)
    assert f"damaged (its SHA-256 differs from the manifest's): {relative}" in str(verify.value)

    users = get_user_model().objects.count()
    with pytest.raises(CommandError) as restore:
        call_command("restore", backup)
    assert relative in str(restore.value)
    assert get_user_model().objects.count() == users


def test_missing_and_unlisted_files_are_named(backup):
    photo_copy(backup).unlink()
    (backup / "files" / "stray.txt").write_text("not from the backup")
    with pytest.raises(CommandError) as verify:
        call_command("backup", "--verify", backup)
    assert "missing: files/default/original_images/" in str(verify.value)
    assert "not in the manifest: files/stray.txt" in str(verify.value)


def test_a_sound_backup_passes_its_check(backup, capsys):
    call_command("backup", "--verify", backup)
    manifest = json.loads((backup / "manifest.json").read_text())
    assert f"{backup} is sound: {len(manifest['files'])} files match" in capsys.readouterr().out
    assert [entry["path"] for entry in manifest["files"]][0] == "database.json.gz"
    assert manifest["rows"]["media_library.CustomImage"] == 1
    assert "sessions.Session" in manifest["excluded_tables"]


def test_a_folder_without_its_manifest_is_not_a_backup(backup):
    (backup / "manifest.json").unlink()
    with pytest.raises(CommandError, match="is not a complete backup: it has no manifest.json"):
        call_command("backup", "--verify", backup)


def test_a_backup_that_stops_half_way_leaves_no_folder(db, tmp_path, monkeypatch):
    factories.ImageFactory()

    def disk_gone(*args, **kwargs):
        raise OSError("input/output error")

    monkeypatch.setattr(storages["default"], "open", disk_gone)
    with pytest.raises(OSError):
        call_command("backup", tmp_path)
    assert list(tmp_path.iterdir()) == []
