"""An audio feed per member network that podcast apps accept.

Django's syndication framework writes the RSS 2.0 (with <enclosure>); the feed type below adds
the iTunes tags Apple Podcasts, Spotify and the rest read: author, image, duration, explicit,
category. Each story with a sound recording is one episode; its first recording is the enclosure.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.templatetags.static import static
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.models import Locale

from media_library.renditions import (
    attach_drawn_renditions,
    made_rendition,
    queue_image_renditions,
)
from media_library.story_media import first_recordings
from networks.models import Network
from news.models import StoryPage
from news.portable import PODCAST_COVER_FILTER
from news.renditions import episode_picture
from thai_text.escaping import EscapedFeedMixin
from thai_text.language import current_language

ITUNES_NAMESPACE = "http://www.itunes.com/dtds/podcast-1.0.dtd"
EPISODE_LIMIT = 50
STORIES_SCANNED = 200


class PodcastFeedType(EscapedFeedMixin, Rss201rev2Feed):
    """<description> carries the summary as escaped HTML; itunes:summary is plain text."""

    content_type = "application/rss+xml; charset=utf-8"

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:itunes": ITUNES_NAMESPACE}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        feed = self.feed
        handler.addQuickElement("itunes:author", feed["itunes_author"])
        handler.addQuickElement("itunes:summary", feed["plain_description"])
        handler.addQuickElement("itunes:image", attrs={"href": feed["itunes_image"]})
        handler.addQuickElement("itunes:explicit", "false")
        handler.addQuickElement("itunes:type", "episodic")
        handler.startElement("itunes:owner", {})
        handler.addQuickElement("itunes:name", feed["itunes_author"])
        handler.addQuickElement("itunes:email", feed["itunes_email"])
        handler.endElement("itunes:owner")
        handler.startElement("itunes:category", {"text": "News"})
        handler.addQuickElement("itunes:category", attrs={"text": "Politics"})
        handler.endElement("itunes:category")
        handler.addQuickElement("itunes:category", attrs={"text": "Society & Culture"})

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("itunes:author", item["itunes_author"])
        handler.addQuickElement("itunes:duration", item["itunes_duration"])
        handler.addQuickElement("itunes:explicit", item["itunes_explicit"])
        handler.addQuickElement("itunes:summary", item["plain_description"])
        if item.get("itunes_image"):
            handler.addQuickElement("itunes:image", attrs={"href": item["itunes_image"]})


def _absolute(request, url):
    return request.build_absolute_uri(url)


def _cover_url(request, image):
    """The address of ``image``'s podcast cover, or None while it is being made (queued: a
    feed never waits while a 1400-pixel square is drawn)."""
    cover = made_rendition(image, PODCAST_COVER_FILTER)
    return _absolute(request, cover.url) if cover is not None else None


def queue_network_cover(sender, instance, **kwargs):
    """Network post_save: a network's new logo has its podcast cover made before any podcast
    app asks for it."""
    if instance.logo_id:
        queue_image_renditions(instance.logo, extra_specs=[PODCAST_COVER_FILTER])


class NetworkPodcastFeed(Feed):
    feed_type = PodcastFeedType

    def get_object(self, request, network_slug):
        self.request = request
        return get_object_or_404(Network, slug=network_slug)

    def title(self, network):
        return _("%(network)s – %(site)s") % {
            "network": network.name,
            "site": settings.WAGTAIL_SITE_NAME,
        }

    def link(self, network):
        return network.get_url() or "/"

    def description(self, network):
        return network.description or _(
            "Sound recordings from the %(network)s of Surin's community organisations."
        ) % {"network": network.name}

    def feed_copyright(self, network):
        return str(settings.WAGTAIL_SITE_NAME)

    def feed_extra_kwargs(self, network):
        # The association's cover until the network has a logo and its square is made.
        image = network.logo_id and _cover_url(self.request, network.logo)
        image = image or _absolute(self.request, static("media_library/podcast-cover.png"))
        return {
            "itunes_author": str(settings.WAGTAIL_SITE_NAME),
            "itunes_email": settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">").strip(),
            "itunes_image": image,
        }

    def items(self, network):
        locale = Locale.objects.filter(language_code=current_language()).first()
        stories = (
            StoryPage.objects.published(locale)
            .filter(networks=network)
            .select_related("hero_image")[:STORIES_SCANNED]
        )
        recordings = first_recordings(stories)
        episodes = [story for story in stories if story in recordings][:EPISODE_LIMIT]
        # The recordings' posters, then every episode's cover, each in one query.
        prefetch_related_objects([recordings[story] for story in episodes], "poster")
        for story in episodes:
            story.episode_audio = recordings[story]
            story.episode_picture = episode_picture(story, story.episode_audio)
        attach_drawn_renditions(
            [story.episode_picture for story in episodes], [PODCAST_COVER_FILTER]
        )
        return episodes

    def item_title(self, story):
        return story.title

    def item_description(self, story):
        return story.summary

    def item_link(self, story):
        return story.full_url or story.url

    def item_guid(self, story):
        return f"siang-chumchon-story-{story.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, story):
        return story.first_published_at

    def item_updateddate(self, story):
        return story.last_published_at

    def item_author_name(self, story):
        return self._author(story)

    def _author(self, story):
        names = [byline.reporter.display_name for byline in story.bylines.all()]
        return ", ".join(names) or story.episode_audio.credit or str(settings.WAGTAIL_SITE_NAME)

    def item_enclosures(self, story):
        audio = story.episode_audio
        return [
            Enclosure(
                _absolute(self.request, audio.url),
                str(audio.file_size or audio.file.size),
                audio.mime_type or "audio/mpeg",
            )
        ]

    def item_extra_kwargs(self, story):
        audio = story.episode_audio
        image = story.episode_picture
        return {
            "itunes_author": self._author(story),
            "itunes_duration": audio.duration_hms,
            "itunes_explicit": "true" if audio.explicit else "false",
            # Without a cover of its own (none yet), an episode shows the network's.
            "itunes_image": (image and _cover_url(self.request, image)) or "",
        }


podcast_feed = NetworkPodcastFeed()
