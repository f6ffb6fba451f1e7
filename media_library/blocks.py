"""StreamField pieces for the media library: choosers for sound and video files, and a video
value that falls back to a plain link when the embed provider cannot be reached."""

import copy
import logging

from django.template.loader import render_to_string
from django.utils.timezone import now
from wagtail import blocks
from wagtail.embeds.embeds import get_embed, get_embed_hash
from wagtail.embeds.exceptions import EmbedException
from wagtail.embeds.models import Embed
from wagtailmedia.blocks import AudioChooserBlock as _AudioChooserBlock
from wagtailmedia.blocks import VideoChooserBlock as _VideoChooserBlock

logger = logging.getLogger(__name__)
# An embed not yet looked up (None is a lookup that found nothing).
NOT_LOOKED_UP = object()


class AudioChooserBlock(_AudioChooserBlock):
    """Chooses a sound recording from the media library (wagtailmedia's chooser)."""

    class Meta:
        icon = "media"


class VideoChooserBlock(_VideoChooserBlock):
    """Chooses a video file from the media library (wagtailmedia's chooser)."""

    class Meta:
        icon = "media"

    def bulk_to_python(self, values):
        # Wagtail 8.0.1's ChooserBlock.bulk_to_python reads the videos with in_bulk, and each
        # video's poster was then read on its own while the story was drawn: a query per video.
        videos = self.model_class.objects.select_related("poster").in_bulk(values)
        seen = set()
        result = []
        for pk in values:
            video = videos.get(pk)
            result.append(copy.copy(video) if video is not None and pk in seen else video)
            seen.add(pk)
        return result


class EmbedOrLinkValue(blocks.StructValue):
    """The player HTML for an embedded video, or "" so the template shows a link instead.

    Wagtail turns a failed oEmbed lookup into "", but an unexpected error from a provider
    (a timeout, a malformed answer) would still break the whole story; a story must render even
    when YouTube or Facebook does not answer.

    The provider's answer (Wagtail's stored ``Embed``) is looked up once per value: the player
    and the placeholder's title both come from it. A page with several videos finds all their
    answers in one query first (``attach_embeds``); Wagtail's ``EmbedValue.html`` asks the
    database on its own for each video.
    """

    stored_embed = NOT_LOOKED_UP

    def embed_record(self):
        """Wagtail's ``Embed`` for the video address, asking the provider only when none is
        stored; None when there is no address or the provider gives nothing."""
        if self.stored_embed is NOT_LOOKED_UP:
            self.stored_embed = self._ask_for_embed()
        return self.stored_embed

    def _ask_for_embed(self):
        embed = self.get("video")
        if not embed:
            return None
        try:
            return get_embed(embed.url, embed.max_width, embed.max_height)
        except EmbedException:
            return None  # Wagtail's own rule: a link the providers do not know is no player
        except Exception:  # noqa: BLE001 – any provider failure degrades to the link
            logger.warning("Embed failed for %s", getattr(embed, "url", embed), exc_info=True)
            return None

    def embed_html(self):
        record = self.embed_record()
        if record is None or not record.html:
            return ""
        # What Wagtail's EmbedValue.html draws (wagtail.embeds.format.embed_to_frontend_html).
        return render_to_string("wagtailembeds/embed_frontend.html", {"embed": record})

    def embed_url(self):
        embed = self.get("video")
        return getattr(embed, "url", "") if embed else ""

    def embed_details(self):
        """The provider's description of the video (its title and the site's name), for the
        placeholder readers see before they choose to load it; None when unknown."""
        record = self.embed_record()
        return record if record is not None and record.html else None


def attach_embeds(values):
    """Finds the stored provider answers of these video values (``EmbedOrLinkValue``) in one
    query, so drawing them asks the database nothing; a video whose answer is not stored yet
    is asked of its provider when it is drawn, as before."""
    waiting = {}
    for value in values:
        embed = value.get("video")
        if embed and value.stored_embed is NOT_LOOKED_UP:
            key = get_embed_hash(embed.url, embed.max_width, embed.max_height)
            waiting.setdefault(key, []).append(value)
    if not waiting:
        return
    for record in Embed.objects.exclude(cache_until__lte=now()).filter(hash__in=list(waiting)):
        for value in waiting[record.hash]:
            value.stored_embed = record
