"""The network scope shared by the permission policies of reporter profiles and tips
(``roles.policies.NetworkScopedPolicyMixin``), tried on its own.

Any model with a key to its network will do; the roles app's own ``EditorialGroup`` keeps the test
in roles terms. The policy under it lets every active user act on the model as a whole, so a
reporter's or another network's editor's refusal comes from the network scope alone.
"""

import pytest
from django.core.exceptions import ImproperlyConfigured
from wagtail.permission_policies import AuthenticationOnlyPermissionPolicy

from roles.models import EditorialGroup
from roles.policies import NetworkScopedPolicyMixin
from tests import roles_world

Role = EditorialGroup.Role
PEOPLE = ["reporter", "editor", "other_editor", "chief", "admin"]
# who may act on an object of the youth network
YOUTH = {"editor", "chief", "admin"}


class GroupPolicy(NetworkScopedPolicyMixin, AuthenticationOnlyPermissionPolicy):
    network_field = "network"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from roles_world.module_newsroom(django_db_setup, django_db_blocker)


@pytest.fixture
def objects(db, world):
    """One object of each network: its editors' group."""
    groups = EditorialGroup.objects.filter(role=Role.NETWORK_EDITOR)
    return {"youth": groups.get(network=world.youth), "elderly": groups.get(network=world.elderly)}


@pytest.mark.parametrize("who", PEOPLE)
def test_a_network_editor_acts_on_their_networks_objects_the_chief_on_all(world, objects, who):
    policy = GroupPolicy(EditorialGroup)
    user = getattr(world.people, who)
    may_youth = who in YOUTH
    may_elderly = who in {"other_editor", "chief", "admin"}
    assert policy.user_has_permission_for_instance(user, "change", objects["youth"]) is may_youth
    assert policy.user_has_permission_for_instance(user, "change", objects["elderly"]) is (
        may_elderly
    )
    listed = set(policy.instances_user_has_permission_for(user, "change"))
    assert (objects["youth"] in listed) is may_youth
    assert (objects["elderly"] in listed) is may_elderly
    if who in {"chief", "admin"}:
        assert listed == set(EditorialGroup.objects.all())


def test_the_users_of_an_object_are_its_networks_editors_the_chief_and_administrators(
    world, objects
):
    users = GroupPolicy(EditorialGroup).users_with_permission_for_instance(
        "change", objects["youth"]
    )
    assert {user.username for user in users} == {
        getattr(world.people, who).username for who in YOUTH
    }


def test_what_the_policy_below_refuses_stays_refused_even_for_administrators(world, objects):
    class ChangeOnly(GroupPolicy):
        def user_has_permission(self, user, action):
            return action == "change" and super().user_has_permission(user, action)

        def user_has_any_permission(self, user, actions):
            return any(self.user_has_permission(user, action) for action in actions)

    policy = ChangeOnly(EditorialGroup)
    admin = world.people.admin
    assert not policy.user_has_permission_for_instance(admin, "delete", objects["youth"])
    assert not policy.instances_user_has_permission_for(admin, "delete").exists()
    assert policy.instances_user_has_any_permission_for(admin, ["delete", "change"]).exists()


def test_a_policy_that_names_no_network_key_is_refused_when_first_used(db):
    class Misnamed(GroupPolicy):
        network_field = "owner_network"

    with pytest.raises(ImproperlyConfigured, match="owner_network"):
        Misnamed(EditorialGroup).model  # noqa: B018
