"""Drafts and private (PageViewRestriction) stories appear nowhere readers or machines look."""

from urllib.parse import quote

from wagtail.models import Page

from news.models import StoryPage
from tests.distribution_fixtures import SECRET_DRAFT, SECRET_PRIVATE

SECRETS = ("DRAFT-SECRET", "PRIVATE-SECRET", quote(SECRET_DRAFT), quote(SECRET_PRIVATE))


def every_public_url(stories):
    urls = ["/sitemap.xml", "/news-sitemap.xml", "/robots.txt"]
    for language in ("th", "en"):
        for format_name in ("rss", "atom"):
            urls.append(f"/{language}/feeds/{format_name}/")
            for scope, slug in (
                ("type", "news"),
                ("network", "media"),
                ("tag", "ผ้าไหม"),
                ("reporter", "somchai"),
            ):
                urls.append(f"/{language}/feeds/{format_name}/{scope}/{quote(slug)}/")
    for query in (
        "",
        "?type=news.NewsPage&fields=*",
        "?tag=ผ้าไหม",
        "?network=media",
        "?search=SECRET",
        "?search=DRAFT-SECRET",
        "?search=PRIVATE-SECRET",
    ):
        urls.append(f"/api/v2/pages/{query}")
    urls.append("/th/")
    return urls


def test_secret_stories_appear_in_no_feed_sitemap_or_api_answer(stories, client):
    private_url = stories["private"].url
    for url in every_public_url(stories):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for secret in SECRETS:
            assert secret not in body, (url, secret)
        assert private_url not in body, url
        assert f":story:{stories['private'].pk}<" not in body, url
        assert f":story:{stories['draft'].pk}<" not in body, url


def test_secret_stories_are_not_found_by_site_search(stories):
    """Indexed they are (the first line), but a search over live, public pages misses them."""
    assert stories["private"].pk in {page.pk for page in Page.objects.search("PRIVATE-SECRET")}
    for words in ("DRAFT-SECRET", "PRIVATE-SECRET"):
        assert list(Page.objects.live().public().search(words)) == []
        assert list(StoryPage.objects.published().order_by().search(words)) == []
    assert stories["news_en"].pk in {
        page.pk for page in Page.objects.live().public().search("silk")
    }
