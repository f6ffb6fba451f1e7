"""Bringing a backup back into an empty database and empty storages (docs/operations.md)."""

from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files import File
from django.core.files.storage import storages
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from . import archive, contents


def refusals(manifest):
    """Why this database and these storages may not receive the backup (empty: they may)."""
    reasons = []
    loader = MigrationExecutor(connection).loader
    unknown = [
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if (app, name) not in loader.disk_migrations
    ]
    if unknown:
        reasons.append(
            "the backup was made by a newer version of the site (migrations this code lacks: "
            + ", ".join(unknown[:5])
            + "); restore it with the version that made it"
        )
    rows = contents.database_contents()
    if rows:
        reasons.append(
            "the database is not empty: "
            + ", ".join(f"{label} has {count} rows" for label, count in sorted(rows.items()))
        )
    for alias in contents.file_storage_aliases():
        found = contents.stored_files(alias)
        if found:
            reasons.append(f"the {alias!r} storage is not empty (it holds {', '.join(found)})")
    return reasons


def _backup_state_targets(manifest):
    """The migration of each app the backup's database had reached."""
    graph = MigrationExecutor(connection).loader.graph
    targets = []
    for app, names in manifest["migrations"].items():
        # Migrations a squashed one replaced are recorded as applied but are not in the graph.
        nodes = [(app, name) for name in names if (app, name) in graph.nodes]
        if not nodes:
            continue
        latest = max(nodes, key=lambda node: len(graph.forwards_plan(node)))
        targets.append(latest)
    return targets


def _migrate_to(targets):
    executor = MigrationExecutor(connection)
    executor.loader.check_consistent_history(connection)
    executor.migrate(targets, plan=executor.migration_plan(targets))


def _load_database(path):
    """Empty every table and load the dump, in one transaction: all of it or none of it."""
    with transaction.atomic():
        tables = connection.introspection.django_table_names(
            only_existing=True, include_views=False
        )
        flush = connection.ops.sql_flush(no_style(), tables, allow_cascade=False)
        connection.ops.execute_sql_flush(flush)
        # Content types are cached by id, and the ids are about to change.
        ContentType.objects.clear_cache()
        call_command("loaddata", str(path), verbosity=0)


def restore(folder, log=print):
    folder = Path(folder)
    log(f"Checking {folder} ...")
    manifest = archive.verify(folder)
    reasons = refusals(manifest)
    if reasons:
        raise archive.BackupError("Nothing was changed:\n  " + "\n  ".join(reasons))

    log("Bringing the database to the backup's migrations ...")
    _migrate_to(_backup_state_targets(manifest))
    log("Loading the database ...")
    _load_database(folder / archive.DATABASE)
    rows_before_migrating = _row_counts()
    log("Applying this version's newer migrations, if any ...")
    call_command("migrate", verbosity=0, interactive=False)

    entries = [entry for entry in manifest["files"] if "storage" in entry]
    log(f"Restoring {len(entries)} files ...")
    for entry in entries:
        storage = storages[entry["storage"]]
        with open(archive._local_path(folder, entry["path"]), "rb") as source:
            saved_as = storage.save(entry["name"], File(source, name=entry["name"]))
        if saved_as != entry["name"]:
            raise archive.BackupError(
                f"the {entry['storage']!r} storage saved {entry['name']} as {saved_as}"
            )

    log("Rebuilding the search index and Wagtail's reference index ...")
    call_command("update_index", verbosity=0)
    call_command("rebuild_references_index", verbosity=0)
    cache.clear()

    log("Checking the restored site against the manifest ...")
    problems = [
        f"{label}: {manifest['rows'][label]} rows in the backup, {count} restored"
        for label, count in rows_before_migrating.items()
        if label in manifest["rows"] and manifest["rows"][label] != count
    ]
    for entry in entries:
        size, digest = archive.stored_file_hash(entry["storage"], entry["name"])
        if (size, digest) != (entry["bytes"], entry["sha256"]):
            problems.append(f"{entry['storage']}:{entry['name']} differs from the backup's copy")
    if problems:
        raise archive.BackupError(
            "The restore does not match the backup:\n  " + "\n  ".join(problems)
        )
    return manifest


def _row_counts():
    existing = set(connection.introspection.table_names())
    return {
        model._meta.label: model._base_manager.count()
        for model in contents.backed_up_models()
        if model._meta.db_table in existing
    }
