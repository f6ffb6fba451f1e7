"""Who may do what: a user's editorial roles, read from their Wagtail groups.

Membership is explicit: each network has a "Reporters: <slug>" and an "Editors: <slug>" group,
linked to the network by an ``EditorialGroup`` row, so administrators manage people in Wagtail's
own Users and Groups screens and collection permissions attach to the same groups.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from .models import EditorialGroup

_CACHE_ATTR = "_editorial_roles"


@dataclass(frozen=True)
class EditorialRoles:
    is_admin: bool
    is_chief: bool
    reporter_networks: frozenset
    editor_networks: frozenset

    @property
    def networks(self):
        return self.reporter_networks | self.editor_networks

    @property
    def sees_everything(self):
        return self.is_admin or self.is_chief

    @property
    def is_scoped(self):
        """A reporter or network editor: story rights come from network tags, not the tree."""
        return not self.sees_everything


def roles_for(user):
    """The user's roles, cached on the user object for the rest of the request."""
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    if not user.is_authenticated or not user.is_active:
        roles = EditorialRoles(False, False, frozenset(), frozenset())
    else:
        reporter, editor, chief = set(), set(), False
        for role, network_id in EditorialGroup.objects.filter(group__user=user).values_list(
            "role", "network_id"
        ):
            if role == EditorialGroup.Role.EDITOR_IN_CHIEF:
                chief = True
            elif role == EditorialGroup.Role.NETWORK_EDITOR:
                editor.add(network_id)
            else:
                reporter.add(network_id)
        roles = EditorialRoles(user.is_superuser, chief, frozenset(reporter), frozenset(editor))
    setattr(user, _CACHE_ATTR, roles)
    return roles


def network_editors(network_ids):
    """Active users who edit any of these networks."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__editorial_role__role=EditorialGroup.Role.NETWORK_EDITOR,
            groups__editorial_role__network_id__in=list(network_ids),
        )
        .distinct()
    )


def editors_in_chief():
    """Active users who are editors-in-chief."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True, groups__editorial_role__role=EditorialGroup.Role.EDITOR_IN_CHIEF
        )
        .distinct()
    )
