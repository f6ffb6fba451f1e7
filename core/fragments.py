"""Template fragments each process keeps: Django's ``{% cache %}`` tag on the "fragments" cache
(``cms/settings/base.py``), in memory.

A fragment's key names everything its HTML depends on besides the code (the language, the
contact details), so nothing needs to remove a fragment when content changes: other content
is another key. What the key leaves out is fixed while a process runs (translations, URLs,
static files' names); a deployment starts new processes. Tests change settings in a running
process, so the fragments are forgotten then.
"""

from django.conf import settings
from django.core.cache import caches

FRAGMENTS = "fragments"


def forget_fragments(**kwargs):
    if FRAGMENTS in settings.CACHES:
        caches[FRAGMENTS].clear()
