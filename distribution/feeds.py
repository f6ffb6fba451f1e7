"""RSS 2.0 and Atom feeds of stories: all, per story type, network, topic, tag and reporter.

Each feed lists the newest stories of the current language (the URL's /th/ or /en/ prefix)
from StoryPage.objects.published, so drafts and private stories never appear.
"""

import copy
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import Http404
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale

from core.kept_answers import KeptAnswers
from media_library.renditions import SMALL_COPY_SPEC
from news import portable
from news.models import STORY_TYPES, StoryPage
from news.models.filters import filter_stories, known_filters
from thai_text.escaping import EscapedFeedMixin

from . import links

FEED_SIZE = 20
MEDIA_NAMESPACE = "http://search.yahoo.com/mrss/"
CONTENT_NAMESPACE = "http://purl.org/rss/1.0/modules/content/"

SCOPES = ("type", "network", "topic", "tag", "reporter")


def _stored_size(rendition):
    """The photo's size in bytes for the enclosure, 0 (RSS: unknown) when storage cannot say
    (a file lost from the disk, media restored without renditions, a bucket that does not
    answer): one photo must not take the whole feed away from every reader."""
    try:
        return rendition.file.size
    except Exception:  # noqa: BLE001 (the disk raises OSError, an S3 bucket botocore's errors)
        return 0


class MediaRssFeed(EscapedFeedMixin, Rss201rev2Feed):
    """RSS 2.0 with the full story in content:encoded and the photo as media:content.

    The summary (plain text) goes in <description> as escaped HTML (EscapedFeedMixin); the
    story in content:encoded is portable.story_html, already reduced to safe HTML."""

    def rss_attributes(self):
        attributes = super().rss_attributes()
        attributes["xmlns:content"] = CONTENT_NAMESPACE
        attributes["xmlns:media"] = MEDIA_NAMESPACE
        return attributes

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])
        add_media_content(handler, item)


class MediaAtomFeed(EscapedFeedMixin, Atom1Feed):
    """Atom with the summary in <summary type="html"> (escaped, EscapedFeedMixin), the full
    story in <content type="html"> (portable.story_html) and the photo as media:content."""

    def root_attributes(self):
        attributes = super().root_attributes()
        attributes["xmlns:media"] = MEDIA_NAMESPACE
        return attributes

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})
        add_media_content(handler, item)


def add_media_content(handler, item):
    media = item.get("media")
    if media:
        handler.addQuickElement(
            "media:content",
            attrs={
                "url": media["url"],
                "medium": "image",
                "type": "image/jpeg",
                "width": str(media["width"]),
                "height": str(media["height"]),
            },
        )


@dataclass
class FeedScope:
    locale: Locale
    title: str
    description: str
    link: str
    stories: object


def _not_found(scope):
    messages = {
        "type": _("There is no story type with that name."),
        "network": _("There is no member network with that name."),
        "topic": _("There is no topic with that name."),
        "tag": _("There is no tag with that name."),
        "reporter": _("There is no reporter with that name."),
    }
    return Http404(messages.get(scope) or _("There is no feed of that kind."))


def resolve_scope(request, scope, slug):
    """The stories and the feed's title and link for one scope; unknown slugs are a 404."""
    locale = Locale.get_active()
    stories = StoryPage.objects.published(locale)
    site_name = _("Siang Chumchon")
    if scope is None:
        return FeedScope(
            locale,
            _("%(site)s: latest stories") % {"site": site_name},
            _("The newest news, local wisdom and culture stories from the member networks."),
            links.listing_url(locale, request=request),
            stories,
        )
    filters = known_filters({scope: slug}) if scope in SCOPES else None
    if not filters or scope not in filters:
        raise _not_found(scope)
    # The listing's filter, so a feed holds exactly the stories its listing shows.
    stories = filter_stories(stories, filters)
    found = filters[scope]
    if scope == "network":
        name = found.name
        link = found.get_url(locale.language_code) or links.listing_url(locale, request=request)
    else:
        name = (
            str(STORY_TYPES[found]._meta.verbose_name_plural)
            if scope == "type"
            else found.display_name
            if scope == "reporter"
            else found.name
        )
        link = links.listing_url(locale, scope, slug, request=request)
    if scope == "reporter":
        description = _("The newest stories by %(name)s.") % {"name": name}
    else:
        description = _("The newest stories in %(name)s.") % {"name": name}
    return FeedScope(
        locale,
        _("%(site)s: %(name)s") % {"site": site_name, "name": name},
        description,
        link,
        stories,
    )


