"""Where the Thai admin changes Wagtail's own admin. Checked against Wagtail 8.0.1;
tests/test_wagtail_overrides.py fails when Wagtail changes what these rely on.

- ``label_link_chooser_fields``: Wagtail's link-chooser forms have no translatable labels.
- ``templates/wagtailadmin/shared/headers/_actions.html`` (a private admin partial): Wagtail's
  copy hard-codes ``aria-label="Actions"``; ours is the same markup with the label translatable.
  Screen readers in the Thai admin read it in Thai. No public hook sets that label.
"""

from django.utils.translation import gettext_lazy as _


def label_link_chooser_fields():
    """Wagtail 8.0's link dialogs (the rich-text "link" button) leave these labels to Django's
    default made from the field name ("Link text", "Email address"), which gettext never
    sees. Giving the fields translatable labels is the one way short of copying Wagtail's
    chooser templates; the forms are otherwise untouched."""
    from wagtail.admin.forms import choosers

    labels = {
        "link_text": _("Link text"),
        "email_address": _("Email address"),
        "subject": _("Subject"),
        "body": _("Body"),
        "phone_number": _("Phone number"),
    }
    for form in (
        choosers.ExternalLinkChooserForm,
        choosers.AnchorLinkChooserForm,
        choosers.EmailLinkChooserForm,
        choosers.PhoneLinkChooserForm,
    ):
        for name, field in form.base_fields.items():
            if name in labels:
                field.label = labels[name]
