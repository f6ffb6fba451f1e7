import json

import pytest

from core.static_files import KeptAddressesManifestStorage


@pytest.fixture
def storage(tmp_path, settings):
    settings.DEBUG = False
    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"version": "1.1", "paths": {"css/site.css": "css/site.0123abcd.css"}})
    )
    return KeptAddressesManifestStorage(location=tmp_path, base_url="/static/")


def test_a_static_file_is_addressed_by_its_hashed_name_every_time(storage):
    assert storage.url("css/site.css") == "/static/css/site.0123abcd.css"
    assert storage.url("css/site.css") == "/static/css/site.0123abcd.css"


def test_a_name_missing_from_the_manifest_is_refused_every_time(storage):
    for _attempt in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("css/missing.css")


def test_templates_and_code_get_the_hashed_address_from_the_production_storage(storage, settings):
    from django.template import engines
    from django.templatetags.static import static

    from cms.settings import base

    settings.STORAGES = {**settings.STORAGES, "staticfiles": base.STORAGES["staticfiles"]}
    settings.STATIC_ROOT = storage.location
    template = engines["django"].from_string("{% load static %}{% static 'css/site.css' %}")

    assert static("css/site.css") == "/static/css/site.0123abcd.css"
    assert template.render() == "/static/css/site.0123abcd.css"
