"""Editors find Thai pages, images, documents, reporters, networks and topics in the admin."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from demo import factories
from tests.search_site import site_for_module


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with site_for_module(django_db_blocker) as built:
        yield built


@pytest.fixture
def editor(site, db, client):
    user = factories.UserFactory(username="editor", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("typed", "expected", "absent"),
    [
        ("ช่างเง", "ช่างเงินเขวาสินรินทร์", "งานช้างประจำปีคึกคัก"),  # partly typed
        ("ช้าง", "งานช้างประจำปีคึกคัก", "ช่างเงินเขวาสินรินทร์"),  # inside the title, tone kept
        ("ทุ่งกุลา", "ข้าวหอมมะลิทุ่งกุลา", "งานช้างประจำปีคึกคัก"),
    ],
)
def test_admin_page_search_autocompletes_thai_titles(editor, typed, expected, absent):
    html = editor.get("/admin/pages/search/", {"q": typed}).content.decode()
    assert expected in html
    assert absent not in html


def test_image_chooser_and_listing_find_thai_titles(editor):
    image_model = get_image_model()
    image_model.objects.create(title="ช้างกูยบ้านตากลาง", file=get_test_image_file())
    image_model.objects.create(title="ช่างทอผ้าไหม", file=get_test_image_file())
    chooser = editor.get("/admin/images/chooser/results/", {"q": "ตากลา"}).content.decode()
    assert "ช้างกูยบ้านตากลาง" in chooser
    assert "ช่างทอผ้าไหม" not in chooser
    listing = editor.get("/admin/images/", {"q": "ผ้าไหม"}).content.decode()
    assert "ช่างทอผ้าไหม" in listing
    assert "ช้างกูยบ้านตากลาง" not in listing


def test_document_listing_finds_thai_titles(editor):
    document_model = get_document_model()
    for title in ("รายงานประชุมเวทีแลกเปลี่ยนเรียนรู้", "งบประมาณปี ๒๕๖๙"):
        document_model.objects.create(title=title, file=SimpleUploadedFile("report.txt", b"report"))
    html = editor.get("/admin/documents/", {"q": "เรียนรู้"}).content.decode()
    assert "รายงานประชุมเวทีแลกเปลี่ยนเรียนรู้" in html
    assert "งบประมาณ" not in html
    assert "งบประมาณปี ๒๕๖๙" in editor.get("/admin/documents/", {"q": "2569"}).content.decode()


def test_reporters_networks_and_topics_are_found_by_thai_words(editor):
    from wagtail.search.backends import get_search_backend

    from networks.models import Network
    from news.models import ReporterProfile, Topic

    factories.ReporterProfileFactory(display_name="สมศรี รักษ์ถิ่นเขวาสินรินทร์")
    factories.TopicFactory(name_th="ภูมิปัญญาท้องถิ่น", name_en="Local wisdom", slug="wisdom")
    backend = get_search_backend()
    reporters = backend.autocomplete("เขวาสิน", ReporterProfile)
    assert [r.display_name for r in reporters] == ["สมศรี รักษ์ถิ่นเขวาสินรินทร์"]
    assert [t.slug for t in backend.autocomplete("ปัญญา", Topic)] == ["wisdom"]
    assert [n.slug for n in backend.autocomplete("เกษตรกร", Network)] == ["small-farmers"]
    snippets = editor.get("/admin/snippets/networks/network/", {"q": "วัฒนธรรม"})
    assert snippets.status_code == 200
    assert "เครือข่ายวัฒนธรรมชุมชน" in snippets.content.decode()
    assert "เครือข่ายสมัชชาเกษตรกรรายย่อย" not in snippets.content.decode()
