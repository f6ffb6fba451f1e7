"""The admin screens where editors manage the stories' vocabulary: topics and reporter profiles.

Topics are one list for the whole site: every editor (network editors, editors-in-chief,
administrators) may add, rename and remove them. Reporter profiles belong to a network: a
network editor sees and changes only their own networks' reporters (``news.profile_permissions``
decides, for every screen). Searching is plain database matching (``icontains``), so Thai
names are found from any part of the word.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.images.widgets import AdminImageChooser
from wagtail.permissions import policy_registry
from wagtail.snippets.views import chooser, snippets

from networks.models import Network
from roles.access import roles_for

from .models import ReporterProfile, Topic


class TopicViewSet(snippets.SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    list_display = ["name_th", "name_en", "slug"]
    search_fields = ["name_th", "name_en", "slug"]
    search_backend_name = None
    copy_view_enabled = False


class PhotoChooser(AdminImageChooser):
    """Wagtail's image chooser. A re-shown form whose posted photo is not an id shows no
    photo: Wagtail 8.0.1's chooser widget looks the text up as an id and fails with a 500."""

    def get_instance(self, value):
        if isinstance(value, str) and not value.isdigit():
            return None
        return super().get_instance(value)


class ReporterProfileForm(WagtailAdminModelForm):
    """A network editor files profiles under their own networks and links them to the
    accounts of those networks; the server refuses anything else, whatever is posted."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photo"].widget = PhotoChooser()
        roles = roles_for(self.for_user)
        if roles.sees_everything:
            return
        network = self.fields["network"]
        network.queryset = Network.objects.filter(pk__in=roles.editor_networks)
        network.required = True
        network.error_messages["invalid_choice"] = _("Choose one of your own member networks.")
        user = self.fields["user"]
        user.queryset = (
            get_user_model()
            .objects.filter(
                Q(groups__editorial_role__network__in=roles.editor_networks)
                | Q(pk=self.instance.user_id)
            )
            .distinct()
        )
        user.error_messages["invalid_choice"] = _(
            "Choose the account of a reporter of your own member network."
        )


def profiles_user_may_manage(user):
    return policy_registry.get_by_type(ReporterProfile).instances_user_has_any_permission_for(
        user, ["change", "delete"]
    )


class InScopeObjectMixin:
    """Every screen about one profile asks the permission policy about that profile; a
    network editor who types another network's address gets 403, not the page."""

    instance_action = "change"

    def get_object(self, *args, **kwargs):
        profile = super().get_object(*args, **kwargs)
        policy = policy_registry.get_by_type(ReporterProfile)
        if not policy.user_has_permission_for_instance(
            self.request.user, self.instance_action, profile
        ):
            raise PermissionDenied
        return profile


class ProfileIndexView(snippets.IndexView):
    def get_base_queryset(self):
        allowed = profiles_user_may_manage(self.request.user)
        return super().get_base_queryset().filter(pk__in=allowed.values("pk"))


class ProfileEditView(InScopeObjectMixin, snippets.EditView):
    pass


class ProfileDeleteView(InScopeObjectMixin, snippets.DeleteView):
    instance_action = "delete"


class ProfileUsageView(InScopeObjectMixin, snippets.UsageView):
    pass


class ProfileHistoryView(InScopeObjectMixin, snippets.HistoryView):
    pass


class ProfilesInScopeMixin:
    def get_object_list(self):
        return profiles_user_may_manage(self.request.user)


class ProfileChooseView(ProfilesInScopeMixin, chooser.ChooseView):
    pass


class ProfileChooseResultsView(ProfilesInScopeMixin, chooser.ChooseResultsView):
    pass


class ProfileChosenView(chooser.SnippetChosenView):
    def get_object(self, pk):
        if not str(pk).isdigit():
            raise ReporterProfile.DoesNotExist
        return profiles_user_may_manage(self.request.user).get(pk=pk)


class ProfileChosenMultipleView(chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        numbers = [pk for pk in pks if str(pk).isdigit()]
        return profiles_user_may_manage(self.request.user).filter(pk__in=numbers)


class ReporterProfileChooserViewSet(chooser.SnippetChooserViewSet):
    # The story form's byline keeps its own select (news.models.bylines); this chooser is reached only
    # by its address, and lists only the profiles the user may manage.
    register_widget = False
    choose_view_class = ProfileChooseView
    choose_results_view_class = ProfileChooseResultsView
    chosen_view_class = ProfileChosenView
    chosen_multiple_view_class = ProfileChosenMultipleView


class ReporterProfileViewSet(snippets.SnippetViewSet):
    model = ReporterProfile
    icon = "user"
    menu_label = _("Reporter profiles")
    list_display = ["display_name", "network", "user", "slug"]
    list_filter = ["network"]
    search_fields = ["display_name", "slug", "bio"]
    search_backend_name = None
    copy_view_enabled = False
    index_view_class = ProfileIndexView
    edit_view_class = ProfileEditView
    delete_view_class = ProfileDeleteView
    usage_view_class = ProfileUsageView
    history_view_class = ProfileHistoryView
    chooser_viewset_class = ReporterProfileChooserViewSet
    edit_handler = ObjectList(
        [
            FieldPanel("display_name"),
            FieldPanel("slug"),
            FieldPanel("network"),
            FieldPanel("photo"),
            FieldPanel("bio"),
            FieldPanel("user"),
        ],
        base_form_class=ReporterProfileForm,
    )


class VocabularyViewSetGroup(snippets.SnippetViewSetGroup):
    items = (TopicViewSet, ReporterProfileViewSet)
    menu_icon = "tag"
    menu_label = _("Topics and reporters")
    menu_order = 210
