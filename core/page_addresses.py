"""A page's address worked out once per process, not once per link.

Wagtail's ``Page.get_url_parts`` (checked against Wagtail 8.0.1) finds the site whose root
path begins the page's ``url_path``, then asks Django's ``reverse()`` for the rest inside
``translation.override``: about 45 µs a link. A story page draws 31 links to pages (its
cards, breadcrumbs, navigation, language versions), the home page 64: 1.4 and 2.9 ms of
their cold render. The answer depends only on what the key below holds, so it is kept: a
page that moves has a new ``url_path``, a site that changes its host or root has new root
paths, and settings changed in a running process (tests) empty the memory.
"""

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf
from django.utils import translation

# Addresses of the pages linked to lately, per process (about 2 KB each with their keys: 4 MB
# at most); a site of 100,000 stories in two languages would otherwise keep every one.
MAX_REMEMBERED = 2_000

_remembered = {}
# One copy of each set of site root paths for all the keys (each request reads its own copy
# from the cache).
_root_paths_seen = {}


def url_parts(page, request, work_out):
    """``work_out(request)`` (Wagtail's ``get_url_parts``) for ``page``, remembered under
    everything that decides it. A page under the roots of more than one site is answered
    from the request's site each time, as Wagtail does."""
    root_paths = tuple(page._get_site_root_paths(request))
    root_paths = _root_paths_seen.setdefault(root_paths, root_paths)
    sites = {root.site_id for root in root_paths if page.url_path.startswith(root.root_path)}
    if len(sites) > 1:
        return work_out(request)
    key = (
        page.url_path,
        translation.get_language(),
        get_script_prefix(),
        get_urlconf(),
        root_paths,
    )
    try:
        return _remembered[key]
    except KeyError:
        pass
    parts = work_out(request)
    if len(_remembered) >= MAX_REMEMBERED:
        _remembered.clear()
        _root_paths_seen.clear()
    _remembered[key] = parts
    return parts


@receiver(setting_changed)
def forget_page_addresses(**kwargs):
    _remembered.clear()
    _root_paths_seen.clear()
