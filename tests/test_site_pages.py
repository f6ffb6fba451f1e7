import re
from urllib.parse import quote

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from demo import factories
from demo import site as demo
from networks.models import Network


@pytest.fixture
def seeded_networks(db):
    demo.load_networks()
    return Network.objects.all()


def test_root_redirects_to_thai_home_by_default(site_tree, client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/th/"


def test_root_honours_a_browser_that_prefers_english(site_tree, client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response["Location"] == "/en/"


def test_thai_home_page_is_thai(site_tree, client, seeded_networks):
    response = client.get("/th/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="th">' in html
    assert "เครือข่ายชมรมผู้สูงอายุจังหวัดสุรินทร์" in html


def test_language_switch_leads_to_the_translation(site_tree, client):
    html = client.get(site_tree["about_th"].url).content.decode()
    assert 'href="/en/about/" hreflang="en"' in html
    assert 'rel="alternate" hreflang="en" href="http://testserver/en/about/"' in html
    assert 'rel="alternate" hreflang="th"' in html


def test_language_switch_skips_a_translation_taken_down(site_tree, client):
    site_tree["about_en"].unpublish()
    html = client.get(site_tree["about_th"].url).content.decode()
    assert 'href="/en/" hreflang="en"' in html
    assert "/en/about/" not in html


def test_language_switch_keeps_the_address_below_a_routable_page(
    site_tree, client, seeded_networks
):
    html = client.get("/th/" + quote("เครือข่าย") + "/media/").content.decode()
    assert 'href="/en/networks/media/" hreflang="en"' in html


def test_language_switch_asks_nothing_of_its_own_when_the_route_found_the_page(site_tree, client):
    # The route's one query also loads the translations of the pages on the address.
    url = site_tree["about_th"].url
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    assert 'href="/en/about/" hreflang="en"' in html
    asking_for_one_page = [q["sql"] for q in queries if '"translation_key" = \'' in q["sql"]]
    assert asking_for_one_page == []


def test_language_switch_falls_back_to_the_other_home_page(site_tree, client):
    only_thai = factories.AboutPageFactory(parent=site_tree["home_th"], title="เฉพาะภาษาไทย")
    html = client.get(only_thai.url).content.decode()
    assert 'href="/en/" hreflang="en"' in html
    assert 'hreflang="en" href=' not in html  # no alternate link to a translation that is not there


def test_english_page_has_english_lang(site_tree, client):
    html = client.get("/en/about/").content.decode()
    assert '<html lang="en">' in html
    assert 'href="/th/' + quote("เกี่ยวกับเรา") + '/" hreflang="th"' in html


def test_about_page_totals_are_computed_from_the_network_records(
    site_tree, client, seeded_networks
):
    html = client.get(site_tree["about_en"].url).content.decode()
    assert 'data-total="organisations">177<' in html
    assert 'data-total="members">23,403<' in html
    Network.objects.filter(slug="youth").update(member_count=3169)
    html = client.get(site_tree["about_en"].url).content.decode()
    assert 'data-total="members">23,404<' in html


def test_about_page_links_every_network_in_its_language(site_tree, client, seeded_networks):
    html = client.get(site_tree["about_en"].url).content.decode()
    assert len(re.findall(r'href="/en/networks/[\w-]+/"', html)) == 10
    html_th = client.get(site_tree["about_th"].url).content.decode()
    networks_th = "/th/" + quote("เครือข่าย") + "/"
    assert html_th.count(f'href="{networks_th}') >= 10


@pytest.mark.parametrize("slug", ["media", "district-centres", "mun-river"])
def test_each_network_has_a_page_in_each_language(site_tree, client, seeded_networks, slug):
    network = Network.objects.get(slug=slug)
    english = client.get(f"/en/networks/{slug}/")
    assert english.status_code == 200
    assert network.name_en in english.content.decode()
    thai = client.get(f"/th/{quote('เครือข่าย')}/{slug}/")
    assert thai.status_code == 200
    assert network.name_th in thai.content.decode()
    # the switch keeps the reader on the same network
    assert f'href="/en/networks/{slug}/" hreflang="en"' in thai.content.decode()


def test_district_network_counts_centres(site_tree, client, seeded_networks):
    html = client.get("/en/networks/district-centres/").content.decode()
    assert "Coordination centres" in html
    assert "1,970" in html


@pytest.mark.parametrize(
    "path",
    [
        "/en/networks/no-such-network/",
        "/th/ไม่มีหน้านี้/",
        "/th/%ff%fe/",
        "/en/networks/%F0%9F%90%98/",
        "/th/" + "ก" * 3000 + "/",
    ],
)
def test_bad_addresses_get_a_friendly_404_in_the_readers_language(site_tree, client, path):
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    if path.startswith("/en/"):
        assert "Page not found" in html
    else:
        assert "ไม่พบหน้าที่ต้องการ" in html


@override_settings(DEBUG=False)
def test_server_error_page_is_friendly_in_thai(rf):
    from home.views import server_error

    response = server_error(rf.get("/th/anything/"))
    assert response.status_code == 500
    assert "ระบบขัดข้อง" in response.content.decode()


def test_pages_need_nothing_from_other_sites(site_tree, client, seeded_networks):
    for url in ("/th/", "/en/about/", "/en/networks/youth/"):
        html = client.get(url).content.decode()
        external = re.findall(r'(?:src|href)="(https?://(?!testserver)[^"]+)"', html)
        assert external == [], url


def test_load_demo_is_idempotent(db):
    from django.core.management import call_command
    from wagtail.models import Page

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = (Page.objects.count(), Network.objects.count())
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (Page.objects.count(), Network.objects.count()) == counts
    assert Network.objects.totals() == {"organisations": 177, "members": 23403}


def test_demo_reporters_can_write_in_their_language_section_from_a_fresh_database(db):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from news.models import StoryIndexPage

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    reporter = get_user_model().objects.get(username="reporter_youth")
    for section in StoryIndexPage.objects.all():
        assert section.permissions_for_user(reporter).can_add_subpage(), section.url
    assert reporter.wagtail_userprofile.preferred_language == "th"


def _main_menu(html):
    menu = re.search(r'<nav class="main-nav".*?</nav>', html, re.S)
    return menu.group(0) if menu else ""


def test_the_menu_shows_a_section_renamed_or_hidden_on_the_next_page(site_tree, client):
    # The menu is kept per process under what it shows (core.fragments): a change of title,
    # of place in menus or of the page shown is another menu, with nothing to forget.
    about = site_tree["about_th"]
    about.show_in_menus = True
    about.save_revision().publish()
    menu = _main_menu(client.get("/th/").content.decode())
    assert f'<a href="{about.url}">{about.title}</a>' in menu
    assert 'aria-current="page">หน้าแรก</a>' in menu

    about.title = "รู้จักสมาคม"
    about.save_revision().publish()
    menu = _main_menu(client.get("/th/").content.decode())
    assert f'<a href="{about.url}">รู้จักสมาคม</a>' in menu
    on_about = _main_menu(client.get(about.url).content.decode())
    assert f'<a href="{about.url}" aria-current="page">รู้จักสมาคม</a>' in on_about
    assert 'aria-current="page">หน้าแรก</a>' not in on_about

    about.show_in_menus = False
    about.save_revision().publish()
    assert "รู้จักสมาคม" not in _main_menu(client.get("/th/").content.decode())
