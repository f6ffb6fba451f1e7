"""The story editor's action menu when an editor has asked for changes.

Checked against Wagtail 8.0.1. When a workflow waits for changes, Wagtail offers whoever
submitted the story three look-alike ways back to the editor: "Cancel workflow", "Restart
workflow" and "Resubmit to <task name>" (wagtail.admin.action_menu). Our workflow has one
step, so all three end the same way, and the task's name is data in one language. A reporter
gets one action, named in words they use. ``SubmitForModerationMenuItem`` is subclassed
rather than copied; tests/test_newsroom_actions.py fails if Wagtail renames what it relies on
(the item names and the ``label`` context key).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.action_menu import SubmitForModerationMenuItem
from wagtail.models import WorkflowState

from news.visibility import user_edits_page

SUBMIT = "action-submit"
WITHDRAW_ACTIONS = frozenset({"action-cancel-workflow", "action-restart-workflow"})


class ResubmitToEditorMenuItem(SubmitForModerationMenuItem):
    """Wagtail's own submit button (same name, same server path), labelled for a reporter."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["label"] = _("Send to the editor again")
        return context


def changes_requested(page):
    workflow_state = page.current_workflow_state if page is not None and page.pk else None
    return (
        workflow_state is not None and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    )


def one_way_back_to_the_editor(menu_items, request, context):
    """For a reporter whose story came back with changes requested: only "send again"."""
    page = context.get("page")
    if context.get("view") != "edit" or not changes_requested(page):
        return
    if user_edits_page(request.user, page):
        # Editors keep Wagtail's full menu: they may really want to cancel the review.
        return
    kept = []
    for item in menu_items:
        if item.name in WITHDRAW_ACTIONS:
            continue
        if item.name == SUBMIT:
            item = ResubmitToEditorMenuItem(order=item.order)
        kept.append(item)
    menu_items[:] = kept
