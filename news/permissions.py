"""Story permissions by member network, on top of Wagtail's tree permissions.

Wagtail grants page permissions on a page and everything below it. Every story sits below one
stories section per language, so the tree cannot say "editors of the youth network publish
stories tagged youth". Reporters and network editors therefore get only "add" on the stories
sections (to create stories); what they may do to an existing story is decided here, from its
``networks`` and bylines. Editors-in-chief and administrators keep Wagtail's tree rules.
What a user may see in the admin's lists is in news.visibility.
"""

from wagtail.models import PagePermissionTester

from roles.access import roles_for

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
    """Editors of any of the story's networks, editors-in-chief and administrators.

    ``story`` is a StoryPage; ``news.visibility.user_edits_page`` answers for any page.
    """
    roles = roles_for(user)
    if roles.sees_everything:
        return user.is_active
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
