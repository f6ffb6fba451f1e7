"""The installable, offline-capable site as the server offers it: manifest, worker, offline page.

What the worker does in a browser (keeps pages, shows the offline page, never keeps the admin's)
is tested in Chromium: tests/browser/test_offline_reading.py.
"""

import json

import pytest
from django.contrib.staticfiles import finders
from PIL import Image


def test_worker_is_served_from_the_root_with_its_settings(client):
    response = client.get("/sw.js")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    script = response.content.decode()
    config = json.loads(script.split("\n", 1)[0].removeprefix("self.OFFLINE = ").rstrip(";"))
    assert config["maxPages"] == 50
    assert config["maxPhotoBytes"] == 20 * 1024 * 1024
    assert config["offlinePages"] == {"th": "/th/_offline/", "en": "/en/_offline/"}
    assert {"/admin/", "/documents/"} <= set(config["neverStoredPaths"])
    assert "/th/_offline/" in config["shell"] and "/static/css/site.css" in config["shell"]
    assert 'addEventListener("fetch"' in script


def test_a_browser_checking_for_a_new_worker_gets_a_304_until_a_release_changes_it(client):
    first = client.get("/sw.js")

    again = client.get("/sw.js", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again.content == b""


def test_worker_refuses_post(client):
    assert client.post("/sw.js").status_code == 405


@pytest.mark.parametrize(("language", "name"), [("th", "เสียงชุมชน"), ("en", "Siang Chumchon")])
def test_manifest_in_each_language(client, site_tree, language, name):
    response = client.get(f"/{language}/manifest.webmanifest")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/manifest+json")
    manifest = json.loads(response.content)
    assert manifest["name"] == name
    assert manifest["lang"] == language
    assert manifest["start_url"] == f"/{language}/"
    assert manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#0b5c3b"
    sizes = set()
    for icon in manifest["icons"]:
        path = finders.find(icon["src"].removeprefix("/static/"))
        with Image.open(path) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"]
            assert image.format == "PNG"
        sizes.add(icon["sizes"])
    assert {"192x192", "512x512"} <= sizes
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])


@pytest.mark.parametrize(("language", "heading"), [("th", "คุณออฟไลน์อยู่"), ("en", "You are offline")])
def test_offline_page_in_each_language(client, site_tree, language, heading):
    response = client.get(f"/{language}/_offline/")

    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert '<meta name="robots" content="noindex">' in html
    assert f'href="/{language}/"' in html


@pytest.mark.parametrize("language", ["th", "en"])
def test_pages_link_their_languages_manifest_and_register_the_worker(client, site_tree, language):
    html = client.get(f"/{language}/").content.decode()

    assert f'<link rel="manifest" href="/{language}/manifest.webmanifest">' in html
    assert 'src="/static/js/offline.js" data-worker="/sw.js"' in html
    assert f'data-home="/{language}/"' in html


def test_public_policy_allows_the_worker_and_the_manifest_from_the_site_only(client, site_tree):
    policy = client.get("/th/")["Content-Security-Policy"]

    assert "worker-src 'self'" in policy
    assert "manifest-src 'self'" in policy
