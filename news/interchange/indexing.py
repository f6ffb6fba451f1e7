"""Search and reference index updates, done once per object after a bulk write.

Wagtail updates both indexes from post_save signals, and a story is saved several times while it
is created, revised and published; a 10,000-story import would index each story three or four
times. During an import the signals are switched off and every touched object is indexed once
at the end, inside the same transaction. Disconnecting modelsearch's post_save handler is checked
against Wagtail 8.0.1 (tests/test_wagtail_overrides.py); Wagtail has no public switch for it.
"""

from contextlib import contextmanager

from django.db.models.signals import post_save
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


def index_objects(objects_by_model):
    """Indexes the given objects, grouped by concrete model, for search and references."""
    backends = list(get_search_backends(with_auto_update=True))
    for model, objects in objects_by_model.items():
        objects = list({obj.pk: obj for obj in objects}.values())
        for start in range(0, len(objects), CHUNK):
            chunk = objects[start : start + CHUNK]
            indexed = list(model.get_indexed_objects().filter(pk__in=[obj.pk for obj in chunk]))
            for backend in backends:
                backend.add_bulk(model, indexed)
            for obj in chunk:
                ReferenceIndex.create_or_update_for_object(obj)
