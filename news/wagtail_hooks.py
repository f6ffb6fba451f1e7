"""The admin screens of ``news``: topics and reporter profiles for editors, and each reporter's
own profile (docs/roles.md, "Who manages topics and reporter profiles")."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .models import ReporterProfile
from .profile_permissions import ReporterProfilePermissionPolicy
from .profile_views import URL_NAME, MyProfileView, may_edit_own_profile
from .viewsets import VocabularyViewSetGroup

# Registered before the viewsets, which would otherwise create Wagtail's model-wide policy.
register_permission_policy(ReporterProfile, ReporterProfilePermissionPolicy(ReporterProfile))
register_snippet(VocabularyViewSetGroup)


@hooks.register("register_admin_urls")
def register_my_profile_url():
    return [path("my-profile/", MyProfileView.as_view(), name=URL_NAME)]


class MyProfileMenuItem(MenuItem):
    def is_shown(self, request):
        return may_edit_own_profile(request.user)


@hooks.register("register_admin_menu_item")
def register_my_profile_menu_item():
    return MyProfileMenuItem(
        _("My profile"), reverse(URL_NAME), name="my-profile", icon_name="user", order=900
    )


@hooks.register("register_account_menu_item")
def my_profile_in_the_account_menu(request):
    if not may_edit_own_profile(request.user):
        return None
    return {
        "url": reverse(URL_NAME),
        "label": _("My reporter profile"),
        "help_text": _("The pen name, photo and bio readers see with your stories."),
    }