class StoryRssFeed(Feed):
    feed_type = MediaRssFeed
    item_guid_is_permalink = False

    def __call__(self, request, *args, **kwargs):
        # Django builds one Feed instance per URL pattern and shares it between requests;
        # a copy per request lets item methods read the request (absolute URLs) safely.
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def get_object(self, request, scope=None, slug=None):
        return resolve_scope(request, scope, slug)

    def title(self, obj):
        return obj.title

    def description(self, obj):
        return obj.description

    def subtitle(self, obj):
        return obj.description

    def link(self, obj):
        return obj.link or f"/{obj.locale.language_code}/"

    def feed_url(self, obj):
        return self.request.path

    def feed_copyright(self, obj):
        return _("Community Organization Network Development Association")

    def items(self, obj):
        # The small copy too: a photo whose sizes are still being made shows it (rendition_of),
        # and a prefetch answers for every size it was asked for, without a query per story.
        stories = obj.stories.with_hero_renditions([portable.HERO_FILTER, SMALL_COPY_SPEC])
        return stories.prefetch_related("corrections").specific()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        # A tag URI (RFC 4151) from the page id, not its URL: renaming a slug or moving a story
        # must not make feed readers show it again as new.
        host = self.request.get_host().split(":")[0]
        return f"tag:{host},2026:story:{item.pk}"

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at

    def item_author_name(self, item):
        names = [byline.reporter.display_name for byline in item.bylines.all()]
        return ", ".join(names) or None

    def item_categories(self, item):
        return (
            [network.name for network in item.networks.all()]
            + [topic.name for topic in item.topics.all()]
            + [tag.name for tag in item.tags.all()]
        )

    def item_enclosures(self, item):
        rendition = portable.hero_rendition(item)
        if rendition is None:
            return []
        return [
            Enclosure(
                self.request.build_absolute_uri(rendition.url),
                str(_stored_size(rendition)),
                "image/jpeg",
            )
        ]

    def item_extra_kwargs(self, item):
        base_url = self.request.build_absolute_uri("/")
        rendition = portable.hero_rendition(item)
        media = None
        if rendition is not None:
            media = {
                "url": self.request.build_absolute_uri(rendition.url),
                "width": rendition.width,
                "height": rendition.height,
            }
        return {
            "content_html": portable.story_html(item, base_url),
            "media": media,
        }


class StoryAtomFeed(StoryRssFeed):
    feed_type = MediaAtomFeed


# Feeds' paths, asked of Django's resolver once per process for each feed and language: every
# page links two to four (<link rel="alternate">), about 40 Python calls each.
feed_paths = KeptAnswers(limit=2_000)


def feed_url(format_name, scope=None, slug=None):
    """The path of a feed (format_name "rss" or "atom") in the active language."""
    key = (format_name, scope, slug, get_language(), get_script_prefix(), get_urlconf())
    return feed_paths.get(key, lambda: _reversed_feed_path(format_name, scope, slug))


def _reversed_feed_path(format_name, scope, slug):
    if scope is None:
        return reverse(f"feeds:{format_name}")
    return reverse(f"feeds:{format_name}_scoped", kwargs={"scope": scope, "slug": slug})


@receiver(setting_changed)
def forget_feed_paths(**kwargs):
    feed_paths.clear()
