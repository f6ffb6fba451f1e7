"""A backup folder: writing it, checking it and pruning old ones (docs/operations.md, "Backups").

A folder ``backup-<UTC date and time>`` holds:
- ``database.json.gz``: every backed-up table (backups.contents), as Django's JSON serializer
  writes it;
- ``files/<storage>/<name>``: every file a row points to, read through Django's storage API
  (a local folder or an S3 bucket alike);
- ``manifest.json``: the date, the migrations applied, the rows per table, and the size and
  SHA-256 of every other file in the folder.

It is written under a hidden ``.partial-`` name and renamed when complete, so a backup that
stopped half-way is never taken for a whole one.
"""

import gzip
import hashlib
import io
import json
import os
import re
import secrets
import shutil
from datetime import UTC, datetime, time, timedelta
from itertools import chain
from pathlib import Path, PurePosixPath

from django.core import serializers
from django.core.files.storage import storages
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder

from . import contents

FORMAT = "siang-chumchon-backup/1"
MANIFEST = "manifest.json"
DATABASE = "database.json.gz"
FILES = "files"
NAME_PATTERN = re.compile(r"^(?:\.partial-)?backup-(\d{8}T\d{6}Z)(?:-[0-9a-f]+)?$")
CHUNK = 1024 * 1024


class PreciseJSONEncoder(DjangoJSONEncoder):
    """Django's encoder, except that times keep their microseconds (Django's stops at
    milliseconds, so revisions saved within one millisecond would lose their order)."""

    def default(self, o):
        if isinstance(o, datetime | time):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class BackupError(Exception):
    """A backup that cannot be written, or a folder that is not a sound backup."""


def folder_name(created):
    return f"backup-{created:%Y%m%dT%H%M%SZ}"


def created_from_name(name):
    """The UTC time in a backup folder's name, or None for any other name."""
    match = NAME_PATTERN.match(name)
    if not match:
        return None
    return datetime.strptime(match.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


def copy_with_hash(source, destination):
    """Copy one open binary file into another; return (bytes, SHA-256 hex)."""
    digest = hashlib.sha256()
    size = 0
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        destination.write(chunk)
        size += len(chunk)
    return size, digest.hexdigest()


class _HashOnly:
    def write(self, chunk):
        pass


def file_hash(path):
    with open(path, "rb") as source:
        return copy_with_hash(source, _HashOnly())


def stored_file_hash(alias, name):
    with storages[alias].open(name, "rb") as source:
        return copy_with_hash(source, _HashOnly())


def applied_migrations():
    """{app: [migration names]} as the database records them."""
    applied = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def _counted(queryset, counts, label):
    counts[label] = 0
    for row in queryset.iterator(chunk_size=500):
        counts[label] += 1
        yield row


def write_database(path):
    """Dump every backed-up table into ``path`` from one snapshot of the database.

    Returns (rows per table, applied migrations, files the rows point to).
    """
    counts = {}
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            # One snapshot for every table, so rows written meanwhile cannot half-appear.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        rows = chain.from_iterable(
            _counted(model._base_manager.order_by("pk"), counts, model._meta.label)
            for model in contents.backed_up_models()
        )
        with (
            gzip.GzipFile(path, "wb", mtime=0) as compressed,
            io.TextIOWrapper(compressed, encoding="utf-8") as text,
        ):
            serializers.serialize("json", rows, stream=text, cls=PreciseJSONEncoder)
        return counts, applied_migrations(), contents.referenced_files()


def _local_path(folder, relative):
    """``folder/relative``, refusing a name that would lead outside the folder."""
    parts = PurePosixPath(relative).parts
    if not parts or PurePosixPath(relative).is_absolute() or ".." in parts:
        raise BackupError(f"the manifest names a file outside the backup: {relative!r}")
    return Path(folder, *parts)


def make_backup(directory, now=None, log=print):
    """Write a new backup folder inside ``directory``; return its path."""
    created = (now or datetime.now(UTC)).replace(microsecond=0)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    final = directory / folder_name(created)
    if final.exists():
        raise BackupError(f"{final} already exists: one backup a second is the most")
    partial = directory / f".partial-{folder_name(created)}-{secrets.token_hex(4)}"
    partial.mkdir()
    try:
        counts, migrations, referenced = write_database(partial / DATABASE)
        size, digest = file_hash(partial / DATABASE)
        entries = [{"path": DATABASE, "bytes": size, "sha256": digest}]
        missing = []
        for alias, name in referenced:
            relative = f"{FILES}/{alias}/{name}"
            destination = _local_path(partial, relative)
            destination.parent.mkdir(parents=True, exist_ok=True)
            try:
                with storages[alias].open(name, "rb") as source, open(destination, "wb") as copy:
                    size, digest = copy_with_hash(source, copy)
            except FileNotFoundError:
                destination.unlink(missing_ok=True)
                missing.append({"storage": alias, "name": name})
                log(f"warning: the database names {alias}:{name}, which the storage lacks")
                continue
            entries.append(
                {"path": relative, "storage": alias, "name": name, "bytes": size, "sha256": digest}
            )
        manifest = {
            "format": FORMAT,
            "created": created.isoformat().replace("+00:00", "Z"),
            "database_vendor": connection.vendor,
            "migrations": migrations,
            "excluded_tables": contents.EXCLUDED_MODELS,
            "rows": counts,
            "files": entries,
            "missing_files": missing,
        }
        with open(partial / MANIFEST, "w", encoding="utf-8") as out:
            json.dump(manifest, out, ensure_ascii=False, indent=1)
            out.flush()
            os.fsync(out.fileno())
        os.rename(partial, final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return final


def read_manifest(folder):
    path = Path(folder) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(f"{folder} is not a complete backup: it has no {MANIFEST}") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise BackupError(f"{path} is damaged: {error}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not a manifest this version reads ({FORMAT})")
    return manifest


def verify(folder):
    """Check every file of a backup against its manifest; return the manifest.

    Raises BackupError naming every missing, damaged or unlisted file.
    """
    folder = Path(folder)
    manifest = read_manifest(folder)
    problems = []
    listed = set()
    for entry in manifest["files"]:
        path = _local_path(folder, entry["path"])
        listed.add(path)
        if not path.is_file():
            problems.append(f"missing: {entry['path']}")
            continue
        size, digest = file_hash(path)
        if (size, digest) != (entry["bytes"], entry["sha256"]):
            problems.append(f"damaged (its SHA-256 differs from the manifest's): {entry['path']}")
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != MANIFEST and path not in listed:
            problems.append(f"not in the manifest: {path.relative_to(folder)}")
    if problems:
        raise BackupError(f"{folder} fails its check:\n  " + "\n  ".join(problems))
    return manifest


def prune(directory, retention_days, now=None):
    """Remove backup folders (and stopped partial ones) older than the retention; return them."""
    cutoff = (now or datetime.now(UTC)) - timedelta(days=retention_days)
    removed = []
    for path in sorted(Path(directory).iterdir()):
        created = created_from_name(path.name)
        if path.is_dir() and created is not None and created < cutoff:
            shutil.rmtree(path)
            removed.append(path)
    return removed
