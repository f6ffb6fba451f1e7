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

ACTIONS = {"view", "change", "delete"}


class TipPermissionPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        if action not in ACTIONS or not user.is_active:
            return False
        roles = roles_for(user)
        return roles.sees_everything or bool(roles.editor_networks)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        roles = roles_for(user)
        return roles.sees_everything or instance.network_id in roles.editor_networks

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        tips = self.model._default_manager.all()
        if not self.user_has_any_permission(user, actions):
            return tips.none()
        roles = roles_for(user)
        if roles.sees_everything:
            return tips
        return tips.filter(network__in=roles.editor_networks)

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])

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

    def users_with_any_permission_for_instance(self, actions, instance):
        return (
            self.users_with_any_permission(actions)
            .filter(
                Q(is_superuser=True)
                | Q(groups__editorial_role__role=EditorialGroup.Role.EDITOR_IN_CHIEF)
                | Q(
                    groups__editorial_role__role=EditorialGroup.Role.NETWORK_EDITOR,
                    groups__editorial_role__network_id=instance.network_id,
                )
            )
            .distinct()
        )

    def users_with_permission_for_instance(self, action, instance):
        return self.users_with_any_permission_for_instance([action], instance)
