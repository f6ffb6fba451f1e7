"""What an editor asked for, at the top of the story editor while the request is open."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel
from wagtail.models import WorkflowState


class ReviewerCommentPanel(Panel):
    """At the top of the story editor while an editor's request for changes is open: what the
    editor asked, who asked and when, where the reporter makes the changes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("heading", _("The editor asks for changes"))
        super().__init__(*args, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "news/reviewer_comment_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.review = None
            story = self.instance
            if story is not None and story.pk:
                workflow_state = story.current_workflow_state
                if (
                    workflow_state is not None
                    and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
                ):
                    self.review = workflow_state.current_task_state

        def is_shown(self):
            return self.review is not None and super().is_shown()

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["review"] = self.review
            return context
