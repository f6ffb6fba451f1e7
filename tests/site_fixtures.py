"""Fixtures of the bilingual site skeleton, for the tests and the benchmarks alike.

A pytest plugin, not a conftest: the repository's conftest.py lists it in ``pytest_plugins`` so
that tests/ and bench/ both get these fixtures by name, without importing them.
"""

import pytest
from django.core.cache import cache

from demo import factories
from tests.story_helpers import build_site_tree


@pytest.fixture
def locales(db):
    return {code: factories.locale(code) for code in ("th", "en")}


@pytest.fixture
def site_tree(locales):
    """The bilingual skeleton every reader page hangs from: a home, About and networks page
    in Thai, each with its English translation, and the Thai home as the default site's root."""
    return build_site_tree(about=True)


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Each test starts with no page kept: the in-process cache outlives the test's database
    (page_cache, docs/caching.md)."""
    cache.clear()
