"""Meta tags, Open Graph, Twitter cards, JSON-LD and share links that readers' apps read."""

import json
import re
from datetime import datetime
from html import unescape
from urllib.parse import quote

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation


def render(template_code, page, path=None, language="th"):
    request = RequestFactory().get(path or page.url)
    with translation.override(language):
        return Template("{% load distribution_tags %}" + template_code).render(
            Context({"request": request, "page": page})
        )


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return {data["@type"]: data for data in map(json.loads, blocks)}


def meta(html, name):
    match = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)"', html)
    return unescape(match.group(1)) if match else None


def test_story_meta_tags(stories):
    news = stories["news"]
    html = render("{% page_meta %}", news)
    url = "http://testserver" + news.url
    assert f'<link rel="canonical" href="{url}">' in html
    assert meta(html, "description") == news.summary
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:title") == news.title
    assert meta(html, "og:url") == url
    assert meta(html, "og:locale") == "th_TH"
    assert meta(html, "og:image").endswith(".fill-1200x630.format-jpeg.jpg")
    assert meta(html, "og:image").startswith("http://testserver/media/images/")
    assert meta(html, "twitter:card") == "summary_large_image"
    assert meta(html, "twitter:image") == meta(html, "og:image")
    published = datetime.fromisoformat(meta(html, "article:published_time"))
    assert published == news.first_published_at.replace(microsecond=0)
    modified = datetime.fromisoformat(meta(html, "article:modified_time"))
    assert modified == news.last_published_at.replace(microsecond=0)
    assert "hreflang=" not in html  # base.html already emits the language alternates


def test_story_json_ld_is_a_news_article(stories):
    news = stories["news"]
    data = json_ld(render("{% page_meta %}", news))
    article = data["NewsArticle"]
    assert article["@context"] == "https://schema.org"
    assert article["headline"] == news.title  # "<", ">" and "&" survive the escaping
    published = datetime.fromisoformat(article["datePublished"])
    assert published == news.first_published_at.replace(microsecond=0)
    assert published.utcoffset().total_seconds() == 7 * 3600  # Bangkok time
    modified = datetime.fromisoformat(article["dateModified"])
    assert modified == news.last_published_at.replace(microsecond=0)
    [author] = article["author"]
    assert author["@type"] == "Person" and author["name"] == "สมชาย ใจดี"
    assert author["url"].startswith("http://testserver/th/") and "/reporter/" in author["url"]
    assert article["publisher"]["@type"] == "Organization"
    assert article["publisher"]["logo"]["url"] == (
        "http://testserver/static/img/siang-chumchon-logo.png"
    )
    assert article["image"][0].endswith(".fill-1200x630.format-jpeg.jpg")
    assert article["inLanguage"] == "th"
    assert "เครือข่ายสื่อ" in article["articleSection"]
    assert article["mainEntityOfPage"]["@id"] == "http://testserver" + news.url

    breadcrumbs = data["BreadcrumbList"]["itemListElement"]
    assert [crumb["name"] for crumb in breadcrumbs] == ["เสียงชุมชน", "เรื่องราว", news.title]
    assert [crumb["position"] for crumb in breadcrumbs] == [1, 2, 3]
    assert breadcrumbs[-1]["item"] == "http://testserver" + news.url


def test_json_ld_cannot_be_broken_out_of_by_a_title(stories):
    news = stories["news"]
    news.title = 'ผ้าไหม</script><script>alert("x")</script>'
    html = render("{% page_meta %}", news)
    assert "<script>alert" not in html
    assert json_ld(html)["NewsArticle"]["headline"] == news.title
    assert meta(html, "og:title") == news.title
    assert (
        '<meta property="og:title" content="ผ้าไหม&lt;/script&gt;&lt;script&gt;alert(&quot;' in html
    )


def test_story_without_photo_falls_back_to_the_logo(stories):
    html = render("{% page_meta %}", stories["wisdom"])
    assert meta(html, "twitter:card") == "summary"
    assert meta(html, "og:image") == "http://testserver/static/img/siang-chumchon-logo.png"
    assert "image" not in json_ld(html)["NewsArticle"]


def test_home_page_describes_the_organisation(stories, client):
    html = client.get("/en/").content.decode()
    organisation = json_ld(html)["NewsMediaOrganization"]
    assert organisation["name"] == "Siang Chumchon"
    assert organisation["url"] == "http://testserver/en/"
    assert organisation["logo"]["url"].endswith("/static/img/siang-chumchon-logo.png")
    assert meta(html, "og:type") == "website"
    assert '<link rel="canonical" href="http://testserver/en/">' in html
    assert html.count('name="description"') == 1


def test_listing_sub_page_has_breadcrumbs_and_its_own_canonical(stories, client):
    html = client.get("/en/networks/media/").content.decode()
    assert '<link rel="canonical" href="http://testserver/en/networks/media/">' in html
    crumbs = json_ld(html)["BreadcrumbList"]["itemListElement"]
    assert [crumb["name"] for crumb in crumbs] == ["Siang Chumchon", "Member networks", "Media"]
    assert crumbs[-1]["item"] == "http://testserver/en/networks/media/"


def test_print_stylesheet_is_linked_for_print_only(site_tree, client):
    html = client.get("/th/").content.decode()
    assert '<link rel="stylesheet" href="/static/css/print.css" media="print">' in html


@pytest.mark.parametrize("language", ["th", "en"])
def test_share_links_are_plain_links_without_third_party_scripts(stories, language):
    story = stories["news"] if language == "th" else stories["news_en"]
    html = render('{% include "components/share_links.html" %}', story, language=language)
    url = "http://testserver" + story.url
    encoded = quote(url, safe="")
    assert f'href="https://social-plugins.line.me/lineit/share?url={encoded}"' in html
    assert f'href="https://www.facebook.com/sharer/sharer.php?u={encoded}"' in html
    x_link = (
        f"https://twitter.com/intent/tweet?url={encoded}&amp;text={quote(story.title, safe='')}"
    )
    assert f'href="{x_link}"' in html
    assert f'href="{url}" data-copy-link' in html  # works as a plain link without JavaScript
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert scripts == ["/static/js/share.js"]


def test_not_found_page_recommends_no_address(site_tree, client):
    response = client.get("/en/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert 'rel="canonical"' not in html and 'property="og:url"' not in html
    assert 'name="description"' in html
