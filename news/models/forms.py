"""The story editor's form: every editorial rule that applies when a story is saved."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.pages import BasePageForm
from media_library.publishing import AltTextOnPublishForm
from roles.access import roles_for

from .bylines import OwnBylineFormMixin


class NetworkScopedStoryForm(BasePageForm):
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


class StoryForm(OwnBylineFormMixin, NetworkScopedStoryForm, AltTextOnPublishForm):
    """A new story shows its reporter's byline (news.models.bylines); reporters tag only their own
    networks; a published story's images need alt text (media_library). All build on
    core.pages.BasePageForm (Thai slugs)."""
