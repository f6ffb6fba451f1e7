from django import forms
from django.utils.translation import gettext_lazy as _

from networks.models import Network
from news.models import STORY_TYPES


class SearchForm(forms.Form):
    """What the reader sends; the length cap is checked by the view so it can explain it."""

    q = forms.CharField(label=_("Search"), required=False, strip=True)
    type = forms.ChoiceField(label=_("Story type"), required=False)
    network = forms.ChoiceField(label=_("Member network"), required=False)
    # The listings' other filters (a search started from a topic or reporter listing) ride
    # along unseen; the listings' filter checks them (thai_search.search).
    topic = forms.CharField(required=False, widget=forms.HiddenInput)
    tag = forms.CharField(required=False, widget=forms.HiddenInput)
    district = forms.CharField(required=False, widget=forms.HiddenInput)
    reporter = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        type_labels = {key: model._meta.verbose_name_plural for key, model in STORY_TYPES.items()}
        self.fields["type"].choices = [("", _("All types")), *type_labels.items()]
        self.fields["network"].choices = [("", _("All networks"))] + [
            (network.slug, network.name) for network in Network.objects.all()
        ]

    def clean_q(self):
        # NUL and other control characters never reach the database or the page.
        return "".join(char for char in self.cleaned_data["q"] if char >= " " or char in "\t\n")
