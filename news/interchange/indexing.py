"""Search and reference index updates, done once per object after a bulk write.

Wagtail updates both indexes from post_save signals, and a story is saved several times while it
is created, revised and published; a 10,000-story import would index each story three or four
times. During an import the signals are switched off and every touched object is indexed once
afterwards, by the task queue in chunks: the import answers without waiting for the index, and a
chunk that fails is retried on its own. The tasks are enqueued inside the import's transaction,
so with the database queue they exist exactly when the stories do (a rolled-back import leaves
none); imported stories appear in search once the worker has run them, seconds later. Disconnecting modelsearch's post_save handler is checked
against Wagtail 8.0.1 (tests/test_wagtail_overrides.py); Wagtail has no public switch for it.
"""

from contextlib import contextmanager

from django.apps import apps
from django.db.models.signals import post_save
from django_tasks import task
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update

CHUNK = 500


@contextmanager
def deferred_index_updates(models):
    """Stops per-save index updates for ``models`` while the block runs (this thread's
    reference index updates too); the caller indexes what it wrote with ``index_objects``."""
    disconnected = [
        model for model in models if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


def queue_index_updates(objects_by_model):
    """Enqueues the indexing of the given objects, grouped by concrete model, in chunks."""
    for model, objects in objects_by_model.items():
        pks = list(dict.fromkeys(obj.pk for obj in objects))
        for start in range(0, len(pks), CHUNK):
            index_chunk.enqueue(model._meta.label, pks[start : start + CHUNK])


@task()
def index_chunk(model_label, pks):
    """Indexes these objects for search and references; running it twice changes nothing."""
    model = apps.get_model(model_label)
    objects = list(model.objects.filter(pk__in=pks))
    indexed = list(model.get_indexed_objects().filter(pk__in=pks))
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, indexed)
    for obj in objects:
        ReferenceIndex.create_or_update_for_object(obj)
    return len(objects)
