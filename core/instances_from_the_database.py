"""Page instances read from the database made without modelcluster's scan of child relations.

django-modelcluster's ``ClusterableModel.__init__`` (checked against 6.5; the fingerprint in
``tests/test_wagtail_overrides.py`` fails when it changes) lists every child relation of the
model, and the name each is reached by, before it looks whether any was passed as a keyword:
about 45 Python calls for each page made, even one Django makes from a database row, which
passes its values by position and never a child relation. A story page makes about 21 page
instances (the pages on its route, the story, its related cards); the scan was about 7% of
its Python calls (docs/performance.md). With no keywords the scan finds nothing to set aside,
so here the constructor goes straight on to the next class's, as modelcluster's own does
when the scan finds nothing.
"""

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
