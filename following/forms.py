"""The follow form and the manage form: what a reader follows, how often, in which language."""

from django import forms
from django.utils.translation import gettext_lazy as _

from networks.models import Network
from news.models import District, ReporterProfile, Topic

from .addresses import MAX_LENGTH, clean_address
from .models import Frequency, Language

# The text a reader agrees to; its version is kept with every consent record. Change the
# version whenever the text changes (docs/following.md).
CONSENT_VERSION = "2026-11"
CONSENT_TEXT = _(
    "I agree that Siang Chumchon keeps my email address and what I follow, only to send me "
    "the news digests I chose. I can see, change, download or delete this at any time from "
    "the link in every email, and Siang Chumchon shares it with no one."
)
MAX_SOURCE_LENGTH = 200


class ChoicesForm(forms.Form):
    networks = forms.ModelMultipleChoiceField(
        label=_("Member networks"),
        queryset=Network.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    districts = forms.MultipleChoiceField(
        label=_("Districts of Surin"),
        choices=District.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reporters = forms.ModelMultipleChoiceField(
        label=_("Reporters"),
        queryset=ReporterProfile.objects.order_by("display_name"),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Frequency.choices,
        initial=Frequency.WEEKLY,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(
        label=_("Language of the emails and stories"),
        choices=Language.choices,
        widget=forms.RadioSelect,
    )

    def clean(self):
        data = super().clean()
        if not any(data.get(name) for name in ("networks", "topics", "districts", "reporters")):
            raise forms.ValidationError(
                _("Choose at least one network, topic, district or reporter to follow.")
            )
        return data

    def chosen(self):
        """What was chosen, as plain data for a consent record."""
        data = self.cleaned_data
        return {
            "networks": sorted(network.slug for network in data["networks"]),
            "topics": sorted(topic.slug for topic in data["topics"]),
            "districts": sorted(data["districts"]),
            "reporters": sorted(reporter.slug for reporter in data["reporters"]),
            "frequency": data["frequency"],
            "language": data["language"],
        }


class FollowForm(ChoicesForm):
    email = forms.CharField(
        label=_("Your email address"),
        max_length=MAX_LENGTH * 4,  # longer input reaches clean_email's clear message
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={
            "required": _("Please tick the box to agree, or we cannot send you email.")
        },
    )
    source = forms.CharField(required=False, widget=forms.HiddenInput)

    field_order = ["email", "networks", "topics", "districts", "reporters", "frequency", "language"]

    def clean_email(self):
        return clean_address(self.cleaned_data["email"])

    def clean_source(self):
        # The page the reader came from, kept in the consent record: a path on this site only.
        source = self.cleaned_data.get("source", "")
        if not source.startswith("/") or source.startswith("//") or len(source) > MAX_SOURCE_LENGTH:
            return ""
        return source
