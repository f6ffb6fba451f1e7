from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from networks.page_sections import add_network_page_context


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("Stories")

    def ready(self):
        from wagtail.models import AbstractPage
        from wagtail.permissions import register_permission_policy
        from wagtail.signals import page_published

        from media_library.renditions import renditions_ready

        from .queries import network_page_stories
        from .renditions import (
            purge_pages_showing_image,
            queue_story_renditions,
            register_story_specs,
        )
        from .visibility import NetworkPagePermissionPolicy

        # Replaces Wagtail's tree-only page policy for every page model: listings, search,
        # the explorer menu and reports then hide other networks' drafts.
        register_permission_policy(AbstractPage, NetworkPagePermissionPolicy())
        add_network_page_context(network_page_stories)
        page_published.connect(queue_story_renditions, dispatch_uid="news_story_renditions")
        renditions_ready.connect(purge_pages_showing_image, dispatch_uid="news_purge_image_pages")
        register_story_specs()
