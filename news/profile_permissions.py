"""Who may manage reporter profiles in the admin.

Editors-in-chief and administrators: every profile. A network editor: the profiles of their own
networks, and no other, whichever screen asks (listing, edit, delete, history, usage, chooser,
bulk actions); so the rule lives in the permission policy Wagtail consults, not in one listing.
A reporter manages no profile here; they edit their own on the "my profile" screen
(``news.profile_views``).
"""

from wagtail.permission_policies import ModelPermissionPolicy

from roles.policies import NetworkScopedPolicyMixin


class ReporterProfilePermissionPolicy(NetworkScopedPolicyMixin, ModelPermissionPolicy):
    """Django's model permissions (granted by ``setup_roles``), narrowed to the networks a
    network editor edits."""

    network_field = "network"
