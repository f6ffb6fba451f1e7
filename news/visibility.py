"""Which stories a user sees and reviews in the admin: Wagtail's page policy, scoped by network.

The rules for one story are in news.permissions; this module turns them into querysets for the
explorer, choosers, reports, search and the review queue.
"""

from django.db.models import Q
from wagtail.permission_policies.pages import PagePermissionPolicy

from roles.access import roles_for

from .models import StoryPage
from .permissions import EDITOR_ACTIONS, user_edits_story


def user_edits_page(user, page):
    """``user_edits_story`` for any page: a page that is not a story has no network editors."""
    page = page.specific
    if isinstance(page, StoryPage):
        return user_edits_story(user, page)
    return roles_for(user).sees_everything and user.is_active


def stories_user_reviews(user):
    """Stories whose review the user may decide, or None when they may review every story."""
    roles = roles_for(user)
    if roles.sees_everything:
        return None
    return StoryPage.objects.filter(networks__in=roles.editor_networks).distinct()


def visible_pages_filter(user):
    """A Q that hides drafts of other networks' stories from a scoped user (None: hide nothing)."""
    roles = roles_for(user)
    if roles.sees_everything:
        return None
    hidden = (
        StoryPage.objects.filter(live=False)
        .exclude(networks__in=roles.networks)
        .exclude(owner=user)
        .exclude(bylines__reporter__user=user)
    )
    return ~Q(pk__in=hidden.values("pk"))


def hide_invisible_stories(queryset, user):
    condition = visible_pages_filter(user)
    return queryset if condition is None else queryset.filter(condition)


class NetworkPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, with stories scoped by network (see StoryPermissionTester)."""

    def __init__(self, model=None):
        super().__init__(model=model)

    def user_has_any_permission(self, user, actions):
        if super().user_has_any_permission(user, actions):
            return True
        # Network editors hold "publish" through their networks' stories, not the tree.
        return bool(set(actions) & EDITOR_ACTIONS and roles_for(user).editor_networks)

    def instances_user_has_any_permission_for(self, user, actions):
        # Wagtail's answer from the tree, minus other networks' drafts, plus the stories the
        # user works on through their networks and bylines: reports, the explorer and search
        # all start from here.
        pages = hide_invisible_stories(
            super().instances_user_has_any_permission_for(user, actions), user
        )
        roles = roles_for(user)
        if not user.is_active or not roles.is_scoped:
            return pages
        extra = StoryPage.objects.none()
        if set(actions) & EDITOR_ACTIONS and roles.editor_networks:
            extra = StoryPage.objects.filter(networks__in=roles.editor_networks)
        if "change" in actions:
            extra = extra | StoryPage.objects.filter(live=False, bylines__reporter__user=user)
        return self.model._default_manager.filter(
            Q(pk__in=pages.values("pk")) | Q(pk__in=extra.values("pk"))
        )

    def explorable_instances(self, user):
        return hide_invisible_stories(super().explorable_instances(user), user)
