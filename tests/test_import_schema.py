"""The import format as a JSON Schema (news/interchange/story_import.schema.json): every file
docs/import-format.md shows is accepted, the schema agrees with the models, and a file that
breaks it is refused with the record and field named in words a person can act on."""

import json
import re
from pathlib import Path

import pytest
from django.utils import translation
from jsonschema import Draft202012Validator
from PIL import Image as PILImage

from demo import factories
from news.interchange.schema import SCHEMA_PATH, schema_problems, story_import_schema
from news.interchange.validation import ImportFileError, normalised_document, validate_file
from news.models import District, LocalWisdomPage, StoryPage

DOCS = Path(__file__).resolve().parent.parent / "docs" / "import-format.md"


def documented_json_examples():
    return [
        json.loads(block)
        for block in re.findall(r"```json\n(.*?)```", DOCS.read_text("utf-8"), re.DOTALL)
    ]


@pytest.fixture(autouse=True)
def english_messages():
    with translation.override("en"):
        yield


def test_the_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(story_import_schema())
    assert story_import_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_documentation_publishes_the_schema_and_shows_examples():
    text = DOCS.read_text("utf-8")
    assert "news/interchange/story_import.schema.json" in text
    assert SCHEMA_PATH.name == "story_import.schema.json" and SCHEMA_PATH.is_file()
    assert documented_json_examples()


@pytest.mark.parametrize("example", documented_json_examples())
def test_every_documented_example_has_the_schemas_shape(example):
    assert Draft202012Validator(story_import_schema()).is_valid(example)
    assert schema_problems(example) == []


@pytest.mark.parametrize("example", documented_json_examples())
def test_every_documented_example_is_accepted_by_the_import(site_tree, locales, tmp_path, example):
    """Everything the example names exists on the site, as the documentation asks."""
    index_th = factories.StoryIndexPageFactory(parent=site_tree["home_th"], slug="เรื่องราว")
    index_th.copy_for_translation(locales["en"]).save_revision().publish()
    stories = example["stories"]
    for slug in {slug for story in stories for slug in story.get("networks", [])}:
        factories.NetworkFactory(slug=slug)
    for slug in {slug for story in stories for slug in story.get("topics", [])}:
        factories.TopicFactory(slug=slug)
    for name in {name for story in stories for name in story.get("reporters", [])}:
        factories.UserFactory(username=name)
    for photo in {story["hero_image"] for story in stories if "hero_image" in story}:
        (tmp_path / photo).parent.mkdir(parents=True, exist_ok=True)
        PILImage.new("RGB", (40, 30), (20, 120, 40)).save(tmp_path / photo, "JPEG")
    path = tmp_path / "stories.json"
    path.write_text(json.dumps(example, ensure_ascii=False), "utf-8")

    validated = validate_file(path)

    assert [record.ref for record in validated.records] == [story["ref"] for story in stories]
    assert validated.warnings == []


def test_the_schemas_choices_and_limits_are_the_models():
    story = story_import_schema()["$defs"]["story"]["properties"]
    defs = story_import_schema()["$defs"]

    def choices(enum):
        return [value for value in enum if value]

    assert choices(defs["district"]["enum"]) == [value for value, _label in District.choices]
    for key, model_choices in (
        ("practice", LocalWisdomPage.Practice),
        ("consent_method", LocalWisdomPage.ConsentMethod),
        ("licence", LocalWisdomPage.Licence),
    ):
        assert choices(story[key]["enum"]) == [value for value, _label in model_choices.choices]
    assert story["ref"]["maxLength"] == StoryPage._meta.get_field("import_ref").max_length
    assert story["title"]["maxLength"] == StoryPage._meta.get_field("title").max_length
    assert story["summary"]["maxLength"] == StoryPage._meta.get_field("summary").max_length
    for key in ("holder_name", "holder_role", "holder_village", "consent_given_by"):
        assert defs["text200"]["maxLength"] == LocalWisdomPage._meta.get_field(key).max_length


def record(**overrides):
    values = {"ref": "r-1", "type": "news", "locale": "th", "title": "ข่าว", "networks": ["n"]}
    values.update(overrides)
    return {key: value for key, value in values.items() if value is not ...}


@pytest.mark.parametrize(
    "story, expected",
    [
        (record(title=...), ("title", "is required.")),
        (record(networks=[" "]), ("networks", "must not contain empty strings.")),
        (record(networks=["a", 3]), ("networks", "must be a list of strings.")),
        (record(tags=["ก" * 101]), ("tags", "is longer than 100 characters.")),
        (record(draft="yes"), ("draft", "must be true or false.")),
        (record(published_at=5), ("published_at", "must be a date and time such as")),
        (record(type="culture", tradition="x", practice="food"), ("practice", "belongs to")),
        (record(hero_image_credit="x"), ("hero_image_credit", 'needs "hero_image".')),
        (record(corrections=[{"text": "x"}]), ("corrections[1].date", "YYYY-MM-DD")),
        (record(corrections=[{"date": "2026-01-01", "text": ""}]), ("corrections[1].text", "")),
        (record(corrections="x"), ("corrections", 'objects with "date" and "text"')),
    ],
)
def test_a_record_that_breaks_the_schema_names_the_field(story, expected):
    key, words = expected
    problems = schema_problems(normalised_document({"stories": [story]}))
    assert [(problem.index, problem.key) for problem in problems] == [(1, key)]
    assert words in problems[0].message


def write(tmp_path, stories):
    path = tmp_path / "stories.json"
    path.write_text(json.dumps({"stories": stories}, ensure_ascii=False), "utf-8")
    return path


def test_null_counts_as_absent_and_spaces_do_not_count(db, tmp_path):
    with pytest.raises(ImportFileError) as error:
        validate_file(write(tmp_path, [record(title=None, summary=None, ref="  r-1  ")]))
    assert error.value.errors == ['story #1 (ref "r-1"), field "title": is required.']

    with pytest.raises(ImportFileError) as error:
        validate_file(write(tmp_path, [record(title="   ", summary=" " + "ก" * 400 + " ")]))
    assert error.value.errors == ['story #1 (ref "r-1"), field "title": must not be empty.']


def test_schema_and_python_checks_are_reported_together(db, tmp_path):
    story = record(title="ก" * 256, published_at="2026-03-01T09:30:00", occurs_on="x")
    with pytest.raises(ImportFileError) as error:
        validate_file(write(tmp_path, [story, record(ref="r-2", type="poem")]))
    assert error.value.errors == [
        'story #1 (ref "r-1"), field "title": has 256 characters; at most 255 are allowed.',
        'story #1 (ref "r-1"), field "occurs_on": belongs to another story type, not to "news".',
        'story #1 (ref "r-1"), field "published_at": "2026-03-01T09:30:00" has no UTC offset; '
        "write it as in 2026-11-25T09:30:00+07:00.",
        'story #2 (ref "r-2"), field "type": "poem" is not one of: news, local_wisdom, culture.',
    ]


@pytest.mark.parametrize("story_type", ["news", "local_wisdom", "culture"])
def test_only_the_five_required_keys_are_required_for_every_type(story_type):
    problems = schema_problems(normalised_document({"stories": [record(type=story_type)]}))
    assert problems == []
    for key in ("ref", "type", "locale", "title", "networks"):
        missing = schema_problems(normalised_document({"stories": [record(**{key: ...})]}))
        assert [problem.key for problem in missing] == [key]
