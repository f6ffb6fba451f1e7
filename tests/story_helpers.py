"""Helpers shared by the story tests (tests/test_stories_*.py, the query-count tests)."""

import re
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings
from wagtail.models import Page, Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from demo import factories
from demo.factories import published_story
from home.models import AboutPage, HomePage
from networks.models import NetworkIndexPage
from news.models import StoryCorrection


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


def make_story_world(index, n, prefix, *, searchable=False, tag_word="tag"):
    """3n stories under ``index`` (n of each type), each with n networks, topics, tags
    (``{prefix}-{tag_word}-{i}``), reporters, photos, paragraphs, headings and image blocks, a
    gallery of n photos and a correction; they share their networks, so each has related
    stories. Indexed for search only when ``searchable`` (it is slow); the query-count tests
    build a small and a large one and compare what their pages cost."""
    search = {"default": {**settings.WAGTAILSEARCH_BACKENDS["default"], "AUTO_UPDATE": searchable}}
    with override_settings(WAGTAILSEARCH_BACKENDS=search):
        with disable_reference_index_auto_update():
            return _make_story_world(index, n, prefix, tag_word)


def _make_story_world(index, n, prefix, tag_word):
    networks = [
        factories.NetworkFactory(slug=f"{prefix}-network-{i}", name_en=f"{prefix} network {i}")
        for i in range(n)
    ]
    topics = [factories.TopicFactory(slug=f"{prefix}-topic-{i}") for i in range(n)]
    reporters = [
        factories.ReporterProfileFactory(
            slug=f"{prefix}-reporter-{i}", display_name=f"{prefix} reporter {i}"
        )
        for i in range(n)
    ]
    images = [factories.CustomImageFactory() for _ in range(n)]
    body = [("paragraph", f"<p>paragraph {i}: ย่อหน้าที่ {i} ของเรื่อง</p>") for i in range(n)]
    body += [("heading", {"text": f"หัวข้อ {i}", "level": "h2"}) for i in range(n)]
    body += [("image", {"image": image, "caption": "", "credit": ""}) for image in images]
    body.append(
        (
            "gallery",
            {
                "title": "",
                "images": [{"image": image, "caption": "", "credit": ""} for image in images],
            },
        )
    )
    stories = []
    for kind in ("news", "local-wisdom", "culture"):
        for i in range(n):
            story = published_story(
                index,
                kind,
                title=f"{prefix} {kind} story {i}",
                days_ago=len(stories),
                networks=networks,
                topics=topics,
                tags=[f"{prefix}-{tag_word}-{t}" for t in range(n)],
                reporters=reporters,
                hero_image=images[i],
                district="prasat",
                body=body,
            )
            StoryCorrection.objects.create(
                story=story, corrected_on="2026-11-20", text=f"{prefix} correction", sort_order=0
            )
            stories.append(story)
    return {"stories": stories, "prefix": prefix, "n": n}
