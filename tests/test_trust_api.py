"""The public API shows only media that live public pages use, and answers bad numbers with 400.

An upload nobody published (a reporter's photo for a draft, a document waiting for review) is
not the public's yet: /api/v2/images/ and /api/v2/documents/ list, and their detail URLs serve,
only what a reader can already see on a live, public page: hero images, body images and
galleries, video posters, the photos of the reporters in a live story's byline, attachments, and
the member networks' logos shown on the networks pages.
"""

import json

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction

from demo import factories
from news.models import StoryByline
from tests.story_helpers import build_story_site, module_data

BIG = "99999999999999999999"
PUBLIC = ("hero", "body", "gallery_1", "gallery_2", "poster", "reporter_photo", "logo")
NOT_PUBLIC = ("unused", "draft_only", "private_only", "idle_reporter_photo")


def _document(title):
    return get_document_model().objects.create(
        title=title, file=ContentFile(b"%PDF-1.4 hello", name=f"{title}.pdf")
    )


def _body(images, poster_video=None, document=None):
    blocks = [
        {"type": "image", "value": {"image": images[0].pk, "caption": "", "credit": ""}},
    ]
    if len(images) > 1:
        blocks.append(
            {
                "type": "gallery",
                "value": {
                    "title": "",
                    "images": [
                        {"image": image.pk, "caption": "", "credit": ""} for image in images[1:]
                    ],
                },
            }
        )
    if poster_video is not None:
        blocks.append(
            {"type": "video", "value": {"video": None, "file": poster_video.pk, "caption": ""}}
        )
    if document is not None:
        blocks.append({"type": "attachment", "value": {"document": document.pk, "title": ""}})
    return json.dumps(blocks)


@pytest.fixture(scope="module")
def media(django_db_setup, django_db_blocker):
    with module_data(django_db_blocker):
        section = build_story_site()["th"]
        images = {name: factories.CustomImageFactory(title=name) for name in PUBLIC + NOT_PUBLIC}
        documents = {name: _document(name) for name in ("attached", "unused", "private_doc")}
        network = factories.NetworkFactory(slug="youth", logo=images["logo"])
        video = factories.MediaItemFactory(type="video", poster=images["poster"])
        reporter = factories.ReporterProfileFactory(slug="fah", photo=images["reporter_photo"])
        factories.ReporterProfileFactory(slug="idle", photo=images["idle_reporter_photo"])
        live = factories.published_story(
            section,
            networks=[network],
            title="เรื่องเผยแพร่",
            hero_image=images["hero"],
            body=_body(
                [images["body"], images["gallery_1"], images["gallery_2"]],
                poster_video=video,
                document=documents["attached"],
            ),
        )
        StoryByline.objects.create(story=live, reporter=reporter)
        live.save_revision().publish()
        factories.NewsPageFactory(
            parent=section,
            live=False,
            networks=[network],
            title="ร่าง",
            hero_image=images["draft_only"],
            body=_body([images["draft_only"]]),
        )
        private = factories.published_story(
            section,
            networks=[network],
            title="เฉพาะสมาชิก",
            hero_image=images["private_only"],
            body=_body([images["private_only"]], document=documents["private_doc"]),
        )
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        yield {"images": images, "documents": documents, "live": live}


def _listed(client, endpoint):
    response = client.get(f"/api/v2/{endpoint}/?limit=50")
    assert response.status_code == 200
    return {item["title"] for item in response.json()["items"]}


def test_image_listing_shows_only_images_live_public_pages_use(db, client, media):
    assert _listed(client, "images") == set(PUBLIC)


@pytest.mark.parametrize("name", NOT_PUBLIC)
def test_an_unpublished_image_has_no_public_detail(db, client, media, name):
    response = client.get(f"/api/v2/images/{media['images'][name].pk}/")
    assert response.status_code == 404
    assert name not in response.content.decode()


def test_searching_media_finds_only_public_ones(db, client, media):
    for endpoint, public, hidden in (
        ("images", "hero", "unused"),
        ("documents", "attached", "unused"),
    ):
        found = {
            item["title"]
            for item in client.get(f"/api/v2/{endpoint}/?search={public}").json()["items"]
        }
        assert found == {public}
        assert client.get(f"/api/v2/{endpoint}/?search={hidden}").json()["items"] == []


def test_a_public_image_keeps_its_detail(db, client, media):
    response = client.get(f"/api/v2/images/{media['images']['hero'].pk}/")
    assert response.status_code == 200 and response.json()["title"] == "hero"


def test_document_listing_shows_only_documents_live_public_pages_use(db, client, media):
    assert _listed(client, "documents") == {"attached"}
    for name in ("unused", "private_doc"):
        document = media["documents"][name]
        assert client.get(f"/api/v2/documents/{document.pk}/").status_code == 404


def test_unpublishing_the_page_withdraws_its_images(db, client, media):
    Page.objects.get(pk=media["live"].pk).specific.unpublish()
    assert _listed(client, "images") == {"logo"}


@pytest.mark.parametrize(
    "path",
    [
        f"/api/v2/pages/?offset={BIG}",
        f"/api/v2/pages/?limit={BIG}",
        f"/api/v2/pages/?id={BIG}",
        f"/api/v2/pages/?child_of={BIG}",
        f"/api/v2/pages/?descendant_of={BIG}",
        f"/api/v2/pages/?translation_of={BIG}",
        "/api/v2/pages/?offset=9223372036854775808",
        "/api/v2/pages/?id=١٢",
        f"/api/v2/images/?offset={BIG}",
        f"/api/v2/images/?id={BIG}",
        f"/api/v2/images/?width={BIG}",
        f"/api/v2/documents/?offset={BIG}",
        f"/api/v2/documents/?id=-{BIG}",
    ],
)
def test_numbers_out_of_range_are_a_clear_400(db, client, media, path):
    client.raise_request_exception = False
    response = client.get(path)
    assert response.status_code == 400, response.content[:200]
    assert response["Content-Type"] == "application/json"
    name = path.split("?")[1].split("=")[0]
    assert name in response.json()["message"]


@pytest.mark.parametrize(
    "path",
    [
        f"/api/v2/pages/{BIG}/",
        f"/api/v2/images/{BIG}/",
        f"/api/v2/documents/{BIG}/",
        f"/th/เรื่องราว/?page={BIG}",
        f"/th/search/?q=ผ้า&page={BIG}",
    ],
)
def test_huge_numbers_elsewhere_are_never_a_500(db, client, media, path):
    client.raise_request_exception = False
    assert client.get(path).status_code in (200, 404)


def test_the_number_message_speaks_thai_to_a_thai_client(db, client, media):
    response = client.get(f"/api/v2/pages/?offset={BIG}", HTTP_ACCEPT_LANGUAGE="th")
    assert response.status_code == 400
    assert "ต้องเป็นจำนวนเต็ม" in response.json()["message"]
