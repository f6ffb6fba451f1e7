"""Which public addresses show a page, and what leaves the caches when one changes.

Every door that changes what readers see passes through a signal connected here
(DistributionConfig.ready): publishing (the editor's button, the review workflow's approval,
``publish_scheduled``, the admin's bulk actions: each publishes a revision, which sends
Wagtail's ``page_published``), unpublishing and deleting (``page_unpublished``; Wagtail
unpublishes a live page before deleting it), moving (``pre_page_move`` and ``post_page_move``:
the old address and the new), a translation (published like any page; its other-language
versions change too, through the language switch and hreflang), the import
(``news.interchange.stories_imported``), and the records every page shows (networks, topics,
tags, reporters, the contact details in the footer, photos, documents, audio and video).

Each calls ``page_cache.purging.invalidate``: the app's page cache starts a new generation
(every cached page is stale), and the reverse proxy is asked to forget the addresses below at
once. Any page not named here leaves the proxy within PAGE_CACHE_PROXY_SECONDS (a listing's
deeper pages, filter combinations, the related stories on other stories).
"""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from home.models import ContactSettings, HomePage
from media_library.models import MediaItem
from media_library.renditions import renditions_ready
from networks.models import Network, NetworkIndexPage
from news.interchange.importing import stories_imported
from news.models import ReporterProfile, StoryIndexPage, StoryPage, Tag, Topic
from page_cache.purging import invalidate

from .feeds import SCOPES

# An import of more stories than this purges the fronts only (homes, sections, feeds,
# sitemaps, the API), not each story's own addresses; the rest follow within the proxy's
# lifetime. Below it, each story's addresses as if published one by one.
IMPORT_PURGE_LIMIT = 200


def _site_root():
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site is not None else None


def _reversed(root, name, language=None, **kwargs):
    if language is None:
        return root + reverse(name, kwargs=kwargs or None)
    with translation.override(language):
        return root + reverse(name, kwargs=kwargs or None)


def front_urls():
    """What every change may touch: each language's home, stories section, networks page,
    main feeds; both sitemaps; the API's listings; the network colours."""
    root = _site_root()
    if root is None:
        return set()
    urls = {
        _reversed(root, "sitemap"),
        _reversed(root, "news_sitemap"),
        _reversed(root, "network_colours"),
        _reversed(root, "wagtailapi:pages:listing"),
        _reversed(root, "wagtailapi:images:listing"),
        _reversed(root, "wagtailapi:documents:listing"),
    }
    for model in (HomePage, StoryIndexPage, NetworkIndexPage):
        urls.update(page.full_url for page in model.objects.live() if page.full_url)
    for language, _name in settings.LANGUAGES:
        urls.add(_reversed(root, "feeds:rss", language))
        urls.add(_reversed(root, "feeds:atom", language))
    return urls


def _listings(story):
    """(kind, slug) of every listing and feed the story appears in."""
    kinds = [("type", story.specific_class.type_slug)] if story.specific_class else []
    kinds += [("network", network.slug) for network in story.networks.all()]
    kinds += [("topic", topic.slug) for topic in story.topics.all()]
    kinds += [("tag", tag.slug) for tag in story.tags.all()]
    kinds += [
        ("reporter", byline.reporter.slug)
        for byline in story.bylines.select_related("reporter")
        if byline.reporter is not None
    ]
    if story.district:
        kinds.append(("district", story.district))
    return kinds


def story_urls(story):
    """The story's own address and every first page and feed that lists it."""
    root = _site_root()
    language = story.locale.language_code
    urls = set()
    listings = _listings(story)
    index = StoryIndexPage.objects.live().filter(locale=story.locale_id).first()
    if index is not None and index.full_url:
        for kind, slug in listings:
            urls.add(index.full_url + index.reverse_subpage(kind, kwargs={"slug": slug}))
    networks_page = NetworkIndexPage.for_language(language)
    for kind, slug in listings:
        if kind == "network" and networks_page is not None and networks_page.full_url:
            urls.add(
                networks_page.full_url + networks_page.reverse_subpage(kind, kwargs={"slug": slug})
            )
        if root is not None and kind == "network":
            urls.add(_reversed(root, "podcast_feed", language, network_slug=slug))
        if root is not None and kind in SCOPES:
            for feed in ("feeds:rss_scoped", "feeds:atom_scoped"):
                urls.add(_reversed(root, feed, language, scope=kind, slug=slug))
    return urls


