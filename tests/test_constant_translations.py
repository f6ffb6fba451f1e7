"""{% translate "constant" %} translated directly (core.constant_translations) gives what
Django's own tag gives, in every form the tag takes, in Thai and in English."""

import hashlib
import inspect

import django
import pytest
from django.template import Context, Engine, Library, Variable
from django.template.base import render_value_in_context
from django.templatetags import i18n
from django.utils import translation
from django.utils.safestring import SafeData

from core.constant_translations import ConstantTranslateNode, djangos_do_translate

# Django's i18n library as Django ships it, for comparison (the installed one has ours).
register = Library()
register.tags.update(i18n.register.tags, trans=djangos_do_translate, translate=djangos_do_translate)
register.filters.update(i18n.register.filters)
DJANGOS = Engine(libraries={"i18n": "tests.test_constant_translations"})
OURS = Engine(libraries={"i18n": "django.templatetags.i18n"})  # with ours installed

CONSTANT = [
    '{% trans "Search" %}',
    "{% translate 'Share' %}",
    '{% trans "Skip to content" %}',
    '{% trans "50% off, 100%% sure" %}',
    '{% trans "Tom & Jerry <b>bold</b>" %}',
    '{% trans "a \\"quoted\\" word" %}',
    "{% trans 'it\\'s' %}",
    '{% trans "Search" as label %}[{{ label }}]{{ label|upper }}',
    '{% trans "" %}',
]
DJANGOS_OWN = [
    '{% trans "Search" noop %}',
    '{% trans "May" context "month name" %}',
    "{% trans value %}",
    '{% trans "Search"|upper %}',
    "{% trans 'Share' context kind as label %}{{ label }}",
]


@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("autoescape", [True, False])
@pytest.mark.parametrize("source", CONSTANT + DJANGOS_OWN)
def test_every_form_of_the_tag_renders_as_djangos_does(source, language, autoescape):
    source = "{% load i18n %}" + source
    values = {"value": "Share", "kind": "verb"}
    with translation.override(language):
        ours = OURS.from_string(source).render(Context(values, autoescape=autoescape))
        djangos = DJANGOS.from_string(source).render(Context(values, autoescape=autoescape))
    assert ours == djangos
    assert isinstance(ours, SafeData) == isinstance(djangos, SafeData)


def test_a_thai_page_gets_the_thai_label_and_constants_take_the_short_path():
    template = OURS.from_string('{% load i18n %}{% trans "Search" %}|{% trans "Search" noop %}')
    constant, noop = [node for node in template.nodelist if isinstance(node, i18n.TranslateNode)]
    assert type(constant) is ConstantTranslateNode and type(noop) is i18n.TranslateNode
    with translation.override("th"):
        thai = template.render(Context())
    with translation.override("en"):
        english = template.render(Context())
    assert english == "Search|Search"
    assert thai.split("|")[0] not in ("", "Search") and thai.split("|")[1] == "Search"


def test_django_is_the_version_the_short_path_was_checked_against():
    """A change to any of these means reading the new Django code before updating the prints."""
    assert django.VERSION[:3] == (5, 2, 19)
    prints = {
        name: hashlib.sha256(inspect.getsource(code).encode()).hexdigest()[:16]
        for name, code in (
            ("TranslateNode", i18n.TranslateNode),
            ("do_translate", djangos_do_translate),
            ("Variable.__init__", Variable.__init__),
            ("Variable.resolve", Variable.resolve),
            ("render_value_in_context", render_value_in_context),
        )
    }
    assert prints == {
        "TranslateNode": "8edf1aff9a5ef7c7",
        "do_translate": "d3acb12f5df69767",
        "Variable.__init__": "d7d476ead0cc7be9",
        "Variable.resolve": "5ec104c6490b5d60",
        "render_value_in_context": "823b719921b16f8c",
    }
