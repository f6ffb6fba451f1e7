"""Helpers shared by the tests/test_stories_*.py modules."""

import datetime
import re
from contextlib import contextmanager

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site

from home.models import HomePage
from news.models import StoryByline, Tag, TaggedStory
from tests import factories

STORY_FACTORIES = {
    "news": factories.NewsPageFactory,
    "local-wisdom": factories.LocalWisdomPageFactory,
    "culture": factories.CultureStoryPageFactory,
}


def publish_story(parent, kind="news", days_ago=0, tags=(), reporters=(), **fields):
    """A live story first published ``days_ago`` days ago (listings are newest first)."""
    if reporters:
        fields["bylines"] = [
            StoryByline(reporter=reporter, sort_order=order)
            for order, reporter in enumerate(reporters)
        ]
    fields.setdefault("locale", parent.locale)
    story = STORY_FACTORIES[kind](parent=parent, **fields)
    for name in tags:
        # Rows written directly: saving the page again would redo its search and reference
        # indexing, the slowest part of building many stories.
        TaggedStory.objects.create(
            content_object=story, tag=Tag.objects.get_or_create(name=name)[0]
        )
    when = timezone.now() - datetime.timedelta(days=days_ago)
    type(story).objects.filter(pk=story.pk).update(first_published_at=when, last_published_at=when)
    story.refresh_from_db()
    return story


def story_ids(html):
    """The stories a page shows, in order, from the cards' data-story attributes."""
    return [int(pk) for pk in re.findall(r'data-story="(\d+)"', html)]


def build_story_site():
    """The bilingual tree story pages need (home and stories section, Thai and English), for
    module-scoped fixtures that build their data once (see ``module_data``)."""
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2, content_type__app_label="wagtailcore").delete()
    thai, english = factories.locale("th"), factories.locale("en")
    home_th = factories.HomePageFactory(parent=root, slug="home", locale=thai)
    factories.NetworkIndexPageFactory(parent=home_th, slug="เครือข่าย")
    index_th = factories.StoryIndexPageFactory(parent=home_th, slug="เรื่องราว")
    home_en = home_th.copy_for_translation(english)
    home_en.title = "Siang Chumchon"
    home_en.save_revision().publish()
    networks_en = factories.NetworkIndexPageFactory(
        parent=home_en, slug="networks", locale=english, title="Member networks"
    )
    index_en = factories.StoryIndexPageFactory(
        parent=home_en, slug="stories", locale=english, title="Stories"
    )
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", root_page=home_th, is_default_site=True)
    return {
        "home_th": HomePage.objects.get(pk=home_th.pk),
        "home_en": HomePage.objects.get(pk=home_en.pk),
        "networks_en": networks_en,
        "th": index_th,
        "en": index_en,
    }


@contextmanager
def module_data(django_db_blocker):
    """Build data once for a test module: inside a transaction rolled back after the module.

    Each test still runs in its own nested transaction (pytest-django's ``db``), so tests stay
    independent; Wagtail's cached site root paths are dropped with the data.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)
    cache.clear()
