"""What the editor reads after deciding on a story: sent back, published, or scheduled.

After a workflow action in the page editor, Wagtail 8.0.1 (``EditView.perform_workflow_action``)
only says "Page '…' has been updated.", which never tells the editor whether the story went back
to the reporter or went live. ``after_edit_page`` (a public hook, run right after that message
is queued) replaces it with one that says what happened. Django's messages API is used as
documented: iterating the request's messages takes them off the queue, and those kept are
added back. tests/test_newsroom_messages.py fails if Wagtail's message or hook order changes.
"""

from django.contrib import messages as django_messages
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.models import TaskState

from thai_text.dates import format_datetime

from .models import NetworkReviewTask


def _latest_decision(story):
    return (
        TaskState.objects.for_instance(story)
        .exclude(finished_at=None)
        .select_related("task")
        .order_by("-finished_at", "-pk")
        .first()
    )


def _drop_wagtails_saved_message(request, story):
    saved = _("Page '%(page_title)s' has been updated.") % {
        "page_title": story.get_admin_display_title()
    }
    shown = {str(saved), str(escape(saved))}  # as queued: the text inside Wagtail's markup
    storage = django_messages.get_messages(request)
    kept = [
        message for message in storage if not any(text in str(message.message) for text in shown)
    ]
    for message in kept:
        django_messages.add_message(
            request, message.level, message.message, extra_tags=message.extra_tags
        )


def review_outcome_message(request, page):
    """Called from the ``after_edit_page`` hook; does nothing unless a review was decided."""
    if not request.POST.get("action-workflow-action"):
        return
    story = type(page).objects.get(pk=page.pk)  # as the action left it
    decision = _latest_decision(story)
    if decision is None or not isinstance(decision.task.specific, NetworkReviewTask):
        return
    title = story.get_admin_display_title()
    language = translation.get_language()  # the admin's language for this user
    _drop_wagtails_saved_message(request, story)
    if decision.status == TaskState.STATUS_REJECTED:
        messages.success(
            request,
            _("'%(title)s' was sent back to the reporter with your comment.") % {"title": title},
        )
        return
    if decision.status != TaskState.STATUS_APPROVED:
        return
    scheduled = story.scheduled_revision
    if scheduled is not None and scheduled.approved_go_live_at:
        messages.success(
            request,
            _("'%(title)s' is approved and will be published at %(time)s.")
            % {"title": title, "time": format_datetime(scheduled.approved_go_live_at, language)},
        )
    elif story.live and story.url:
        messages.success(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                _("'%(title)s' is published:") % {"title": title},
                story.full_url or story.url,
                story.full_url or story.url,
            ),
            buttons=[messages.button(story.url, _("View live"), new_window=False)],
        )
