"""The review step of the story workflow, and the media collection of each network."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Task, TaskState

from networks.models import Network
from news.visibility import stories_user_reviews, user_edits_page


class NetworkReviewTask(Task):
    """Review by an editor of one of the story's member networks (or the editor-in-chief).

    A story tagged with two networks can be approved by either network's editors.
    """

    admin_form_fields = Task.admin_form_fields

    class Meta:
        verbose_name = _("network editor review")
        verbose_name_plural = _("network editor reviews")

    @classmethod
    def get_description(cls):
        return _("Editors of the story's member networks, or the editor-in-chief, approve it.")

    def user_can_review(self, obj, user):
        return user_edits_page(user, obj)

    def user_can_access_editor(self, obj, user):
        return self.user_can_review(obj, user)

    def locked_for_user(self, obj, user):
        return not self.user_can_review(obj, user)

    def user_can_lock(self, obj, user):
        return self.user_can_review(obj, user)

    def get_actions(self, obj, user):
        if not self.user_can_review(obj, user):
            return []
        # Wagtail adds "and Publish" to the approve label of a workflow's last task
        # (wagtail.admin.action_menu.PageActionMenu), so the label here is only "Approve".
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Approve"), True),
        ]

    def get_form_for_action(self, action):
        from .forms import ApproveForm, RequestChangesForm

        return RequestChangesForm if action == "reject" else ApproveForm

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            from .scheduling import set_publication_times

            # Always, also when empty: "publish now" must not keep times the draft carried.
            set_publication_times(
                task_state.workflow_state.content_object,
                go_live_at=kwargs.pop("go_live_at", None),
                expire_at=kwargs.pop("expire_at", None),
            )
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        story_ids = stories_user_reviews(user)
        if story_ids is None:
            return states
        return states.filter(
            workflow_state__object_id__in=[str(pk) for pk in story_ids.values_list("pk", flat=True)]
        )


class NetworkCollection(models.Model):
    """The media collection a network's reporters upload into."""

    network = models.OneToOneField(
        Network,
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="media_collection",
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        verbose_name=_("collection"),
        on_delete=models.CASCADE,
        related_name="network_link",
    )

    class Meta:
        verbose_name = _("network collection")
        verbose_name_plural = _("network collections")
        permissions = [
            ("generate_image_urls", _("Can use the image URL generator")),
        ]

    def __str__(self):
        return str(self.collection)
