"""The inbox's place in the admin: its addresses, its menu item with the count of new tips,
its permission policy and the names of its logged actions."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from . import admin_urls
from .admin_views import new_tip_count, policy
from .models import Tip
from .permissions import TipPermissionPolicy

register_permission_policy(Tip, TipPermissionPolicy(Tip))


@hooks.register("register_admin_urls")
def register_tips_urls():
    return [path("tips/", include(admin_urls, namespace="tips_admin"))]


class TipsMenuItem(MenuItem):
    def is_shown(self, request):
        return policy().user_has_permission(request.user, "view")

    def render_component(self, request):
        component = super().render_component(request)
        count = new_tip_count(request.user)
        if count:
            # The badge: how many tips no one has opened a case for yet.
            component.label = f"{self.label} ({count})"
        return component


@hooks.register("register_admin_menu_item")
def register_tips_menu_item():
    return TipsMenuItem(
        _("News from the community"),
        reverse("tips_admin:index"),
        name="tips",
        icon_name="mail",
        order=250,
    )


@hooks.register("register_log_actions")
def register_tip_actions(actions):
    actions.register_action("tips.make_story", _("Draft story made"), _("Draft story made"))
    actions.register_action("tips.answer", _("Answered"), _("Answered"))
