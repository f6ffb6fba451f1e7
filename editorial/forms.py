from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from admin_thai.buddhist_era import BuddhistEraDateTimeInput


class RequestChangesForm(forms.Form):
    comment = forms.CharField(
        label=_("What should the reporter change?"),
        required=True,
        widget=forms.Textarea({"rows": 4}),
        help_text=_("The reporter sees this on their dashboard and in an email."),
    )


class ApproveForm(forms.Form):
    """The approving editor decides the publication times; a draft's own times never count
    (editorial.scheduling.set_publication_times)."""

    comment = forms.CharField(
        label=_("Comment for the reporter"), required=False, widget=forms.Textarea({"rows": 2})
    )
    go_live_at = forms.DateTimeField(
        label=_("Publish at"),
        required=False,
        widget=BuddhistEraDateTimeInput,  # Buddhist-Era years in Thai (admin_thai)
        help_text=_("Leave empty to publish now, or choose a later date and time."),
    )
    expire_at = forms.DateTimeField(
        label=_("Unpublish at"),
        required=False,
        widget=BuddhistEraDateTimeInput,
        help_text=_("Leave empty to keep it published, or choose when it comes down."),
    )

    def clean_go_live_at(self):
        value = self.cleaned_data.get("go_live_at")
        if isinstance(value, str):
            value = parse_datetime(value)
        if value is not None and value <= timezone.now():
            raise ValidationError(_("Choose a time in the future, or leave it empty."))
        return value

    def clean(self):
        cleaned_data = super().clean()
        expire_at = cleaned_data.get("expire_at")
        if expire_at is not None and expire_at <= (
            cleaned_data.get("go_live_at") or timezone.now()
        ):
            self.add_error("expire_at", _("Choose a time after publication, or leave it empty."))
        return cleaned_data
