"""Documents: allowed types only, a size limit, safe download headers, private collections."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from demo import factories
from tests.media_builders import HTML_PAGE, WINDOWS_EXE, upload

Document = get_document_model()
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def document_files():
    """Every file in the documents storage (settings.STORAGES["documents"])."""
    root = Path(Document._meta.get_field("file").storage.location)
    return {path for path in root.rglob("*") if path.is_file()}


@pytest.fixture
def admin_client(client, db):
    user = factories.UserFactory(username="doc-admin", is_superuser=True, is_staff=True)
    client.force_login(user)
    return client


def add_document(client, name, data, collection=None):
    fields = {"title": "รายงานประจำปี", "file": upload(name, data)}
    if collection is not None:
        fields["collection"] = collection.pk
    return client.post(reverse("wagtaildocs:add"), fields)


def test_document_is_stored_outside_the_public_media_folder(admin_client, media_root):
    response = add_document(admin_client, "report-2568.pdf", PDF)

    assert response.status_code == 302
    path = Path(Document.objects.get().file.path)
    assert path.is_relative_to(settings.STORAGES["documents"]["OPTIONS"]["location"])
    assert not path.is_relative_to(media_root)
    assert not any(media_root.rglob("*.pdf"))


def test_document_downloads_with_safe_headers(admin_client, client):
    add_document(admin_client, "report-2568.pdf", PDF)
    document = Document.objects.get()
    client.logout()

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert document.filename in response["Content-Disposition"]
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF


def test_private_collection_is_closed_to_anonymous_readers(admin_client, client):
    private = Collection.get_first_root_node().add_child(name="เอกสารภายใน")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    add_document(admin_client, "minutes.pdf", PDF, collection=private)
    document = Document.objects.get()
    assert document.collection == private

    assert admin_client.get(document.url).status_code == 200
    client.logout()
    response = client.get(document.url)

    assert response.status_code == 302
    assert "/login/" in response["Location"]


@pytest.mark.parametrize(
    "name, data, limit",
    [
        pytest.param("setup.exe", WINDOWS_EXE, None, id="program"),
        pytest.param("page.html", HTML_PAGE, None, id="web-page"),
        pytest.param("report.pdf", PDF * 100, 1000, id="over-size-limit"),
    ],
)
def test_refused_documents_leave_nothing_behind(admin_client, media_root, name, data, limit):
    before = document_files()
    with override_settings(
        WAGTAILDOCS_MAX_UPLOAD_SIZE=limit or settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    ):
        response = add_document(admin_client, name, data)

    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Document.objects.exists()
    assert document_files() == before
    assert not any(path.is_file() for path in media_root.rglob("*"))
