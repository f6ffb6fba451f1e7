"""Querysets compiled once per shape (core.compiled_queries) read what Django would read, and a
story page no longer compiles its route, its served page and its related stories each time."""

import hashlib
import inspect

import django
import pytest
from django.db.models import Prefetch
from django.db.models.query import FlatValuesListIterable, ModelIterable, ValuesListIterable
from django.db.models.sql.compiler import SQLCompiler
from django.test import override_settings

from core import compiled_queries
from demo import factories
from demo.factories import published_story
from networks.models import Network
from news.models import StoryPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def fresh_shapes(monkeypatch):
    monkeypatch.setattr(compiled_queries, "_COMPILED", {})
    monkeypatch.setattr(compiled_queries, "_REFUSED", set())


@pytest.fixture
def compiles(monkeypatch):
    """The querysets Django compiles, by model name, as they are compiled."""
    compiled = []
    as_sql = SQLCompiler.as_sql

    def counting(compiler, *args, **kwargs):
        compiled.append(compiler.query.model.__name__)
        return as_sql(compiler, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", counting)
    return compiled


def _networks_named(slugs):
    return Network.objects.filter(slug__in=slugs).order_by("slug")


@override_settings(COMPILED_QUERIES_CHECK=False)
def test_a_shape_is_compiled_once_and_read_with_each_calls_values(fresh_shapes, compiles):
    for slug in ("youth", "farmers", "elderly"):
        factories.NetworkFactory(slug=slug)
    first = compiled_queries.evaluate("networks", _networks_named, ["youth", "farmers"])
    compiles.clear()
    second = compiled_queries.evaluate("networks", _networks_named, ["elderly", "youth"])
    assert [network.slug for network in first] == ["farmers", "youth"]
    assert [network.slug for network in second] == ["elderly", "youth"]
    assert compiles == []
    # Another number of values is another shape, compiled once.
    third = compiled_queries.evaluate("networks", _networks_named, ["elderly", "farmers", "youth"])
    assert [network.slug for network in third] == ["elderly", "farmers", "youth"]
    assert compiles == ["Network", "Network"]  # the markers' and the values' compilation


@override_settings(COMPILED_QUERIES_CHECK=False)
def test_a_number_compared_with_an_integer_column_is_kept(fresh_shapes, compiles):
    factories.NetworkFactory(slug="youth", member_count=3_000)
    factories.NetworkFactory(slug="farmers", member_count=8_000)

    def with_members(at_least):
        return Network.objects.filter(member_count__gte=at_least).order_by("slug")

    # A number beyond the column's range is read the ordinary way, and the shape is kept later.
    assert compiled_queries.evaluate("members", with_members, 10**12) == []
    assert [n.slug for n in compiled_queries.evaluate("members", with_members, 5_000)] == [
        "farmers"
    ]
    compiles.clear()
    assert [n.slug for n in compiled_queries.evaluate("members", with_members, 1_000)] == [
        "farmers",
        "youth",
    ]
    assert compiles == []


@override_settings(COMPILED_QUERIES_CHECK=False)
def test_a_value_django_rewrites_is_read_the_ordinary_way(fresh_shapes, compiles):
    factories.NetworkFactory(slug="youth", name_en="Youth network")
    factories.NetworkFactory(slug="farmers", name_en="Farmers")

    def named_like(word):
        return Network.objects.filter(name_en__icontains=word)

    found = compiled_queries.evaluate("named like", named_like, "youth")
    assert [network.slug for network in found] == ["youth"]
    for word, slugs in (("farm", ["farmers"]), ("net", ["youth"])):
        compiles.clear()
        found = compiled_queries.evaluate("named like", named_like, word)
        assert [network.slug for network in found] == slugs
        assert compiles == ["Network"]  # compiled every time, as Django always does


@override_settings(COMPILED_QUERIES_CHECK=False)
def test_a_kept_shape_is_read_without_being_built_again(fresh_shapes, compiles):
    for slug in ("youth", "farmers", "elderly"):
        factories.NetworkFactory(slug=slug)
    built = []

    def networks_named(slugs):
        built.append(slugs)
        return _networks_named(slugs)

    first = compiled_queries.evaluate("built", networks_named, ["youth", "farmers"])
    assert len(built) == 2  # the values' queryset and the markers'
    built.clear()
    compiles.clear()
    second = compiled_queries.evaluate("built", networks_named, ["elderly", "youth"])
    assert [network.slug for network in first] == ["farmers", "youth"]
    assert [network.slug for network in second] == ["elderly", "youth"]
    assert built == [] and compiles == []


def test_the_check_catches_a_value_that_reaches_more_than_the_sql(story_index, fresh_shapes):
    """A value that filters a prefetch, not the query itself, would be read as its marker."""
    youth = factories.NetworkFactory(slug="youth")
    published_story(story_index["en"], networks=[youth], title="Weavers of Sangkha")

    def with_stories_of(slug):
        return Network.objects.filter(slug=slug).prefetch_related(
            Prefetch("stories", queryset=StoryPage.objects.filter(networks__slug=slug))
        )

    with pytest.raises(compiled_queries.ShapeMismatch, match="more than the SQL"):
        compiled_queries.evaluate("prefetch", with_stories_of, "youth")


def test_the_check_catches_a_shape_that_names_two_different_queries(fresh_shapes):
    factories.NetworkFactory(slug="youth")
    compiled_queries.evaluate("one name", _networks_named, ["youth"])
    with pytest.raises(compiled_queries.ShapeMismatch):
        compiled_queries.evaluate(
            "one name", lambda slugs: Network.objects.filter(slug__in=slugs), ["youth"]
        )


@override_settings(COMPILED_QUERIES_CHECK=False)
def test_a_story_page_compiles_its_route_served_page_and_related_stories_once(
    story_index, client, fresh_shapes, compiles
):
    youth = factories.NetworkFactory(slug="youth", name_en="Youth")
    older = published_story(story_index["en"], networks=[youth], title="Seeds for the dry season")
    story = published_story(story_index["en"], networks=[youth], title="Weavers of Sangkha")
    other = published_story(story_index["en"], networks=[youth], title="River clean-up in Tha Tum")
    assert client.get(story.url).status_code == 200
    compiles.clear()
    html = client.get(other.url).content.decode()
    assert "<h1>River clean-up in Tha Tum</h1>" in html
    assert "Weavers of Sangkha" in html and "Seeds for the dry season" in html  # related
    assert "Page" not in compiles and "NewsPage" not in compiles
    assert "StoryPage" not in compiles
    html = client.get(older.url).content.decode()
    assert "<h1>Seeds for the dry season</h1>" in html
    assert "River clean-up in Tha Tum" in html and "Weavers of Sangkha" in html


@override_settings(COMPILED_QUERIES_CHECK=False)
def test_a_kept_shape_converts_its_columns_as_django_does_working_them_out_once(
    story_index, fresh_shapes, monkeypatch
):
    youth = factories.NetworkFactory(slug="youth")
    published_story(story_index["en"], networks=[youth], title="Weavers of Sangkha")
    published_story(story_index["en"], networks=[youth], title="Seeds for the dry season")
    worked_out = []
    get_converters = SQLCompiler.get_converters

    def counting(compiler, expressions):
        worked_out.append(len(expressions))
        return get_converters(compiler, expressions)

    monkeypatch.setattr(SQLCompiler, "get_converters", counting)
    has_composite_fields = SQLCompiler.has_composite_fields

    def asking(compiler, expressions):
        worked_out.append(("composite", len(expressions)))
        return has_composite_fields(compiler, expressions)

    monkeypatch.setattr(SQLCompiler, "has_composite_fields", asking)

    def stories(slug):
        return StoryPage.objects.filter(networks__slug=slug).order_by("pk")

    def read(stories_read):
        return [
            (story.title, story.first_published_at, list(story.body.raw_data))
            for story in stories_read
        ]

    ordinary = read(stories("youth"))
    first = read(compiled_queries.evaluate("converted", stories, "youth"))  # compiled and read
    worked_out.clear()
    second = read(compiled_queries.evaluate("converted", stories, "youth"))
    # Dates come back as aware datetimes and the body as blocks (converters of the backend and
    # of the fields) on every read, though the second read worked nothing out.
    assert first == second == ordinary
    assert all(when.tzinfo is not None for _title, when, _body in second)
    assert worked_out == []


def test_addresses_of_any_length_keep_a_bounded_number_of_shapes(story_index, client, fresh_shapes):
    for parts in range(1, 150, 7):
        assert client.get("/en/" + "x/" * parts).status_code == 404
    kept_lengths = [lengths for shape, lengths in compiled_queries._COMPILED]
    assert kept_lengths
    assert (
        max(max(lengths, default=0) for lengths in kept_lengths) <= compiled_queries.MAX_LIST_LENGTH
    )


def test_django_is_the_version_the_kept_compilers_were_checked_against():
    """core.compiled_queries keeps SQLCompiler instances and lets the iterables read them: a
    change to any of these means reading the new Django code before updating the prints."""
    assert django.VERSION[:3] == (5, 2, 19)
    prints = {
        name: hashlib.sha256(inspect.getsource(code).encode()).hexdigest()[:16]
        for name, code in (
            ("ModelIterable.__iter__", ModelIterable.__iter__),
            ("ValuesListIterable.__iter__", ValuesListIterable.__iter__),
            ("FlatValuesListIterable.__iter__", FlatValuesListIterable.__iter__),
            ("SQLCompiler.execute_sql", SQLCompiler.execute_sql),
            ("SQLCompiler.results_iter", SQLCompiler.results_iter),
            ("SQLCompiler.get_converters", SQLCompiler.get_converters),
            ("SQLCompiler.has_composite_fields", SQLCompiler.has_composite_fields),
        )
    }
    assert prints == {
        "ModelIterable.__iter__": "c2a744b8c18e0b4a",
        "ValuesListIterable.__iter__": "0ae5e24afc01dfc9",
        "FlatValuesListIterable.__iter__": "d5ef4d1d9df2c7f1",
        "SQLCompiler.execute_sql": "c1be0e0faedcb93e",
        "SQLCompiler.results_iter": "d279d61b80a3a115",
        "SQLCompiler.get_converters": "c6c8c1b71882ee8b",
        "SQLCompiler.has_composite_fields": "0e7a98d5db298748",
    }
