from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistributionConfig(AppConfig):
    """Getting stories to readers beyond the site: feeds, sitemaps, meta tags, sharing, API."""

    name = "distribution"
    verbose_name = _("Distribution")

    def ready(self):
        from django.db.models.signals import post_save

        from networks.models import Network

        from .invalidation import connect
        from .podcast import queue_network_cover

        connect()
        post_save.connect(queue_network_cover, sender=Network, dispatch_uid="podcast_cover")
