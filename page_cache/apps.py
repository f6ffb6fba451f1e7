from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    """Whole pages for readers who are not signed in, kept in the site's cache (docs/caching.md)."""

    name = "page_cache"
    verbose_name = _("Page cache")

    def ready(self):
        from django.core.signals import setting_changed

        from core.cache import cache_recovered

        from .generation import start_new_generation
        from .process_copies import process_copies

        cache_recovered.connect(start_new_generation, dispatch_uid="page_cache_recovered")
        # A test that changes a setting (the page cache's lifetime, the cache itself) starts
        # without the pages this process held before.
        setting_changed.connect(process_copies.forget, dispatch_uid="page_cache_forget_copies")
