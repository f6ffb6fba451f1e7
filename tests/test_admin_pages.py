import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from demo import factories
from home.models import AboutPage


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def second_home(site_tree):
    return factories.HomePageFactory(parent=Page.get_first_root_node(), slug="second-home")


def test_editor_creates_an_about_page_with_a_thai_title_and_no_slug(second_home, admin_client):
    parent = second_home
    data = nested_form_data(
        {
            "title": "ภูมิปัญญาท้องถิ่น",
            "slug": "",
            "history": rich_text("<p>ประวัติ</p>"),
            "objectives": streamfield([("item", "ข้อหนึ่ง")]),
            "missions": streamfield([]),
            "policies": streamfield([]),
            "board_size": 16,
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/home/aboutpage/{parent.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = AboutPage.objects.get(title="ภูมิปัญญาท้องถิ่น")
    assert page.slug == "ภูมิปัญญาท้องถิ่น"
    assert page.live


def test_editor_may_type_a_thai_slug_by_hand(site_tree, admin_client):
    page = site_tree["about_th"]
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert "data-thai-slug" in response.content.decode()
    assert "js/admin-thai-slug.js" in response.content.decode()


def test_duplicate_slug_typed_by_hand_is_refused_with_a_message(second_home, admin_client):
    parent = second_home
    factories.NetworkIndexPageFactory(parent=parent, slug="เครือข่าย")
    data = nested_form_data(
        {
            "title": "ซ้ำ",
            "slug": "เครือข่าย",
            "history": rich_text(""),
            "objectives": streamfield([]),
            "missions": streamfield([]),
            "policies": streamfield([]),
            "board_size": 16,
        }
    )
    count = Page.objects.count()
    response = admin_client.post(f"/admin/pages/add/home/aboutpage/{parent.pk}/", data)
    assert response.status_code == 200
    assert "เครือข่าย" in response.content.decode()
    assert Page.objects.count() == count
