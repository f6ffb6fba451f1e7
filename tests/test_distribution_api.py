"""The public API (/api/v2/): story fields, filters, search, and only public, live content."""

import json
from urllib.parse import unquote

import pytest
import wagtail_factories
from wagtail.models import Collection, CollectionViewRestriction

from tests.distribution_fixtures import CONSENT_SECRET


def get(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, response.content[:300]
    return response.json()


def ids(client, query):
    return {item["id"] for item in get(client, f"/api/v2/pages/?{query}")["items"]}


def pks(stories, *keys):
    return {stories[key].pk for key in keys}


def test_story_fields(stories, client):
    news = stories["news"]
    data = get(client, f"/api/v2/pages/{news.pk}/")
    assert data["meta"]["type"] == "news.NewsPage"
    assert data["meta"]["locale"] == "th"
    assert data["summary"] == news.summary
    assert data["networks"] == [{"slug": "media", "name_th": "เครือข่ายสื่อ", "name_en": "Media"}]
    assert data["topics"][0]["slug"] == "agriculture"
    assert data["tags"] == [{"slug": "ผ้าไหม", "name": "ผ้าไหม"}]
    assert data["district"] == {"slug": "tha-tum", "name": "ท่าตูม"}
    assert data["reporters"] == [{"slug": "somchai", "name": "สมชาย ใจดี"}]
    assert data["corrections"] == [{"date": "2026-11-20", "text": "แก้ชื่อหมู่บ้านให้ถูกต้อง"}]
    assert data["hero_image"]["id"] == stories["photo"].pk
    assert data["hero_image_social"]["url"].endswith(".fill-1200x630.format-jpeg.jpg")
    assert data["meta"]["first_published_at"] and data["last_published_at"]
    assert "ผ้าทุกผืนมีเรื่องเล่า" in data["body_html"]
    assert 'src="http://testserver/media/images/' in data["body_html"]


def test_local_wisdom_consent_never_leaves_the_admin(stories, client):
    wisdom = stories["wisdom"]
    response = client.get("/api/v2/pages/?type=news.LocalWisdomPage&fields=*")
    detail = client.get(f"/api/v2/pages/{wisdom.pk}/")
    for body in (response.content.decode(), detail.content.decode()):
        assert CONSENT_SECRET not in body
        assert "consent" not in body
    data = detail.json()
    assert data["holder_name"] == wisdom.holder_name
    assert data["practice"]["slug"] == "weaving-dyeing"


@pytest.mark.parametrize(
    "query, expected",
    [
        ("type=news.NewsPage", ("news", "news_en")),
        ("type=news.LocalWisdomPage", ("wisdom",)),
        ("type=news.StoryPage&locale=th", ("news", "wisdom", "culture")),
        ("type=news.StoryPage&locale=en", ("news_en",)),
        ("network=media", ("news", "news_en")),
        ("network=youth&locale=th", ("wisdom", "culture")),
        ("topic=agriculture&locale=en", ("news_en",)),
        ("tag=ผ้าไหม&locale=th", ("news",)),
        ("reporter=somchai", ("news", "news_en")),
        ("network=media&type=news.NewsPage&locale=th", ("news",)),
        ("network=no-such-network", ()),
        ("tag=no-such-tag", ()),
    ],
)
def test_page_filters(stories, client, query, expected):
    assert ids(client, query) == pks(stories, *expected)


def test_search_uses_the_site_search_backend_and_combines_with_filters(stories, client):
    assert stories["news_en"].pk in ids(client, "search=silk")
    assert ids(client, "search=silk&locale=th&type=news.StoryPage") == set()
    assert ids(client, "search=silk&network=youth") == set()
    assert ids(client, "search=silk&network=media&locale=en") == pks(stories, "news_en")


def test_bad_input_is_a_clear_400_not_a_500(stories, client):
    assert "type" in get(client, "/api/v2/pages/?type=news.NoSuchPage", status=400)["message"]
    get(client, "/api/v2/pages/?colour=green", status=400)


def test_drafts_and_private_pages_are_not_served(stories, client):
    listing = ids(client, "limit=50")
    for key in ("draft", "private"):
        assert stories[key].pk not in listing
        get(client, f"/api/v2/pages/{stories[key].pk}/", status=404)
    assert stories["news"].pk in listing


def test_images_and_documents_in_private_collections_are_not_served(stories, client):
    private = Collection.get_first_root_node().add_child(name="ภายในสมาคม")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.PASSWORD, password="x"
    )
    public_document = wagtail_factories.DocumentFactory(title="รายงานประจำปี")
    private_document = wagtail_factories.DocumentFactory(title="บันทึกภายใน", collection=private)
    private_image = wagtail_factories.ImageFactory(title="ภาพภายใน", collection=private)
    # Listings show only media live pages use: the live story uses all three.
    story = stories["news"]
    story.body = json.dumps(
        [
            {"type": "attachment", "value": {"document": public_document.pk, "title": ""}},
            {"type": "attachment", "value": {"document": private_document.pk, "title": ""}},
            {"type": "image", "value": {"image": private_image.pk, "caption": "", "credit": ""}},
        ]
    )
    story.save_revision().publish()

    documents = {item["id"] for item in get(client, "/api/v2/documents/")["items"]}
    assert public_document.pk in documents and private_document.pk not in documents
    get(client, f"/api/v2/documents/{private_document.pk}/", status=404)

    images = {item["id"] for item in get(client, "/api/v2/images/")["items"]}
    assert stories["photo"].pk in images and private_image.pk not in images


def test_api_answers_in_json(stories, client):
    response = client.get("/api/v2/pages/", HTTP_ACCEPT="application/json")
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["meta"]["total_count"] >= 4


@pytest.mark.parametrize("language", ["th", "en"])
def test_find_a_story_by_its_address_in_either_language(stories, client, language):
    story = stories["news"] if language == "th" else stories["news_en"]
    for html_path in (story.url, unquote(story.url)):
        response = client.get("/api/v2/pages/find/", {"html_path": html_path})
        assert response.status_code == 302
        assert f"/api/v2/pages/{story.pk}/" in response["Location"]
    private = client.get("/api/v2/pages/find/", {"html_path": stories["private"].url})
    assert private.status_code == 404
    missing = client.get("/api/v2/pages/find/", {"html_path": f"/{language}/no-such-story/"})
    assert missing.status_code == 404
