"""Story permissions by member network, on top of Wagtail's tree permissions.

Wagtail grants page permissions on a page and everything below it. Every story sits below one
stories section per language, so the tree cannot say "editors of the youth network publish
stories tagged youth". Reporters and network editors therefore get only "add" on the stories
sections (to create stories); what they may do to an existing story is decided here, from its
``networks`` and bylines. Editors-in-chief and administrators keep Wagtail's tree rules.
"""

from django.db.models import Q
from wagtail.models import PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

from .roles import roles_for

EDITOR_ACTIONS = frozenset({"change", "publish", "lock", "unlock"})


def story_network_ids(story):
    if story.pk is None:
        return set()
    # ParentalManyToMany: works on in-memory revisions too, where values_list() does not.
    return {network.pk for network in story.networks.all()}


def is_story_reporter(user, story):
    """The story's owner, or a co-reporter through its bylines."""
    if story.owner_id == user.pk:
        return True
    if story.pk is None:
        return False
    # Bylines in the database (saved on creation and publication) or in the draft being edited.
    if story.bylines.model.objects.filter(story_id=story.pk, reporter__user=user).exists():
        return True
    return any(byline.reporter.user_id == user.pk for byline in story.bylines.all())


def user_edits_story(user, story):
    """Editors of any of the story's networks, editors-in-chief and administrators."""
    roles = roles_for(user)
    if roles.sees_everything:
        return user.is_active
    story = story.specific if hasattr(story, "specific") else story
    if not hasattr(story, "networks"):
        return False
    return bool(roles.editor_networks & story_network_ids(story))


class StoryPermissionTester(PagePermissionTester):
    def __init__(self, user, page):
        super().__init__(user, page)
        self.roles = roles_for(user)
        self.scoped = user.is_active and self.roles.is_scoped
        if self.scoped:
            self.permissions = self._scoped_permissions()

    def _scoped_permissions(self):
        if user_edits_story(self.user, self.page):
            return set(EDITOR_ACTIONS)
        # A reporter edits their own story until it is published; after that, an editor does.
        if not self.page.live and is_story_reporter(self.user, self.page):
            return {"change"}
        return set()

    def can_delete(self, ignore_bulk=False):
        # Deleting and moving stories is for the editor-in-chief only.
        if self.scoped:
            return False
        return super().can_delete(ignore_bulk=ignore_bulk)

    def can_view_revisions(self):
        # Wagtail lets anyone with admin access list revisions; drafts stay with their people.
        return self.can_edit() or self.can_publish()


def visible_pages_filter(user):
    """A Q that hides drafts of other networks' stories from a scoped user (None: hide nothing)."""
    from news.models import StoryPage

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
        from news.models import StoryPage

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
