from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        strip=True,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "none",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )


class AuthenticatorCodeForm(CodeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].label = _("The 6-digit code your app shows")
        self.fields["code"].widget.attrs["inputmode"] = "numeric"


class NoFieldsForm(forms.Form):
    """The account page saves every panel's form; the two-step sign-in panel only links."""

    def save(self):
        pass
