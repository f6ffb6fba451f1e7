"""The story editor's form: every editorial rule that applies when a story is saved."""

from editorial.forms import StoryPageForm as NetworkScopedStoryForm
from media_library.publishing import StoryPageForm as AltTextOnPublishForm

from .bylines import OwnBylineFormMixin


class StoryForm(OwnBylineFormMixin, NetworkScopedStoryForm, AltTextOnPublishForm):
    """A new story shows its reporter's byline (news.bylines); reporters tag only their own
    networks (editorial); a published story's images need alt text (media_library). All build
    on home.base_page.BasePageForm (Thai slugs)."""
