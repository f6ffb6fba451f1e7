"""Helpers shared by the tests/test_stories_*.py modules."""

import re
from contextlib import contextmanager

from django.core.cache import cache
from django.db import transaction
from wagtail.models import Page, Site

from demo import factories
from home.models import AboutPage, HomePage
from networks.models import NetworkIndexPage


def story_ids(html):
    """The stories a page shows, in order, from the cards' data-story attributes."""
    return [int(pk) for pk in re.findall(r'data-story="(\d+)"', html)]


def build_site_tree(*, about=False, stories=False):
    """The bilingual skeleton reader pages hang from: a Thai home and its member-networks page
    (with ``about``, the About page in the menu; with ``stories``, the stories section), each
    with its English counterpart, and the Thai home as the default site's root.

    The one site builder of the suite: the ``site_tree`` fixture (per test) and
    ``build_story_site`` (once per module) both call it.
    """
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2, content_type__app_label="wagtailcore").delete()
    thai, english = factories.locale("th"), factories.locale("en")
    home_th = factories.HomePageFactory(parent=root, slug="home", locale=thai)
    if about:
        about_th = factories.AboutPageFactory(parent=home_th, slug="เกี่ยวกับเรา", show_in_menus=True)
    networks_th = factories.NetworkIndexPageFactory(parent=home_th, slug="เครือข่าย")
    if stories:
        index_th = factories.StoryIndexPageFactory(parent=home_th, slug="เรื่องราว")
    home_en = home_th.copy_for_translation(english)
    home_en.title = "Siang Chumchon"
    home_en.save_revision().publish()
    tree = {}
    if about:
        about_en = about_th.copy_for_translation(english)
        about_en.title, about_en.slug = "About us", "about"
        about_en.save_revision().publish()
        tree.update(about_th=about_th, about_en=AboutPage.objects.get(pk=about_en.pk))
    networks_en = networks_th.copy_for_translation(english)
    networks_en.title, networks_en.slug = "Member networks", "networks"
    networks_en.save_revision().publish()
    if stories:
        index_en = factories.StoryIndexPageFactory(
            parent=home_en, slug="stories", locale=english, title="Stories"
        )
        tree.update(th=index_th, en=index_en)
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", root_page=home_th, is_default_site=True)
    return {
        "home_th": HomePage.objects.get(pk=home_th.pk),
        "home_en": HomePage.objects.get(pk=home_en.pk),
        "networks_th": networks_th,
        "networks_en": NetworkIndexPage.objects.get(pk=networks_en.pk),
        **tree,
    }


def build_story_site():
    """The bilingual tree story pages need (home and stories section, Thai and English), for
    module-scoped fixtures that build their data once (see ``module_data``)."""
    return build_site_tree(stories=True)


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
