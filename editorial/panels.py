"""Dashboard panels: a reporter's own stories, an editor's review queue, overdue schedules and
local-wisdom stories without the holder's recorded consent."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import TaskState, WorkflowState

from news.consent import stories_lacking_consent
from news.models import StoryPage
from roles.access import roles_for

from .models import NetworkReviewTask
from .scheduling import overdue_stories

STATE_LABELS = {
    "live": _("Published"),
    "live_with_draft": _("Published; newer draft not published"),
    "in_review": _("Waiting for an editor"),
    "changes_requested": _("Changes requested"),
    "scheduled": _("Approved; will be published at its time"),
    "draft": _("Draft, not yet submitted"),
}


def story_state(story):
    workflow_state = story.current_workflow_state
    if workflow_state is not None:
        if workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            return "changes_requested"
        return "in_review"
    if story.scheduled_revision is not None:
        return "scheduled"
    if story.live:
        return "live_with_draft" if story.has_unpublished_changes else "live"
    return "draft"


def last_reviewer_comment(story):
    state = (
        TaskState.objects.for_instance(story)
        .exclude(comment="")
        .exclude(finished_at=None)
        .select_related("finished_by")
        .order_by("-finished_at")
        .first()
    )
    return state


class MyStoriesPanel(Component):
    name = "editorial_my_stories"
    template_name = "editorial/panels/my_stories.html"
    order = 90

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        stories = (
            StoryPage.objects.filter(Q(owner=self.user) | Q(bylines__reporter__user=self.user))
            .distinct()
            .order_by("-latest_revision_created_at")[:20]
        )
        rows = []
        for story in stories:
            state = story_state(story)
            rows.append(
                {
                    "story": story,
                    "state": state,
                    "state_label": STATE_LABELS[state],
                    "review": last_reviewer_comment(story),
                }
            )
        context["rows"] = rows
        return context


class ReviewQueuePanel(Component):
    name = "editorial_review_queue"
    template_name = "editorial/panels/review_queue.html"
    order = 95

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        states = TaskState.objects.none()
        for task in NetworkReviewTask.objects.filter(active=True):
            states = states | task.get_task_states_user_can_moderate(self.user)
        rows = []
        for task_state in states.select_related("workflow_state", "revision__user").order_by(
            "started_at"
        ):
            story = task_state.workflow_state.content_object
            if story is None:
                continue
            story = story.specific
            rows.append(
                {
                    "story": story,
                    "task_state": task_state,
                    "networks": list(story.networks.all()),
                    "submitted_by": task_state.workflow_state.requested_by,
                }
            )
        context["rows"] = rows
        return context


class OverdueSchedulePanel(Component):
    name = "editorial_overdue_schedule"
    template_name = "editorial/panels/overdue.html"
    order = 50

    def __init__(self, overdue):
        self.overdue = overdue

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["overdue"] = self.overdue
        return context


class MissingConsentPanel(Component):
    """Shown only while there is something to do: every row is a story to fix or take down."""

    name = "editorial_missing_consent"
    template_name = "editorial/panels/missing_consent.html"
    order = 60
    LIMIT = 20

    def __init__(self, stories):
        self.stories = stories

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["stories"] = self.stories[: self.LIMIT]
        context["total"] = len(self.stories)
        return context


def panels_for(user):
    roles = roles_for(user)
    panels = []
    if roles.sees_everything or roles.editor_networks:
        overdue = overdue_stories(user=user)
        if overdue:
            panels.append(OverdueSchedulePanel(overdue))
        network_ids = None if roles.sees_everything else roles.editor_networks
        lacking_consent = list(stories_lacking_consent(network_ids))
        if lacking_consent:
            panels.append(MissingConsentPanel(lacking_consent))
        panels.append(ReviewQueuePanel(user))
    if roles.networks or roles.sees_everything:
        panels.append(MyStoriesPanel(user))
    return panels
