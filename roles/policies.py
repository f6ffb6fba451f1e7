"""Permission policies for objects that belong to one member network."""

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db.models import Q

from .access import roles_for
from .models import EditorialGroup


class NetworkScopedPolicyMixin:
    """Narrows a Wagtail permission policy to the objects of the networks a user edits.

    Editors-in-chief and administrators act on every object, a network editor on the objects of
    their own networks, anyone else on none; whatever the policy it is mixed into allows for the
    model as a whole is asked first. Reporter profiles and readers' tips both follow this rule,
    and it lives here once so the two cannot come to disagree on who sees which network's objects.

    Mix it in before the Wagtail policy class and set ``network_field``, the name of the model's
    foreign key to its ``networks.Network``. Wagtail's base policy derives the remaining
    per-instance methods from the three below.
    """

    network_field: str

    def check_model(self, model):
        super().check_model(model)
        try:
            model._meta.get_field(self.network_field)
        except FieldDoesNotExist as error:
            raise ImproperlyConfigured(
                f"{model.__name__} has no field {self.network_field!r}: set network_field on "
                f"{type(self).__name__} to the model's key to its network."
            ) from error

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        roles = roles_for(user)
        network_id = instance.serializable_value(self.network_field)
        return roles.sees_everything or network_id in roles.editor_networks

    def instances_user_has_any_permission_for(self, user, actions):
        objects = self.model._default_manager.all()
        if not self.user_has_any_permission(user, actions):
            return objects.none()
        roles = roles_for(user)
        if roles.sees_everything:
            return objects
        return objects.filter(**{f"{self.network_field}__in": roles.editor_networks})

    def users_with_any_permission_for_instance(self, actions, instance):
        return (
            self.users_with_any_permission(actions)
            .filter(
                Q(is_superuser=True)
                | Q(groups__editorial_role__role=EditorialGroup.Role.EDITOR_IN_CHIEF)
                | Q(
                    groups__editorial_role__role=EditorialGroup.Role.NETWORK_EDITOR,
                    groups__editorial_role__network_id=instance.serializable_value(
                        self.network_field
                    ),
                )
            )
            .distinct()
        )
