from urllib.parse import quote

import pytest
from django.core.exceptions import ValidationError

from demo import factories
from thai_text.slugs import thai_slugify, validate_thai_slug

THAI_TITLES = {
    "ภูมิปัญญาท้องถิ่น": "ภูมิปัญญาท้องถิ่น",
    "ผ้าไหมสุรินทร์ งานช้าง ๒๕๖๙": "ผ้าไหมสุรินทร์-งานช้าง-๒๕๖๙",
    "เรื่องเล่าวัฒนธรรม: บุญข้าวจี่!": "เรื่องเล่าวัฒนธรรม-บุญข้าวจี่",
    "Khwao Sinarin เขวาสินรินทร์": "khwao-sinarin-เขวาสินรินทร์",
}


@pytest.mark.parametrize(("title", "slug"), THAI_TITLES.items())
def test_slugify_keeps_every_vowel_and_tone_mark(title, slug):
    assert thai_slugify(title) == slug
    validate_thai_slug(slug)


def test_slugify_never_cuts_a_mark_from_its_consonant():
    slug = thai_slugify("ภูมิปัญญาท้องถิ่น " * 10, max_length=20)
    assert len(slug) <= 20
    validate_thai_slug(slug)


@pytest.mark.parametrize("bad", ["", "มี space", "a/b", "ิเริ่ม", "<script>"])
def test_validator_refuses_what_cannot_be_a_path_segment(bad):
    with pytest.raises(ValidationError):
        validate_thai_slug(bad)


def test_page_with_thai_title_gets_a_readable_slug_and_url(site_tree, client):
    page = factories.AboutPageFactory(parent=site_tree["home_th"], title="ภูมิปัญญาท้องถิ่น", slug="")
    assert page.slug == "ภูมิปัญญาท้องถิ่น"
    assert page.url == "/th/" + quote("ภูมิปัญญาท้องถิ่น") + "/"
    response = client.get(page.url)
    assert response.status_code == 200
    assert "ภูมิปัญญาท้องถิ่น" in response.content.decode()


def test_sibling_with_the_same_thai_title_gets_a_distinct_slug(site_tree):
    first = factories.AboutPageFactory(parent=site_tree["home_th"], title="ผ้าไหม", slug="")
    second = factories.AboutPageFactory(parent=site_tree["home_th"], title="ผ้าไหม", slug="")
    assert first.slug == "ผ้าไหม"
    assert second.slug == "ผ้าไหม-2"


def test_network_without_slug_gets_one_from_its_thai_name(db):
    network = factories.NetworkFactory(slug="", name_th="เครือข่ายวัฒนธรรมชุมชน")
    assert network.slug == "เครือข่ายวัฒนธรรมชุมชน"
    twin = factories.NetworkFactory.build(slug="", name_th="เครือข่ายวัฒนธรรมชุมชน")
    twin.save()
    assert twin.slug == "เครือข่ายวัฒนธรรมชุมชน-2"


def test_tag_slug_keeps_marks(db):
    from news.models import Tag

    tag = Tag.objects.create(name="ผ้าไหมมัดหมี่")
    assert tag.slug == "ผ้าไหมมัดหมี่"
