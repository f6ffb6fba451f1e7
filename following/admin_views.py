"""The followers in the admin (Wagtail snippets, in Thai): administrators and editors-in-chief
only. Email addresses are personal data: they are shown here and nowhere else (no API, no feed,
no search index). Staff can see, count and delete; they cannot add or change a follower (only
the follower can, from their own link)."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from roles.access import roles_for
from roles.models import EditorialGroup

from .models import ConsentRecord, Frequency, Subscriber

ALLOWED_ACTIONS = {"view", "delete"}


class ChiefsOnlyPolicy(BasePermissionPolicy):
    """View and delete for administrators and editors-in-chief; nothing for anyone else."""

    def __init__(self, model, actions=ALLOWED_ACTIONS):
        super().__init__(model)
        self.actions = set(actions)

    def user_has_permission(self, user, action):
        return action in self.actions and roles_for(user).sees_everything

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if not set(actions) & self.actions:
            return users.none()
        return users.filter(
            Q(is_superuser=True)
            | Q(groups__editorial_role__role=EditorialGroup.Role.EDITOR_IN_CHIEF)
        ).distinct()


def follower_counts():
    confirmed = Q(confirmed_at__isnull=False)
    return Subscriber.objects.aggregate(
        confirmed=Count("pk", filter=confirmed),
        pending=Count("pk", filter=Q(confirmed_at__isnull=True)),
        daily=Count("pk", filter=confirmed & Q(frequency=Frequency.DAILY)),
        weekly=Count("pk", filter=confirmed & Q(frequency=Frequency.WEEKLY)),
        thai=Count("pk", filter=confirmed & Q(language="th")),
        english=Count("pk", filter=confirmed & Q(language="en")),
    )


class SubscriberIndexView(IndexView):
    template_name = "following/admin/subscriber_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["counts"] = follower_counts()
        return context


class SubscriberViewSet(SnippetViewSet):
    model = Subscriber
    icon = "mail"
    menu_label = _("Email followers")
    index_view_class = SubscriberIndexView
    list_display = [
        "email",
        Column("language", label=_("language"), accessor="get_language_display"),
        Column("frequency", label=_("how often"), accessor="get_frequency_display"),
        "confirmed_at",
        "last_digest_at",
    ]
    list_filter = ["frequency", "language"]
    search_fields = ["email"]
    search_backend_name = None
    inspect_view_enabled = True
    # Not the key inside the follower's links.
    inspect_view_fields = [
        "email",
        "language",
        "frequency",
        "networks",
        "topics",
        "districts",
        "reporters",
        "created_at",
        "confirmed_at",
        "last_digest_at",
    ]
    copy_view_enabled = False


class ConsentRecordViewSet(SnippetViewSet):
    model = ConsentRecord
    icon = "doc-full"
    menu_label = _("Consent records")
    list_display = ["action", "at", "consent_version", "language", "source"]
    list_filter = ["action", "language"]
    inspect_view_enabled = True
    copy_view_enabled = False


class FollowingViewSetGroup(SnippetViewSetGroup):
    items = (SubscriberViewSet, ConsentRecordViewSet)
    menu_icon = "mail"
    menu_label = _("Email followers")
    menu_name = "email-followers"
