from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    """Whole pages for readers who are not signed in, kept in the site's cache (docs/caching.md)."""

    name = "page_cache"
    verbose_name = _("Page cache")

    def ready(self):
        from core.cache import cache_recovered

        from .generation import start_new_generation

        cache_recovered.connect(start_new_generation, dispatch_uid="page_cache_recovered")
