"""Publication times (go-live and expiry) belong to the people who may publish a page.

Checked against Wagtail 8.0.1: anyone who may edit a page gets its "go live" and "expiry"
fields (``PublishingPanel``, shown in the status side panel's schedule dialog) and the values are
stored in the draft; whoever publishes that draft later (an approval, a bulk publish) makes them
take effect. A reporter would then decide when a story goes out and plant an unpublication the
editor never chose. So:

* the two fields exist only in the form of someone who may publish the page (for a new page:
  publish below its parent). For anyone else Django never reads them from the request, and the
  page keeps the times its latest revision has, which only publishers set; restoring an older
  revision does not bring back that revision's times either;
* in their place the schedule dialog tells them that the editor decides, and that they may
  suggest a time in a comment.

The workflow's approval sets the times from the approving editor's choice (editorial.models).
"""

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import PublishingPanel
from wagtail.models import Page

from admin_thai.buddhist_era import BuddhistEraPublishingPanel

PUBLICATION_TIME_FIELDS = ("go_live_at", "expire_at")


def latest_publication_times(page):
    """The go-live and expiry times of the page's latest revision (None for a new page)."""
    revision = page.latest_revision if page.pk else None
    content = revision.content if revision is not None else {}
    return {name: _as_datetime(content.get(name)) for name in PUBLICATION_TIME_FIELDS}


def _as_datetime(value):
    return parse_datetime(value) if isinstance(value, str) else value


class PublicationTimesForPublishersOnly:
    """Mixin for WagtailAdminPageForm: see the module docstring."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is None or self.may_set_publication_times():
            return
        for name in PUBLICATION_TIME_FIELDS:
            self.fields.pop(name, None)
        for name, value in latest_publication_times(self.instance).items():
            setattr(self.instance, name, value)

    def may_set_publication_times(self):
        if self.instance.pk:
            return self.instance.permissions_for_user(self.for_user).can_publish()
        parent = getattr(self, "parent_page", None)
        return (
            parent is not None and parent.permissions_for_user(self.for_user).can_publish_subpage()
        )


class PublicationSchedulePanel(BuddhistEraPublishingPanel):
    """Wagtail's schedule dialog (Buddhist-Era years for Thai users); without the time fields it
    explains who sets the times."""

    class BoundPanel(PublishingPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.times_are_editable = self.form is None or all(
                name in self.form.fields for name in PUBLICATION_TIME_FIELDS
            )
            if not self.times_are_editable:
                self.template_name = "admin/publication_schedule_for_non_publishers.html"

        def is_shown(self):
            # The status panel's "Set schedule" button opens this dialog: keep it there.
            return True if not self.times_are_editable else super().is_shown()

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["editor_decides"] = _(
                "The editor decides when this is published and when it comes down."
            )
            context["suggest_in_comment"] = _(
                "Would you like it to go out at a certain time? Suggest the time in a comment "
                "to your editor (the comment button at the top of the page)."
            )
            return context


# Page.settings_panels in Wagtail 8.0.1: [PublishingPanel placeholder, CommentPanel placeholder].
SETTINGS_PANELS = [PublicationSchedulePanel(), *Page.settings_panels[1:]]
