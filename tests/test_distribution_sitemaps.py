"""sitemap.xml (both languages, hreflang), the Google News sitemap and robots.txt."""

from datetime import datetime
from urllib.parse import quote
from xml.etree import ElementTree

from tests.distribution_fixtures import SECRET_DRAFT, SECRET_PRIVATE

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def absolute(page):
    return "http://testserver" + page.url


def parse(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ElementTree.fromstring(response.content)  # noqa: S314 (our own output)


def test_sitemap_covers_both_languages_with_hreflang_alternates(stories, client):
    root = parse(client, "/sitemap.xml")
    entries = {
        url.findtext("sm:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href")
            for link in url.findall("xhtml:link", NS)
            if link.get("rel") == "alternate"
        }
        for url in root.findall("sm:url", NS)
    }
    for key in ("news", "news_en", "wisdom", "culture", "index_th", "index_en"):
        assert absolute(stories[key]) in entries, key
    assert "http://testserver/th/" in entries and "http://testserver/en/" in entries

    expected = {
        "th": absolute(stories["news"]),
        "en": absolute(stories["news_en"]),
        "x-default": absolute(stories["news"]),
    }
    assert entries[absolute(stories["news"])] == expected
    assert entries[absolute(stories["news_en"])] == expected
    assert entries[absolute(stories["wisdom"])] == {}  # no translation, no alternates

    youth_en = "http://testserver/en/networks/youth/"  # served by the networks page itself
    assert entries[youth_en]["th"] == "http://testserver" + quote("/th/เครือข่าย/youth/")
    assert entries[youth_en]["en"] == youth_en


def test_sitemap_leaves_out_drafts_and_private_stories(stories, client):
    body = client.get("/sitemap.xml").content.decode()
    assert stories["draft"].slug not in body
    assert absolute(stories["private"]) not in body
    assert SECRET_DRAFT not in body and SECRET_PRIVATE not in body


def test_news_sitemap_lists_the_last_two_days(stories, client):
    root = parse(client, "/news-sitemap.xml")
    news = {}
    for url in root.findall("sm:url", NS):
        item = url.find("news:news", NS)
        news[url.findtext("sm:loc", namespaces=NS)] = {
            "name": item.findtext("news:publication/news:name", namespaces=NS),
            "language": item.findtext("news:publication/news:language", namespaces=NS),
            "date": datetime.fromisoformat(item.findtext("news:publication_date", namespaces=NS)),
            "title": item.findtext("news:title", namespaces=NS),
        }
    assert set(news) == {absolute(stories[key]) for key in ("news", "news_en", "culture")}
    thai = news[absolute(stories["news"])]
    assert thai["language"] == "th" and thai["name"] == "เสียงชุมชน"
    assert thai["title"] == stories["news"].title  # escaped in XML, whole when parsed
    assert thai["date"] == stories["news"].first_published_at
    english = news[absolute(stories["news_en"])]
    assert english["language"] == "en" and english["name"] == "Siang Chumchon"


def test_robots_txt_points_at_both_sitemaps_and_keeps_crawlers_out_of_admin(site_tree, client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/news-sitemap.xml" in lines
