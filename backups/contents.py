"""What a backup holds: which tables, which files, and what an empty site looks like.

The database is written with Django's JSON serializer, which both PostgreSQL and SQLite read
back. Every row keeps its primary key, content types and permissions included: revisions, the
StreamField bodies and generic relations (tags, log entries, workflow states) hold raw ids
inside JSON or as plain integers, so ids that changed on the way back would point elsewhere.
Natural keys would fix the foreign keys but not those ids.
"""

from django.apps import apps
from django.conf import settings
from django.core.files.storage import storages
from django.db import connection, models
from django.utils.functional import LazyObject, empty

# Tables left out, and why. Restore empties them and rebuilds what is rebuilt.
EXCLUDED_MODELS = {
    "sessions.Session": "sign-ins: everyone signs in again after a restore",
    "wagtailsearch.IndexEntry": "the search index: rebuilt by update_index after a restore",
    "wagtailsearch.SQLiteFTSIndexEntry": "the search index: rebuilt by update_index",
    "wagtailcore.ReferenceIndex": "Wagtail's usage index: rebuilt by rebuild_references_index",
    "wagtailadmin.EditingSession": "who has a page open in the editor at this moment",
    "axes.AccessAttempt": "sign-in throttling: counters for 15 minutes, with readers' addresses",
    "axes.AccessAttemptExpiration": "sign-in throttling (as above)",
    "axes.AccessFailureLog": "sign-in throttling (as above)",
    "axes.AccessLog": "sign-in throttling (as above)",
}

# Tables that `migrate` itself fills on an empty database (Wagtail's root and welcome pages,
# default site, collection, moderators' workflow and groups; our two locales; Django's content
# types and permissions). A restore target may hold these rows and nothing else; they are
# replaced by the backup's. tests/test_backup_refusals.py checks this list against a freshly
# migrated test database.
MIGRATION_SEEDED_MODELS = {
    "contenttypes.ContentType",
    "auth.Permission",
    "auth.Group",
    "wagtailcore.Locale",
    "wagtailcore.Site",
    "wagtailcore.Collection",
    "wagtailcore.GroupCollectionPermission",
    "wagtailcore.GroupPagePermission",
    "wagtailcore.Workflow",
    "wagtailcore.WorkflowTask",
    "wagtailcore.Task",
    "wagtailcore.GroupApprovalTask",
    "wagtailcore.WorkflowPage",
    "wagtailcore.Page",  # only pages of Wagtail's own base type: see database_contents()
}


def backed_up_models():
    """Every model with a table of its own, except the excluded ones, in a stable order."""
    return sorted(
        (
            model
            for model in apps.get_models()
            if model._meta.managed
            and not model._meta.proxy
            and model._meta.label not in EXCLUDED_MODELS
        ),
        key=lambda model: model._meta.label,
    )


def file_storage_aliases():
    """The storages uploads live in (settings.STORAGES without the static files)."""
    return [alias for alias in settings.STORAGES if alias != "staticfiles"]


def _unwrapped(storage):
    if isinstance(storage, LazyObject):
        if storage._wrapped is empty:
            storage._setup()
        return storage._wrapped
    return storage


def storage_alias(storage):
    """The name in settings.STORAGES of the storage a file field writes to."""
    target = _unwrapped(storage)
    for alias in file_storage_aliases():
        if storages[alias] is target:
            return alias
    raise LookupError(f"a file field writes to a storage not named in settings.STORAGES: {target}")


def referenced_files():
    """(storage alias, name) of every file a row of a backed-up table points to, sorted."""
    found = set()
    for model in backed_up_models():
        for field in model._meta.local_concrete_fields:
            if isinstance(field, models.FileField):
                alias = storage_alias(field.storage)
                names = (
                    model._base_manager.exclude(**{field.attname: ""})
                    .exclude(**{f"{field.attname}__isnull": True})
                    .values_list(field.attname, flat=True)
                )
                found.update((alias, name) for name in names)
    return sorted(found)


def database_contents():
    """{model label: rows} of every table that holds more than `migrate` puts there.

    An empty dict means the database is empty as far as a restore is concerned (never migrated,
    or migrated and untouched).
    """
    existing = set(connection.introspection.table_names())
    if "django_migrations" not in existing:
        return {}
    contents = {}
    for model in backed_up_models():
        if model._meta.db_table not in existing:
            continue
        label = model._meta.label
        if label == "wagtailcore.Page":
            rows = model._base_manager.exclude(
                content_type__app_label="wagtailcore", content_type__model="page"
            ).count()
        elif label in MIGRATION_SEEDED_MODELS:
            continue
        else:
            rows = model._base_manager.count()
        if rows:
            contents[label] = rows
    return contents


def stored_files(alias, limit=5):
    """Up to ``limit`` names of files in a storage (an empty list: the storage is empty)."""
    storage = storages[alias]
    found = []

    def walk(directory):
        try:
            folders, files = storage.listdir(directory)
        except FileNotFoundError:
            return
        for name in files:
            found.append(f"{directory}{name}")
            if len(found) >= limit:
                return
        for folder in folders:
            if len(found) >= limit:
                return
            walk(f"{directory}{folder}/")

    walk("")
    return found
