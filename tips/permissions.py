"""Who sees a tip: the editors of its network, the editor-in-chief and administrators.

The one rule every door asks (the inbox list, a tip's page, its photos, every action, the menu
item and its count): registered as Wagtail's permission policy for Tip in wagtail_hooks.
Reporters, and editors of other networks, see nothing: a tip's sender may be a source who must
stay unknown beyond the editors who handle it.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from roles.access import roles_for
from roles.models import EditorialGroup
from roles.policies import NetworkScopedPolicyMixin

ACTIONS = {"view", "change", "delete"}


class TipPermissionPolicy(NetworkScopedPolicyMixin, BasePermissionPolicy):
    network_field = "network"

    def user_has_permission(self, user, action):
        if action not in ACTIONS or not user.is_active:
            return False
        roles = roles_for(user)
        return roles.sees_everything or bool(roles.editor_networks)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        if not set(actions) & ACTIONS:
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(
                Q(is_superuser=True)
                | Q(
                    groups__editorial_role__role__in=[
                        EditorialGroup.Role.EDITOR_IN_CHIEF,
                        EditorialGroup.Role.NETWORK_EDITOR,
                    ]
                )
            )
            .distinct()
        )

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])
