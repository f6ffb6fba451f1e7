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


# Addresses below a routable page ("topic/health/"): a section's listings and networks.
subpage_addresses = KeptAnswers(limit=2_000)


class KeptSubpageAddresses:
    """For a routable page, listed before ``RoutablePageMixin``: ``reverse_subpage`` kept per
    process. Wagtail asks Django's resolver each time (about 33 µs; a story page draws eight,
    its topics', tags' and networks' listings). The answer depends only on the page's class
    (its routes), the route's name and values, and the language, so it is kept under those."""

    def reverse_subpage(self, name, args=None, kwargs=None):
        key = (
            type(self),
            name,
            tuple(args or ()),
            tuple(sorted((kwargs or {}).items())),
            translation.get_language(),
        )
        return subpage_addresses.get(
            key, lambda: super(KeptSubpageAddresses, self).reverse_subpage(name, args, kwargs)
        )


@receiver(setting_changed)
def forget_page_addresses(**kwargs):
    addresses.clear()
    subpage_addresses.clear()