def page_urls(page):
    """Every address to purge when ``page`` changes: it and its translations (the language
    switch and hreflang name each other), their API entries, the fronts and, for a story,
    its listings and feeds."""
    page = page.specific_deferred
    root = _site_root()
    urls = front_urls()
    versions = [page, *page.get_translations().live()]
    for version in versions:
        version = version.specific_deferred
        if version.full_url:
            urls.add(version.full_url)
        if root is not None:
            urls.add(_reversed(root, "wagtailapi:pages:detail", pk=version.pk))
        if isinstance(version, StoryPage):
            urls |= story_urls(version)
    return urls


def _page_changed(sender, instance, **kwargs):
    invalidate(page_urls(instance))


def _page_moving(sender, instance, **kwargs):
    if instance.live:
        invalidate(page_urls(instance))  # before the move: its old address


def _page_moved(sender, instance, **kwargs):
    if instance.live:
        invalidate(page_urls(Page.objects.get(pk=instance.pk)))


def _stories_imported(sender, pages, **kwargs):
    urls = front_urls()
    if len(pages) <= IMPORT_PURGE_LIMIT:
        for story in StoryPage.objects.live().filter(pk__in=[page.pk for page in pages]):
            urls |= page_urls(story)
    invalidate(urls)


def _network_changed(sender, instance, **kwargs):
    urls = front_urls()
    for language, _name in settings.LANGUAGES:
        networks_page = NetworkIndexPage.for_language(language)
        if networks_page is not None and networks_page.full_url and instance.slug:
            urls.add(
                networks_page.full_url
                + networks_page.reverse_subpage("network", kwargs={"slug": instance.slug})
            )
    invalidate(urls)


def _record_changed(sender, instance, created=False, **kwargs):
    # A new topic, tag or reporter shows nowhere until a story that has it is published, and
    # the contact details' empty record is created by the first page that reads it.
    if not created:
        invalidate(front_urls())


def _media_changed(sender, instance, created=False, **kwargs):
    # A photo's caption or file, a document, a sound or video: the app's pages at once; the
    # proxy's within its lifetime (and a story's as its renditions are made, news.renditions).
    # A new upload shows nowhere until a page that uses it is published.
    if not created:
        invalidate()


def podcast_urls():
    """Every network's podcast feed, in each language."""
    root = _site_root()
    if root is None:
        return set()
    return {
        _reversed(root, "podcast_feed", language, network_slug=slug)
        for slug in Network.objects.values_list("slug", flat=True)
        for language, _name in settings.LANGUAGES
    }


def _covers_made(sender, image, **kwargs):
    # A network's logo or a recording's poster, now with its podcast cover: the podcast feeds
    # (a story's photo purges its own pages, feeds included, in news.renditions).
    if (
        Network.objects.filter(logo=image).exists()
        or MediaItem.objects.filter(poster=image).exists()
    ):
        invalidate(podcast_urls())


RECORDS = (Topic, ReporterProfile, Tag, ContactSettings)


def connect():
    """DistributionConfig.ready."""
    uid = "distribution_invalidation"
    page_published.connect(_page_changed, dispatch_uid=f"{uid}_published")
    page_unpublished.connect(_page_changed, dispatch_uid=f"{uid}_unpublished")
    pre_page_move.connect(_page_moving, dispatch_uid=f"{uid}_moving")
    post_page_move.connect(_page_moved, dispatch_uid=f"{uid}_moved")
    stories_imported.connect(_stories_imported, dispatch_uid=f"{uid}_imported")
    renditions_ready.connect(_covers_made, dispatch_uid=f"{uid}_covers")
    for signal in (post_save, post_delete):
        signal.connect(_network_changed, sender=Network, dispatch_uid=f"{uid}_network")
        for model in RECORDS:
            signal.connect(_record_changed, sender=model, dispatch_uid=f"{uid}_{model.__name__}")
        for model in (get_image_model(), get_document_model(), MediaItem):
            signal.connect(_media_changed, sender=model, dispatch_uid=f"{uid}_{model.__name__}")
