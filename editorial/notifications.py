"""Emails at each review step, to the story's reporters and its networks' editors.

Wagtail's own notifiers already email the person who submitted (on approval and rejection)
and administrators (on submission); these add everyone else who works on the story, using
Wagtail's notification machinery and templates, which honour each user's notification
preferences and preferred language.

Every notifier here, Wagtail's four included, writes its subject on one line
(OneLineSubjectMixin): a story title is typed by a reporter, and one with a line break in it
would otherwise make Django refuse the whole email.
"""

from django.contrib.auth import get_user_model
from wagtail.admin import mail
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import (
    page_published,
    task_submitted,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)

from news.permissions import story_network_ids
from roles.access import network_editors

from .models import NetworkReviewTask


def story_people(story):
    """The story's owner, its co-reporters with accounts, and its networks' editors."""
    User = get_user_model()
    reporter_ids = set(
        story.bylines.exclude(reporter__user=None).values_list("reporter__user", flat=True)
    )
    if story.owner_id:
        reporter_ids.add(story.owner_id)
    reporters = User.objects.filter(pk__in=reporter_ids, is_active=True)
    return set(reporters) | set(network_editors(story_network_ids(story)))


def _story_of(workflow_state):
    obj = workflow_state.content_object
    obj = obj.specific if obj is not None else None
    return obj if obj is not None and hasattr(obj, "bylines") else None


def _in_network_review(workflow_state):
    return workflow_state.workflow.workflow_tasks.filter(
        task__content_type__model=NetworkReviewTask._meta.model_name,
        task__content_type__app_label=NetworkReviewTask._meta.app_label,
    ).exists()


ONE_LINE_SUBJECT = "editorial/notifications/one_line_subject.txt"


class OneLineSubjectMixin:
    """The email subject on one line, whatever the story's title holds.

    Checked against Wagtail 8.0.1: ``EmailNotificationMixin.send_emails`` renders
    ``template_set["subject"]`` with the page title as typed (``|safe``), and Django refuses a
    header with a line break (BadHeaderError), which Wagtail logs while the email is lost.
    Wagtail's subject template is rendered inside ours, which joins its lines; the text and
    HTML parts are Wagtail's templates, unchanged (the HTML one escapes the title).
    """

    def get_template_set(self, instance, **kwargs):
        return {**super().get_template_set(instance, **kwargs), "subject": ONE_LINE_SUBJECT}

    def get_context(self, instance, **kwargs):
        context = super().get_context(instance, **kwargs)
        context["subject_template"] = super().get_template_set(instance, **kwargs)["subject"]
        return context


class ReviewSubmittedNotifier(OneLineSubjectMixin, mail.EmailNotificationMixin, mail.Notifier):
    notification = "submitted"

    def __init__(self):
        super().__init__((TaskState,))

    def can_handle(self, instance, **kwargs):
        return super().can_handle(instance, **kwargs) and isinstance(
            instance.task.specific, NetworkReviewTask
        )

    def get_template_base_prefix(self, instance, **kwargs):
        return "task_state_"

    def get_context(self, task_state, **kwargs):
        context = super().get_context(task_state, **kwargs)
        context["task"] = task_state.task.specific
        context["object"] = task_state.workflow_state.content_object.specific
        context["page"] = context["object"]
        context["model_name"] = context["object"]._meta.verbose_name
        return context

    def get_recipient_users(self, task_state, **kwargs):
        story = _story_of(task_state.workflow_state)
        if story is None:
            return set()
        return story_people(story) - {kwargs.get("user")}


class _StoryPeopleMixin:
    """Wagtail already emails the submitter; this adds the other reporters and the editors."""

    def can_handle(self, instance, **kwargs):
        return (
            super().can_handle(instance, **kwargs)
            and _story_of(instance) is not None
            and _in_network_review(instance)
        )

    def get_recipient_users(self, workflow_state, **kwargs):
        return story_people(_story_of(workflow_state)) - {
            kwargs.get("user"),
            workflow_state.requested_by,
        }


class ReviewApprovedNotifier(
    _StoryPeopleMixin, OneLineSubjectMixin, mail.WorkflowStateApprovalEmailNotifier
):
    pass


class ReviewRejectedNotifier(
    _StoryPeopleMixin, OneLineSubjectMixin, mail.WorkflowStateRejectionEmailNotifier
):
    pass


class ScheduledPublishNotifier(OneLineSubjectMixin, mail.EmailNotificationMixin, mail.Notifier):
    """When the scheduler publishes a story at its set time, everyone on it hears so."""

    notification = "approved"
    template_directory = "editorial/notifications/"

    def __init__(self):
        super().__init__((object,))

    def can_handle(self, instance, **kwargs):
        revision = kwargs.get("revision")
        return (
            hasattr(instance, "bylines")
            and revision is not None
            and revision.approved_go_live_at is not None
        )

    def get_template_base_prefix(self, instance, **kwargs):
        return "story_"

    def get_context(self, instance, **kwargs):
        context = super().get_context(instance, **kwargs)
        context["page"] = instance
        return context

    def get_recipient_users(self, instance, **kwargs):
        return story_people(instance)


# Wagtail's own notifiers, as wagtail.admin.signal_handlers (Wagtail 8.0.1) connects them,
# each replaced by the same notifier with a one-line subject under the same dispatch_uid.
WAGTAIL_NOTIFIERS = [
    (
        task_submitted,
        TaskState,
        "group_approval_task_submitted_email_notification",
        mail.GroupApprovalTaskStateSubmissionEmailNotifier,
    ),
    (
        workflow_submitted,
        WorkflowState,
        "workflow_state_submitted_email_notification",
        mail.WorkflowStateSubmissionEmailNotifier,
    ),
    (
        workflow_rejected,
        WorkflowState,
        "workflow_state_rejected_email_notification",
        mail.WorkflowStateRejectionEmailNotifier,
    ),
    (
        workflow_approved,
        WorkflowState,
        "workflow_state_approved_email_notification",
        mail.WorkflowStateApprovalEmailNotifier,
    ),
]


def _one_line(notifier_class):
    return type(f"OneLine{notifier_class.__name__}", (OneLineSubjectMixin, notifier_class), {})


def connect():
    for signal, sender, dispatch_uid, notifier_class in WAGTAIL_NOTIFIERS:
        # Whichever app is ready first, the slot holds ours: connecting again under a taken
        # dispatch_uid (as wagtail.admin does after this app) changes nothing.
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
        signal.connect(
            _one_line(notifier_class)(), sender=sender, dispatch_uid=dispatch_uid, weak=False
        )
    task_submitted.connect(
        ReviewSubmittedNotifier(),
        sender=TaskState,
        dispatch_uid="editorial_review_submitted",
        weak=False,
    )
    workflow_approved.connect(
        ReviewApprovedNotifier(),
        sender=WorkflowState,
        dispatch_uid="editorial_review_approved",
        weak=False,
    )
    workflow_rejected.connect(
        ReviewRejectedNotifier(),
        sender=WorkflowState,
        dispatch_uid="editorial_review_rejected",
        weak=False,
    )
    page_published.connect(
        ScheduledPublishNotifier(), dispatch_uid="editorial_story_published", weak=False
    )
