"""A new server process prepares its pages before its first reader (cms.warm_up)."""

import importlib
import logging
import sys

from django.template import engines

from cms import warm_up


def test_every_public_template_is_found_and_compiles():
    names = list(warm_up.public_template_names())
    assert "pages/story_page.html" in names
    assert "components/picture.html" in names
    assert "following/follow_link.html" in names  # an app's own templates too
    assert not any(name.startswith(("admin/", "wagtailadmin/")) for name in names)
    for name in names:
        engines["django"].get_template(name)


def test_the_server_module_warms_up_when_it_loads(monkeypatch):
    calls = []
    monkeypatch.setattr(warm_up, "warm_up", lambda: calls.append("warmed"))
    monkeypatch.delitem(sys.modules, "cms.wsgi", raising=False)
    server = importlib.import_module("cms.wsgi")
    assert calls == ["warmed"]
    assert callable(server.application)


def test_a_template_that_does_not_compile_is_logged_and_the_rest_still_load(monkeypatch, caplog):
    monkeypatch.setattr(
        warm_up, "public_template_names", lambda: ["no/such/template.html", "base.html"]
    )
    with caplog.at_level(logging.ERROR, logger="cms.warm_up"):
        warm_up.warm_up()
    assert "no/such/template.html" in caplog.text
