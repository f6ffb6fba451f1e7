"""Reads an import file and checks every record before anything is written.

Every problem is collected (not only the first), each naming the record by its position and
ref and the field, so a whole file can be fixed in one pass. Nothing here writes to the database.
"""

import hashlib
import json
import re
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from wagtail.images.fields import WagtailImageField
from wagtail.models import Locale, Page

from media_library.image_safety import corrupt_image_error, inspect_image
from networks.models import Network
from news.models import StoryIndexPage, StoryPage, Topic

from . import schema, spec
from .body import html_to_stream, paragraphs_to_stream, stream_text

MAX_LISTED_ERRORS = 50
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class ImportFileError(Exception):
    """The file cannot be imported; ``errors`` lists every reason found."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


@dataclass
class StoryRecord:
    index: int
    ref: str
    model: type
    locale: str
    title: str
    networks: list
    summary: str = ""
    body: list = field(default_factory=list)
    translation_of: str | None = None
    topics: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    district: str = ""
    reporters: list = field(default_factory=list)
    published_at: datetime | None = None
    draft: bool = False
    hero_image: Path | None = None
    hero_image_alt: str = ""
    hero_image_credit: str = ""
    hero_image_hash: str = ""
    corrections: list = field(default_factory=list)
    type_fields: dict = field(default_factory=dict)
    # Filled in by the cross-record checks.
    translation_key: uuid.UUID | None = None
    existing_pk: int | None = None

    @property
    def label(self):
        return describe(self.index, self.ref)


@dataclass
class ValidatedImport:
    records: list
    warnings: list
    base_dir: Path


def describe(index, ref):
    if isinstance(ref, str) and ref.strip():
        return _('story #%(index)d (ref "%(ref)s")') % {"index": index, "ref": ref.strip()}
    return _("story #%(index)d (no ref)") % {"index": index}


def load_json(path):
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ImportFileError([_("File not found: %(path)s") % {"path": path}]) from None
    except OSError as error:
        raise ImportFileError(
            [_("Cannot read %(path)s: %(error)s") % {"path": path, "error": error.strerror}]
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError([_("%(path)s is not UTF-8 text.") % {"path": path}]) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            [
                _("%(path)s is not valid JSON: %(message)s at line %(line)d, column %(column)d.")
                % {"path": path, "message": error.msg, "line": error.lineno, "column": error.colno}
            ]
        ) from None


def normalised(value):
    """What the checks read: texts without leading and trailing spaces, and (in a record)
    a key whose value is null treated as absent."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return [normalised(item) for item in value]
    if isinstance(value, dict):
        return {key: normalised(item) for key, item in value.items()}
    return value


def normalised_document(data):
    if not isinstance(data, dict) or not isinstance(data.get(spec.FORMAT_KEY), list):
        return data
    stories = [
        {key: normalised(value) for key, value in item.items() if value is not None}
        if isinstance(item, dict)
        else item
        for item in data[spec.FORMAT_KEY]
    ]
    return {**data, spec.FORMAT_KEY: stories}


