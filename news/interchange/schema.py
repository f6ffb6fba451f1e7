"""The import file's shape, as a JSON Schema (``story_import.schema.json``, Draft 2020-12).

The schema is the one description of which keys a file may have, their types, limits and
choices; it is published with docs/import-format.md so that tools which write files can check
them before a reporter ever runs the import. The ``jsonschema`` library checks a file against
it, and this module words each problem the way the import command prints it: per record and
per field, in plain language, never the library's own wording.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator, ValidationError, validators

SCHEMA_PATH = Path(__file__).with_name("story_import.schema.json")
MOMENT_EXAMPLE = "2026-11-25T09:30:00+07:00"


@cache
def story_import_schema():
    return json.loads(SCHEMA_PATH.read_text("utf-8"))


def story_keys():
    return set(story_import_schema()["$defs"]["story"]["properties"])


def correction_keys():
    return set(story_import_schema()["$defs"]["correction"]["properties"])


def file_keys():
    return set(story_import_schema()["properties"])


def _required(validator, required, instance, schema):
    """As Draft 2020-12's ``required``, but the error's path names the missing key, so
    that the message can name the field like every other problem."""
    if not validator.is_type(instance, "object"):
        return
    for key in required:
        if key not in instance:
            yield ValidationError(f"{key!r} is required", path=[key])


def _dependent_required(validator, dependencies, instance, schema):
    """As Draft 2020-12's ``dependentRequired``, with the path of the key that needs another."""
    if not validator.is_type(instance, "object"):
        return
    for key, needed in dependencies.items():
        if key in instance:
            for other in needed:
                if other not in instance:
                    yield ValidationError(f"{key!r} needs {other!r}", path=[key])


ImportFileValidator = validators.extend(
    Draft202012Validator,
    {"required": _required, "dependentRequired": _dependent_required},
)


@dataclass(frozen=True)
class SchemaProblem:
    """One problem: ``index`` is the record's position (from 1), None for the whole file."""

    index: int | None
    key: str
    message: str


def schema_problems(document):
    """Every way ``document`` differs from the schema, worded for the person who wrote it."""
    problems = []
    validator = ImportFileValidator(story_import_schema())
    for error in validator.iter_errors(document):
        path = list(error.absolute_path)
        if len(path) < 2:
            problems.append(SchemaProblem(None, "", _file_shape_message()))
        elif len(path) == 2:
            kind = type(error.instance).__name__
            problems.append(
                SchemaProblem(
                    path[1] + 1, "", _("must be a JSON object, not %(kind)s.") % {"kind": kind}
                )
            )
        else:
            field_path, record = path[2:], document["stories"][path[1]]
            message = _message(error, field_path, record.get("type"))
            problems.append(SchemaProblem(path[1] + 1, _field_key(field_path), message))
    return list(dict.fromkeys(problems))


def _file_shape_message():
    return _('The file must be a JSON object with a "stories" list: {"stories": [ ... ]}.')


def _field_key(field_path):
    """``title``, ``networks`` or ``corrections[2].date``: how the message names the field."""
    name = field_path[0]
    if name == "corrections" and len(field_path) >= 3:
        return f"corrections[{field_path[1] + 1}].{field_path[2]}"
    return name


def date_message():
    return _("must be a date written YYYY-MM-DD.")


def moment_message():
    return _("must be a date and time such as %(example)s.") % {"example": MOMENT_EXAMPLE}


def _message(error, field_path, story_type):
    name, in_list = field_path[0], len(field_path) > 1
    if name == "corrections":
        if len(field_path) >= 3:
            return date_message() if field_path[2] == "date" else _("must be a non-empty string.")
        return _('must be a list of objects with "date" and "text".')
    if name == "body":
        return _("must be an HTML string or a list of paragraph strings.")
    if name == "hero_image" and error.validator in ("type", "minLength"):
        return _("must be a path relative to the JSON file.")
    if error.validator == "not":
        return _('belongs to another story type, not to "%(type)s".') % {"type": story_type}
    keyword = error.validator
    if keyword == "required":
        return _("is required.")
    if keyword == "dependentRequired":
        return _('needs "%(key)s".') % {"key": error.validator_value[name][0]}
    if keyword == "minItems":
        return _("must list at least one.")
    if keyword == "minLength":
        return _("must not contain empty strings.") if in_list else _("must not be empty.")
    if keyword == "maxLength":
        if in_list:
            return _('"%(item)s…" is longer than %(max)d characters.') % {
                "item": error.instance[:30],
                "max": error.validator_value,
            }
        return _("has %(length)d characters; at most %(max)d are allowed.") % {
            "length": len(error.instance),
            "max": error.validator_value,
        }
    if keyword == "enum":
        return _enum_message(error.instance, error.validator_value)
    if keyword == "type":
        return _type_message(error, in_list)
    return _("is not allowed here.")


def _enum_message(value, allowed):
    if value == "":
        return _("must not be empty.")
    if not isinstance(value, str):
        return _("must be a string.")
    return _('"%(value)s" is not one of: %(allowed)s.') % {
        "value": value,
        "allowed": ", ".join(choice for choice in allowed if choice),
    }


def _type_message(error, in_list):
    expected = error.validator_value
    expected = [expected] if isinstance(expected, str) else expected
    if in_list or "array" in expected:
        return _("must be a list of strings.")
    if "boolean" in expected:
        return _("must be true or false.")
    schema_format = error.schema.get("format") if isinstance(error.schema, dict) else None
    if schema_format == "date-time":
        return moment_message()
    if schema_format == "date":
        return date_message()
    return _("must be a string.")
