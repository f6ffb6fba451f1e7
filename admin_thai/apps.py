from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdminThaiConfig(AppConfig):
    name = "admin_thai"
    verbose_name = _("Thai admin")

    def ready(self):
        from . import accessibility, buddhist_era

        label_link_chooser_fields()
        buddhist_era.install()
        accessibility.install()


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
