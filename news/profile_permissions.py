"""Who may manage reporter profiles in the admin.

Editors-in-chief and administrators: every profile. A network editor: the profiles of their own
networks, and no other, whichever screen asks (listing, edit, delete, history, usage, chooser,
bulk actions); so the rule lives in the permission policy Wagtail consults, not in one listing.
A reporter manages no profile here; they edit their own on the "my profile" screen
(``news.profile_views``).
"""

from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

from roles.access import roles_for
from roles.models import EditorialGroup


class ReporterProfilePermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions (granted by ``setup_roles``), narrowed to the networks a
    network editor edits."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        roles = roles_for(user)
        return roles.sees_everything or instance.network_id in roles.editor_networks

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        profiles = self.model._default_manager.all()
        if not self.user_has_any_permission(user, actions):
            return profiles.none()
        roles = roles_for(user)
        if roles.sees_everything:
            return profiles
        return profiles.filter(network__in=roles.editor_networks)

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])

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
