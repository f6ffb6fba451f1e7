from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistributionConfig(AppConfig):
    """Getting stories to readers beyond the site: feeds, sitemaps, meta tags, sharing, API."""

    name = "distribution"
    verbose_name = _("Distribution")

    def ready(self):
        from .invalidation import connect

        connect()
