import pytest
from wagtail.models import Page, Site

from home.models import AboutPage, HomePage
from networks.models import NetworkIndexPage
from news.models import StoryIndexPage
from tests import factories


@pytest.fixture
def locales(db):
    return {code: factories.locale(code) for code in ("th", "en")}


@pytest.fixture
def site_tree(locales):
    """The bilingual skeleton every reader page hangs from: a home, About and networks page
    in Thai, each with its English translation, and the Thai home as the default site's root."""
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2, content_type__app_label="wagtailcore").delete()
    home_th = factories.HomePageFactory(parent=root, slug="home", locale=locales["th"])
    about_th = factories.AboutPageFactory(parent=home_th, slug="เกี่ยวกับเรา", show_in_menus=True)
    networks_th = factories.NetworkIndexPageFactory(parent=home_th, slug="เครือข่าย")
    home_en = home_th.copy_for_translation(locales["en"])
    home_en.title = "Siang Chumchon"
    home_en.save_revision().publish()
    about_en = about_th.copy_for_translation(locales["en"])
    about_en.title, about_en.slug = "About us", "about"
    about_en.save_revision().publish()
    networks_en = networks_th.copy_for_translation(locales["en"])
    networks_en.title, networks_en.slug = "Member networks", "networks"
    networks_en.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", root_page=home_th, is_default_site=True)
    return {
        "home_th": home_th,
        "home_en": HomePage.objects.get(pk=home_en.pk),
        "about_th": about_th,
        "about_en": AboutPage.objects.get(pk=about_en.pk),
        "networks_th": networks_th,
        "networks_en": NetworkIndexPage.objects.get(pk=networks_en.pk),
    }


@pytest.fixture
def story_index(site_tree):
    """The stories section in Thai and its English translation."""
    index_th = factories.StoryIndexPageFactory(
        parent=site_tree["home_th"], slug="เรื่องราว", title="เรื่องราว", show_in_menus=True
    )
    index_en = index_th.copy_for_translation(site_tree["home_en"].locale)
    index_en.title, index_en.slug = "Stories", "stories"
    index_en.save_revision().publish()
    return {"th": index_th, "en": StoryIndexPage.objects.get(pk=index_en.pk)}
