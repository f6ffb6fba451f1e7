"""The public tip form: what a reader may send, and what is refused with a message."""

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from media_library.image_safety import ACCEPTED_TEXT, max_upload_size
from networks.models import Network
from news.models import District

from .models import MAX_PHOTOS, MAX_TEXT_LENGTH
from .photos import clean_photos

CONSENT_CREDIT_TEXT = _(
    "You may publish my name as the person who sent this news. (Without this tick, a story "
    "made from it says only that it was sent by a community member.)"
)
NEEDS_CONTACT_CONSENT = _(
    "Tick this box to let us contact you, or leave the contact details empty."
)
NEEDS_CONTACT = _("Give a phone number, LINE ID or email we may use.")
NEEDS_NAME = _("Write the name we may publish.")
TOO_MANY_PHOTOS = _("Send at most %(max)d photos with one tip.")
CONSENT_CONTACT_TEXT = _(
    "You may contact me about this news by the phone, LINE or email I gave. My contact details "
    "are seen only by the editors of the network I chose and the editor-in-chief, never published, "
    "and erased %(days)d days after I send this."
)


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Up to MAX_PHOTOS files from one <input type=file multiple>."""

    widget = MultiplePhotoInput

    def clean(self, data, initial=None):
        files = [item for item in (data or []) if item]
        if len(files) > MAX_PHOTOS:
            raise ValidationError(TOO_MANY_PHOTOS % {"max": MAX_PHOTOS}, code="too_many_photos")
        return [super(PhotosField, self).clean(item, initial) for item in files]


class TipForm(forms.Form):
    text = forms.CharField(
        label=_("What happened?"),
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Who, what, when: tell it as you would tell a neighbour."),
    )
    district = forms.ChoiceField(
        label=_("Where? (district)"),
        choices=[("", _("Not sure / outside Surin")), *District.choices],
        required=False,
    )
    place = forms.CharField(label=_("Village or place"), max_length=200, required=False)
    network = forms.ModelChoiceField(
        label=_("Which member network is it about?"),
        queryset=Network.objects.all(),
        empty_label=None,
        widget=forms.RadioSelect,
    )
    photos = PhotosField(
        label=_("Photos (up to three)"),
        required=False,
        help_text="",
    )
    sender_name = forms.CharField(label=_("Your name (optional)"), max_length=200, required=False)
    contact_phone = forms.CharField(label=_("Phone (optional)"), max_length=40, required=False)
    contact_line = forms.CharField(label=_("LINE ID (optional)"), max_length=100, required=False)
    contact_email = forms.EmailField(label=_("Email (optional)"), required=False)
    consent_credit = forms.BooleanField(label=CONSENT_CREDIT_TEXT, required=False)
    consent_contact = forms.BooleanField(label="", required=False)
    # The honeypot: hidden from people (the `hidden` attribute), filled in by form-filling bots.
    website = forms.CharField(label=_("Leave this empty"), required=False)

    def __init__(self, *args, retention_days=90, **kwargs):
        super().__init__(*args, **kwargs)
        self.retention_days = retention_days
        self.fields["consent_contact"].label = CONSENT_CONTACT_TEXT % {"days": retention_days}
        self.fields["photos"].help_text = _(
            "Photos from your phone: %(formats)s, up to %(size)s each. We remove the place and "
            "phone details stored inside a photo before anyone sees it."
        ) % {"formats": ACCEPTED_TEXT, "size": filesizeformat(max_upload_size())}
        self.fields["network"].label_from_instance = lambda network: network.name

    @property
    def is_bot(self):
        return bool(self.data.get("website"))

    def clean_photos(self):
        uploads = self.cleaned_data.get("photos") or []
        try:
            return clean_photos(uploads)
        except ValidationError as error:
            raise ValidationError(
                [
                    *error.messages,
                    _("Your text is kept below; choose the photos again and send."),
                ]
            ) from error

    def clean(self):
        cleaned = super().clean()
        has_contact = any(
            cleaned.get(name) for name in ("contact_phone", "contact_line", "contact_email")
        )
        if has_contact and not cleaned.get("consent_contact"):
            self.add_error("consent_contact", NEEDS_CONTACT_CONSENT)
        if cleaned.get("consent_contact") and not has_contact:
            self.add_error("consent_contact", NEEDS_CONTACT)
        if cleaned.get("consent_credit") and not cleaned.get("sender_name"):
            self.add_error("sender_name", NEEDS_NAME)
        return cleaned

    def browser_checks(self):
        """The rules static/js/tip-form.js checks in the reader's browser before anything is
        sent, with the messages above, as the form's data-* attributes: a refusal from here
        would cost a reader on mobile data the upload and the photos they chose (no browser
        puts them back into the form). The checks above still decide."""
        return {
            "max-photos": MAX_PHOTOS,
            "max-photo-bytes": max_upload_size(),
            "too-many-photos": TOO_MANY_PHOTOS % {"max": MAX_PHOTOS},
            "photo-too-big": _(
                "The photo “%(name)s” is too big. The largest accepted is %(limit)s."
            )
            % {"name": "%(name)s", "limit": filesizeformat(max_upload_size())},
            "needs-contact-consent": NEEDS_CONTACT_CONSENT,
            "needs-contact": NEEDS_CONTACT,
            "needs-name": NEEDS_NAME,
        }

    def consent_record(self):
        """The words the sender agreed to, as shown to them."""
        shown = []
        if self.cleaned_data.get("consent_credit"):
            shown.append(str(self.fields["consent_credit"].label))
        if self.cleaned_data.get("consent_contact"):
            shown.append(str(self.fields["consent_contact"].label))
        return "\n".join(shown)
