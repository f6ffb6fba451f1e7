"""A page's address worked out once per process, not once per link.

Wagtail's ``Page.get_url_parts`` (checked against Wagtail 8.0.1) finds the site whose root
path begins the page's ``url_path``, then asks Django's ``reverse()`` for the rest inside
``translation.override``: about 45 µs a link. A story page draws 31 links to pages (its
cards, breadcrumbs, navigation, language versions), the home page 64: 1.4 and 2.9 ms of
their cold render. The answer depends only on the page's ``url_path``, the language, the
script prefix, the URL conf and the root paths of the sites that hold the page, so it is
kept under those: a page that moves has a new ``url_path``, a site that changes its host or
root new root paths, and settings changed in a running process (tests) empty the store.
"""

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf
from django.utils import translation

from .kept_answers import KeptAnswers

# Addresses of the pages linked to lately (about 2 KB each with their keys: 4 MB at most); a
# site of 100,000 stories in two languages would otherwise keep every one.
addresses = KeptAnswers(limit=2_000)


def url_parts(page, request, work_out):
    """``work_out(request)`` (Wagtail's ``get_url_parts``) for ``page``, kept under everything
    that decides it. A page under the roots of more than one site is answered from the
    request's site each time, as Wagtail does."""
    roots = page._get_relevant_site_root_paths(request)
    if len({root.site_id for root in roots}) > 1:
        return work_out(request)
    key = (page.url_path, translation.get_language(), get_script_prefix(), get_urlconf(), roots)
    return addresses.get(key, lambda: work_out(request))


@receiver(setting_changed)
def forget_page_addresses(**kwargs):
    addresses.clear()
