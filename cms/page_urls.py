"""Wagtail's page-serving URLs with a path pattern that accepts Thai slugs.

Wagtail's own pattern, ``^((?:[\\w\\-]+/)*)$``, has the same flaw as Django's slug validator:
``\\w`` excludes combining marks, so /th/เกี่ยวกับเรา/ never reaches a page and
``page.url`` cannot be reversed (it is None). This copy of ``wagtail.urls`` differs only in
that pattern: any path segment without a slash reaches ``serve``, which answers 404 when no
page has that slug. Checked against Wagtail 8.0.1 (tests/test_wagtail_overrides.py fails when
Wagtail's pattern changes); Wagtail has no setting for the pattern.
"""

from django.urls import re_path
from wagtail import urls as wagtail_urls

from core.page_routing import serve

urlpatterns = [
    pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"
] + [
    # core.page_routing.serve is Wagtail's serve with the page found in three queries.
    re_path(r"^((?:[^/]+/)*)$", serve, name="wagtail_serve"),
]
