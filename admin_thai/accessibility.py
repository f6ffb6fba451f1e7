"""Names for the story editor's controls that a screen reader announced without one.

Checked against Wagtail 8.0.1 with axe-core 4 in Chromium. Three controls had no accessible
name (axe "critical"/"serious"):

* the tag box: Wagtail's tag widget hands its field to jQuery tag-it, which hides the labelled
  ``<input>`` and types into a new one of its own, with no label. ``LabelledTagField`` passes
  tag-it its ``placeholderText`` option (an accessible name, and a hint for sighted users), and
  ``static/admin_thai/accessibility.js`` points the new input at the field's visible label;
* the rich-text boxes (a story's paragraphs): Draftail renders a ``role="textbox"`` with only
  an ``aria-describedby``. Draftail takes ``ariaLabel`` among the options Wagtail passes it
  from the widget, so ``NamedDraftailRichTextArea`` (set in ``WAGTAILADMIN_RICH_TEXT_EDITORS``)
  adds one;
* chooser dialogs (image, document, page, link): Wagtail's ``modal-workflow.js`` builds the
  ``role="dialog"`` container in script, without a name; the script above names it after the
  heading of the chooser loaded into it.

All three go through Wagtail's public extension points (``register_form_field_override``, the
rich-text editor setting, ``insert_global_admin_js``). tests/test_newsroom_accessibility.py
fails if Wagtail stops passing these options through or changes the markup the script names.
"""

import json

from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.forms.tags import TagField
from wagtail.admin.rich_text.editors.draftail import DraftailRichTextArea
from wagtail.admin.widgets import AdminTagWidget

# The hooks below are read by admin_thai/wagtail_hooks.py.
ACCESSIBILITY_SCRIPT = "admin_thai/accessibility.js"
TAG_OPTIONS_ATTRIBUTE = "data-w-tag-options-value"


class NamedDraftailRichTextArea(DraftailRichTextArea):
    """Draftail with an accessible name for its text box (Draftail's ``ariaLabel`` prop)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options["ariaLabel"] = _("Text")


class LabelledTagWidget(AdminTagWidget):
    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        attrs = context["widget"]["attrs"]
        # Wagtail's TagController spreads this JSON into tag-it's options.
        options = json.loads(attrs[TAG_OPTIONS_ATTRIBUTE])
        options["placeholderText"] = str(_("Add a tag"))
        attrs[TAG_OPTIONS_ATTRIBUTE] = json.dumps(options)
        return context


class LabelledTagField(TagField):
    widget = LabelledTagWidget


def install():
    register_form_field_override(
        TaggableManager,
        override=lambda db_field: {
            "form_class": LabelledTagField,
            "tag_model": db_field.related_model,
        },
    )
