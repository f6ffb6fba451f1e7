from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Editorial roles and review")

    def ready(self):
        from wagtail.models import AbstractPage
        from wagtail.permissions import register_permission_policy

        from . import notifications
        from .permissions import NetworkPagePermissionPolicy

        # Replaces Wagtail's tree-only page policy for every page model: listings, search,
        # the explorer menu and reports then hide other networks' drafts.
        register_permission_policy(AbstractPage, NetworkPagePermissionPolicy())
        notifications.connect()