class RecordReader:
    """Turns one record that has the schema's shape into a ``StoryRecord``, checking what a
    schema cannot say: dates that exist, offsets on times, photos inside the folder that are
    real images, text a database can store. Problems go to the shared error list."""

    def __init__(self, index, raw, data, errors, warnings, base_dir, image_checks):
        self.index, self.raw, self.data = index, raw, data
        self.errors, self.warnings = errors, warnings
        self.base_dir, self.image_checks = base_dir, image_checks
        self.label = describe(index, raw.get("ref"))
        self.refused = set()

    def error(self, key, message):
        text = _('%(story)s, field "%(key)s": %(message)s') % {
            "story": self.label,
            "key": key,
            "message": message,
        }
        # A message quoting the file's text must itself be printable.
        self.errors.append(_LONE_SURROGATE.sub("\ufffd", text))
        self.refused.add(key)

    def usable(self, key):
        """Present, and of the shape the schema asks for."""
        return key in self.data and key not in self.refused

    def warn_unknown_keys(self):
        for unknown in sorted(set(self.raw) - schema.story_keys()):
            self.warn_unknown(unknown)
        corrections = self.raw.get("corrections")
        if isinstance(corrections, list):
            for position, item in enumerate(corrections, start=1):
                if isinstance(item, dict):
                    for unknown in sorted(set(item) - schema.correction_keys()):
                        self.warn_unknown(f"corrections[{position}].{unknown}")

    def warn_unknown(self, key):
        self.warnings.append(
            _('%(story)s: unknown key "%(key)s" ignored.') % {"story": self.label, "key": key}
        )

    def date(self, key, value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.error(key, _('"%(value)s" is not a date written YYYY-MM-DD.') % {"value": value})
            return None

    def moment(self, key):
        if not self.usable(key):
            return None
        value = self.data[key]
        example = schema.MOMENT_EXAMPLE
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            self.error(
                key,
                _('"%(value)s" is not an ISO 8601 date and time such as %(example)s.')
                % {"value": value, "example": example},
            )
            return None
        if moment.tzinfo is None or moment.utcoffset() is None:
            self.error(
                key,
                _('"%(value)s" has no UTC offset; write it as in %(example)s.')
                % {"value": value, "example": example},
            )
            return None
        return moment

    def corrections(self):
        if not self.usable("corrections"):
            return []
        corrections = []
        for position, item in enumerate(self.data["corrections"], start=1):
            key = f"corrections[{position}].date"
            if key not in self.refused:
                corrected_on = self.date(key, item["date"])
                if corrected_on:
                    corrections.append((corrected_on, item.get("text", "")))
        return corrections

    def hero_image(self):
        if not self.usable("hero_image"):
            return None, ""
        value = self.data["hero_image"]
        relative = Path(value)
        path = (self.base_dir / relative).resolve()
        if relative.is_absolute() or not path.is_relative_to(self.base_dir):
            self.error(
                "hero_image",
                _('"%(path)s" is outside the folder of the JSON file.') % {"path": value},
            )
            return None, ""
        if not path.is_file():
            self.error("hero_image", _('"%(path)s" does not exist.') % {"path": value})
            return None, ""
        if path not in self.image_checks:
            # A photo shared by many records is read and checked once.
            self.image_checks[path] = check_image(path)
        problem, file_hash = self.image_checks[path]
        if problem:
            self.error(
                "hero_image",
                _('"%(path)s" is not an image Wagtail accepts: %(reason)s')
                % {"path": value, "reason": problem},
            )
            return None, ""
        return path, file_hash

    def body(self):
        if not self.usable("body"):
            return []
        value = self.raw["body"]
        return html_to_stream(value) if isinstance(value, str) else paragraphs_to_stream(value)

    def type_fields(self, model):
        values = {}
        for key in spec.TYPE_KEYS[model]:
            model_field = model._meta.get_field(key)
            value = self.data.get(key) if self.usable(key) else None
            if model_field.get_internal_type() == "DateField":
                values[key] = self.date(key, value) if value is not None else None
            elif model_field.choices and not value and model_field.has_default():
                values[key] = model_field.get_default()
            else:
                values[key] = value or ""
        return values

    def check_storable(self, value, key):
        """Text the database cannot hold: NUL (PostgreSQL refuses it, as every form does)
        and lone UTF-16 surrogates (a broken "\\ud800" escape; not text in any encoding)."""
        if isinstance(value, dict):
            for name, item in value.items():
                self.check_storable(item, f"{key}.{name}" if key else name)
        elif isinstance(value, list):
            for position, item in enumerate(value, start=1):
                self.check_storable(item, f"{key}[{position}]")
        elif isinstance(value, str):
            if "\x00" in value:
                self.error(key, _("contains a NUL character, which cannot be stored; remove it."))
            surrogate = _LONE_SURROGATE.search(value)
            if surrogate:
                self.error(
                    key,
                    _(
                        "contains a broken character (U+%(code)04X, half of a UTF-16 pair), "
                        "which cannot be stored; check how the file was made."
                    )
                    % {"code": ord(surrogate.group())},
                )

    def read(self, problems):
        """The record, or None if it has problems (which are then in the error list)."""
        errors_before = len(self.errors)
        self.check_storable(self.raw, "")
        self.warn_unknown_keys()
        for problem in problems:
            self.error(problem.key, problem.message)
        model = spec.STORY_TYPES.get(self.data.get("type"))
        published_at = self.moment("published_at")
        corrections = self.corrections()
        hero_image, hero_image_hash = self.hero_image()
        type_fields = self.type_fields(model) if model is not None else {}
        if len(self.errors) > errors_before:
            return None
        body = self.body()
        return StoryRecord(
            index=self.index,
            ref=self.data["ref"],
            model=model,
            locale=self.data["locale"],
            title=self.data["title"],
            networks=self.unique("networks"),
            body=body,
            summary=self.data.get("summary") or derive_summary(body, self.data["title"]),
            translation_of=self.data.get("translation_of") or None,
            topics=self.unique("topics"),
            tags=self.unique("tags"),
            district=self.data.get("district", ""),
            reporters=self.unique("reporters"),
            published_at=published_at,
            draft=self.data.get("draft", False),
            hero_image=hero_image,
            hero_image_hash=hero_image_hash,
            hero_image_alt=self.data.get("hero_image_alt", ""),
            hero_image_credit=self.data.get("hero_image_credit", ""),
            corrections=corrections,
            type_fields=type_fields,
        )

    def unique(self, key):
        return list(dict.fromkeys(self.data[key])) if self.usable(key) else []


def check_image(path):
    """(problem, content hash): Wagtail's own upload checks (format, file size, pixel count)."""
    content = path.read_bytes()
    try:
        # Our limits per format, from the header (so that a dry run refuses what writing
        # would), before Wagtail's checks parse the whole file.
        inspect_image(content)
        WagtailImageField().clean(SimpleUploadedFile(path.name, content))
    except ValidationError as error:
        return " ".join(error.messages), ""
    except Exception:  # noqa: BLE001 – Willow lets Pillow's errors for broken files through
        return " ".join(corrupt_image_error().messages), ""
    return "", hashlib.sha1(content, usedforsecurity=False).hexdigest()


def derive_summary(body, title):
    """A record without a summary gets the start of its body (readers always see a summary)."""
    text = stream_text(body) or title
    if len(text) <= spec.SUMMARY_MAX_LENGTH:
        return text
    cut = text[: spec.SUMMARY_MAX_LENGTH - 1]
    if " " in cut[200:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip() + "…"


class CrossChecker:
    """Checks what one record alone cannot: duplicates, references to the database and to
    other records, translation links. Runs a fixed number of queries for the whole file."""

    def __init__(self, records, errors):
        self.records, self.errors = records, errors

    def error(self, record, key, message):
        self.errors.append(
            _('%(story)s, field "%(key)s": %(message)s')
            % {"story": record.label, "key": key, "message": message}
        )

    def check(self):
        self.check_duplicate_refs()
        self.check_known("networks", Network.objects, "slug", _("no member network has slug"))
        self.check_known("topics", Topic.objects, "slug", _("no topic has slug"))
        self.check_known(
            "reporters",
            get_user_model().objects,
            get_user_model().USERNAME_FIELD,
            _("no user account has the name"),
        )
        self.check_sections()
        self.check_existing()
        self.check_translations()

    def check_duplicate_refs(self):
        seen = {}
        for record in self.records:
            if record.ref in seen:
                self.error(
                    record,
                    "ref",
                    _("the same ref is already used by story #%(index)d.")
                    % {"index": seen[record.ref]},
                )
            elif record.ref:
                seen[record.ref] = record.index

    def check_known(self, key, queryset, lookup, message):
        wanted = {value for record in self.records for value in getattr(record, key)}
        known = set(queryset.filter(**{f"{lookup}__in": wanted}).values_list(lookup, flat=True))
        for record in self.records:
            for value in getattr(record, key):
                if value not in known:
                    self.error(record, key, f'{message} "{value}".')

    def check_sections(self):
        locales = {locale.language_code for locale in Locale.objects.all()}
        sections = set(
            StoryIndexPage.objects.values_list("locale__language_code", flat=True).distinct()
        )
        for record in self.records:
            if not record.locale:
                continue
            if record.locale not in locales:
                self.error(
                    record,
                    "locale",
                    _('the site has no "%(locale)s" language.') % {"locale": record.locale},
                )
            elif record.locale not in sections:
                self.error(
                    record,
                    "locale",
                    _(
                        'the site has no stories section in "%(locale)s"; create it in the admin '
                        "first (in English, as a translation of the Thai one)."
                    )
                    % {"locale": record.locale},
                )

    def check_existing(self):
        refs = [record.ref for record in self.records if record.ref]
        self.existing = {
            story.import_ref: story
            for story in StoryPage.objects.filter(import_ref__in=refs).select_related(
                "locale", "content_type"
            )
        }
        for record in self.records:
            story = self.existing.get(record.ref)
            if story is None:
                continue
            record.existing_pk = story.pk
            if record.model and story.content_type.model_class() is not record.model:
                self.error(
                    record,
                    "type",
                    _('the story with this ref is a "%(type)s"; a story cannot change type.')
                    % {"type": spec.TYPE_OF_MODEL.get(story.content_type.model_class(), "?")},
                )
            if record.locale and story.locale.language_code != record.locale:
                self.error(
                    record,
                    "locale",
                    _(
                        'the story with this ref is in "%(locale)s"; a story cannot change '
                        "language (import its translation with its own ref instead)."
                    )
                    % {"locale": story.locale.language_code},
                )

    def check_translations(self):
        by_ref = {record.ref: record for record in self.records if record.ref}
        targets = {r.translation_of for r in self.records if r.translation_of} - set(by_ref)
        stored = {
            story.import_ref: story
            for story in StoryPage.objects.filter(import_ref__in=targets).select_related("locale")
        }
        for record in self.records:
            if record.translation_of is None:
                continue
            target = by_ref.get(record.translation_of) or stored.get(record.translation_of)
            if record.translation_of == record.ref:
                self.error(record, "translation_of", _("a story cannot translate itself."))
            elif target is None:
                self.error(
                    record,
                    "translation_of",
                    _('no story in this file or on the site has the ref "%(ref)s".')
                    % {"ref": record.translation_of},
                )
            else:
                target_locale = (
                    target.locale
                    if isinstance(target, StoryRecord)
                    else target.locale.language_code
                )
                if target_locale == record.locale:
                    self.error(
                        record,
                        "translation_of",
                        _('"%(ref)s" is in the same language; a translation must be in the other.')
                        % {"ref": record.translation_of},
                    )
        if self.errors:
            return
        self.assign_translation_keys(by_ref, stored)
        self.check_translation_conflicts()

    def assign_translation_keys(self, by_ref, stored):
        def key_of(record, seen):
            if record.translation_key is not None:
                return record.translation_key
            if record.ref in seen:
                self.error(record, "translation_of", _("translation links form a circle."))
                return uuid.uuid4()
            seen.add(record.ref)
            if record.translation_of:
                target = by_ref.get(record.translation_of)
                key = (
                    key_of(target, seen)
                    if target
                    else stored[record.translation_of].translation_key
                )
            elif record.ref in self.existing:
                key = self.existing[record.ref].translation_key
            else:
                key = uuid.uuid4()
            record.translation_key = key
            return key

        for record in self.records:
            key_of(record, set())

    def check_translation_conflicts(self):
        claimed = {}
        for record in self.records:
            slot = (record.translation_key, record.locale)
            if slot in claimed:
                self.error(
                    record,
                    "translation_of",
                    _('story #%(index)d is already the "%(locale)s" version of the same story.')
                    % {"index": claimed[slot].index, "locale": record.locale},
                )
            claimed[slot] = record
        keys = {record.translation_key for record in self.records}
        for page in Page.objects.filter(translation_key__in=keys).select_related("locale"):
            record = claimed.get((page.translation_key, page.locale.language_code))
            if record is not None and record.existing_pk != page.pk:
                self.error(
                    record,
                    "translation_of",
                    _('the site already has a "%(locale)s" version of that story: "%(title)s".')
                    % {"locale": record.locale, "title": page.title},
                )


def validate_file(path):
    """Reads and checks the whole file; raises ImportFileError listing every problem."""
    path = Path(path)
    raw = load_json(path)
    base_dir = path.resolve().parent
    data = normalised_document(raw)
    problems = schema.schema_problems(data)
    file_problems = [problem for problem in problems if problem.index is None]
    if file_problems:
        raise ImportFileError([file_problems[0].message])
    errors, warnings, records, image_checks = [], [], [], {}
    for key in sorted(set(raw) - schema.file_keys()):
        warnings.append(_('Unknown top-level key "%(key)s" ignored.') % {"key": key})
    for index, item in enumerate(raw[spec.FORMAT_KEY], start=1):
        own = [problem for problem in problems if problem.index == index]
        if not isinstance(item, dict):
            errors.append(
                _("%(story)s: %(message)s")
                % {"story": describe(index, None), "message": own[0].message}
            )
            continue
        reader = RecordReader(
            index, item, data[spec.FORMAT_KEY][index - 1], errors, warnings, base_dir, image_checks
        )
        records.append(reader.read(own))
    if not errors:
        CrossChecker(records, errors).check()
    if errors:
        shown = errors[:MAX_LISTED_ERRORS]
        if len(errors) > MAX_LISTED_ERRORS:
            shown.append(
                _("… and %(count)d more problems.") % {"count": len(errors) - MAX_LISTED_ERRORS}
            )
        raise ImportFileError(shown)
    return ValidatedImport(records=records, warnings=warnings, base_dir=base_dir)
