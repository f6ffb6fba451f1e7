"""Page instances read from the database made without modelcluster's scan of child relations,
and plain page rows copied into their own classes without Wagtail's field-by-field rebuild.

django-modelcluster's ``ClusterableModel.__init__`` (checked against 6.5; the fingerprint in
``tests/test_wagtail_overrides.py`` fails when it changes) lists every child relation of the
model, and the name each is reached by, before it looks whether any was passed as a keyword:
about 45 Python calls for each page made, even one Django makes from a database row, which
passes its values by position and never a child relation. A story page makes about 21 page
instances (the pages on its route, the story, its related cards); the scan was about 4% of
its Python calls (docs/performance.md). With no keywords the scan finds nothing to set aside,
so here the constructor goes straight on to the next class's, as modelcluster's own does
when the scan finds nothing.
"""

from django.db.models.base import ModelState
from modelcluster.models import ClusterableModel

_scanning_init = ClusterableModel.__init__


def _init_without_scan_when_no_keywords(self, *args, **kwargs):
    if kwargs:
        _scanning_init(self, *args, **kwargs)
    else:
        super(ClusterableModel, self).__init__(*args)


def skip_modelcluster_scan():
    if ClusterableModel.__init__ is _scanning_init:
        ClusterableModel.__init__ = _init_without_scan_when_no_keywords


def in_own_class(page):
    """``page.specific_deferred`` (Wagtail 8.0.1, ``SpecificMixin.get_specific(deferred=True)``,
    fingerprinted in tests/test_wagtail_overrides.py) for a page read as a plain ``Page`` row:
    the same copy in the page's own class, its own fields left to load when first read, made
    from the row's values at once. Wagtail reads each of the class's fields off the row and
    builds the copy through the model's constructor, about 100 Python calls for a section page;
    the route and the homes and sections of a request make three or four a page. Kept where
    ``page.specific_deferred`` keeps Wagtail's, so either way gives the same copy."""
    known = page.__dict__.get("specific_deferred")
    if known is not None:
        return known
    model = page.specific_class
    if model is None or isinstance(page, model):
        return page.specific_deferred
    copy = model.__new__(model)
    copy.__dict__.update(page.__dict__)
    # The links to the parent tables are the page's own id; the class's own fields stay out
    # of the copy's values, which is how Django marks a field deferred.
    for field in model._meta.concrete_fields:
        if field.one_to_one and field.remote_field.parent_link:
            copy.__dict__[field.attname] = page.pk
    copy._state = ModelState()
    copy._state.db = page._state.db
    copy._state.adding = page._state.adding
    copy._state.fields_cache = dict(page._state.fields_cache)
    page.__dict__["specific_deferred"] = copy
    return copy
