"""Content-Security-Policy on every kind of response, and Django's deploy check under the
production settings."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.two_factor import sign_in_with_second_factor

REPO = Path(__file__).resolve().parent.parent


def directives(response):
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


def assert_public_policy(response):
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]  # no 'unsafe-inline', no nonce, no host
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]
    assert set(policy["frame-src"]) == {
        "https://www.youtube.com",
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
        "https://www.facebook.com",
    }
    assert "nonce-" not in response["Content-Security-Policy"]


@pytest.fixture
def story(story_index):
    from demo import factories

    network = factories.NetworkFactory(slug="youth", colour="#1f6f4a")
    return factories.published_story(story_index["th"], networks=[network], title="ข่าวเยาวชน")


@pytest.mark.parametrize(
    "path",
    [
        "/th/",
        "/en/",
        "/th/search/?q=ผ้าไหม",
        "/th/feeds/rss/",
        "/en/feeds/atom/",
        "/api/v2/pages/",
        "/sitemap.xml",
        "/robots.txt",
        "/network-colours.css",
        "/th/_util/login/",
        "/th/no-such-page/",
    ],
)
def test_reader_pages_feeds_and_api_carry_the_strict_policy(client, site_tree, path):
    response = client.get(path)
    assert response.status_code in (200, 404), path
    assert_public_policy(response)


def test_story_page_carries_the_strict_policy(client, story):
    response = client.get(story.url)
    assert response.status_code == 200
    assert_public_policy(response)
    assert response["X-Frame-Options"] == "DENY"


def test_network_colours_come_from_a_stylesheet_not_style_attributes(client, story):
    network = story.networks.get()
    page = client.get(story.url).content.decode()
    assert f"network-colour-{network.pk}" in page and "style=" not in page
    css = client.get("/network-colours.css")
    assert css["Content-Type"].startswith("text/css")
    assert f".network-colour-{network.pk} {{ --network-colour: #1f6f4a; }}" in css.content.decode()


def test_network_colour_that_is_not_a_colour_never_reaches_the_stylesheet(client, site_tree):
    from networks.models import Network

    Network.objects.create(slug="odd", name_th="x", name_en="x", colour="red;}*{")
    assert "red" not in client.get("/network-colours.css").content.decode()


@pytest.mark.parametrize("path", ["/admin/login/", "/admin/", "/admin/images/", "/admin/no-such/"])
def test_admin_has_its_own_policy(admin_client, site_tree, path):
    response = admin_client.get(path)
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert "frame-src" not in policy  # previews are framed from 'self' only (default-src)
    hosts = [v for values in policy.values() for v in values if v.startswith(("http", "//"))]
    assert hosts == []  # no outside host anywhere in the admin


def test_two_factor_pages_have_the_admin_policy(client, django_user_model, site_tree):
    user = django_user_model.objects.create_user("editor", password="x")
    sign_in_with_second_factor(client, user)
    response = client.get("/admin/two-factor/")
    assert "'unsafe-inline'" in directives(response)["script-src"]


def _settings_in_subprocess(code, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("AWS_", "MEDIA_"))
        and k not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    clean.update(
        env,
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="k7#Qz9!vR2@pL5$wX8^mN3&bT6*yH1(eJ4)uF0_gD-cS+aV=oI.lK/jG?hE<fW>",
        DATABASE_URL="sqlite:////tmp/siang-deploy-check.sqlite3",
        ALLOWED_HOSTS="news.example.org",
    )
    return subprocess.run(  # noqa: S603
        [sys.executable, *code],
        cwd=REPO,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


def test_deploy_check_is_clean_with_the_documented_production_variables():
    result = _settings_in_subprocess(["manage.py", "check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_media_domain_joins_the_image_and_media_sources():
    result = _settings_in_subprocess(
        [
            "-c",
            "import django, json; django.setup(); from django.conf import settings; "
            "print(json.dumps(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']))",
        ],
        AWS_S3_CUSTOM_DOMAIN="media.example.org",
    )
    assert result.returncode == 0, result.stderr
    policy = json.loads(result.stdout)
    assert policy["img-src"] == ["'self'", "https://media.example.org"]
    assert policy["media-src"] == ["'self'", "https://media.example.org"]
    assert policy["script-src"] == ["'self'"]
