from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from admin_thai.buddhist_era import BuddhistEraDateTimeInput
from home.base_page import BasePageForm

from .roles import roles_for


class StoryPageForm(BasePageForm):
    """Reporters and network editors tag stories with their own networks only.

    Networks already on the story stay choosable, so an editor of one network can still save a
    story that two networks share.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("networks")
        if field is None or self.for_user is None:
            return
        roles = roles_for(self.for_user)
        if roles.sees_everything:
            return
        self._existing_networks = (
            {network.pk for network in self.instance.networks.all()} if self.instance.pk else set()
        )
        self._own_networks = set(roles.networks)
        field.queryset = field.queryset.filter(pk__in=self._own_networks | self._existing_networks)
        field.help_text = _("Tick your own member network. You can only tag networks you work for.")

    def clean_networks(self):
        networks = self.cleaned_data["networks"]
        # Model validation (StoryPage.clean) runs before the form saves relations; give it the
        # chosen networks, or a new story could never pass "at least one network".
        self.instance.networks.set(networks)
        own = getattr(self, "_own_networks", None)
        if own is not None:
            added = {network.pk for network in networks} - self._existing_networks
            if added - own:
                raise ValidationError(_("You can only tag the member networks you work for."))
        return networks


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
