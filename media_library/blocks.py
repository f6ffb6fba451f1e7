"""StreamField pieces for the media library: choosers for sound and video files, and a video
value that falls back to a plain link when the embed provider cannot be reached."""

import logging

from wagtail import blocks
from wagtail.embeds.embeds import get_embed
from wagtailmedia.blocks import AudioChooserBlock as _AudioChooserBlock
from wagtailmedia.blocks import VideoChooserBlock as _VideoChooserBlock

logger = logging.getLogger(__name__)


class AudioChooserBlock(_AudioChooserBlock):
    """Chooses a sound recording from the media library (wagtailmedia's chooser)."""

    class Meta:
        icon = "media"


class VideoChooserBlock(_VideoChooserBlock):
    """Chooses a video file from the media library (wagtailmedia's chooser)."""

    class Meta:
        icon = "media"


class EmbedOrLinkValue(blocks.StructValue):
    """The player HTML for an embedded video, or "" so the template shows a link instead.

    Wagtail turns a failed oEmbed lookup into "", but an unexpected error from a provider
    (a timeout, a malformed answer) would still break the whole story; a story must render even
    when YouTube or Facebook does not answer.
    """

    def embed_html(self):
        embed = self.get("video")
        if not embed:
            return ""
        try:
            return embed.html
        except Exception:  # noqa: BLE001 – any provider failure degrades to the link
            logger.warning("Embed failed for %s", getattr(embed, "url", embed), exc_info=True)
            return ""

    def embed_url(self):
        embed = self.get("video")
        return getattr(embed, "url", "") if embed else ""

    def embed_details(self):
        """The provider's description of the video (its title and the site's name), from
        Wagtail's embed cache, for the placeholder readers see before they choose to load it;
        None when unknown."""
        embed = self.get("video")
        if not embed or not self.embed_html():
            return None
        try:
            return get_embed(embed.url, embed.max_width, embed.max_height)
        except Exception:  # noqa: BLE001 – as embed_html: the story renders regardless
            return None
