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
from news.models import District, StoryIndexPage, StoryPage, Topic

from . import spec
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


class RecordChecker:
    """Checks one record's fields; problems go to the shared error list."""

    def __init__(self, index, data, errors, warnings, base_dir, image_checks):
        self.index, self.data, self.errors, self.warnings = index, data, errors, warnings
        self.base_dir, self.image_checks = base_dir, image_checks
        self.label = describe(index, data.get("ref"))

    def error(self, key, message):
        text = _('%(story)s, field "%(key)s": %(message)s') % {
            "story": self.label,
            "key": key,
            "message": message,
        }
        # A message quoting the file's text must itself be printable.
        self.errors.append(_LONE_SURROGATE.sub("\ufffd", text))

    def has(self, key):
        return key in self.data and self.data[key] is not None

    def string(self, key, *, required=False, max_length=None, default=""):
        if not self.has(key):
            if required:
                self.error(key, _("is required."))
            return default
        value = self.data[key]
        if not isinstance(value, str):
            self.error(key, _("must be a string."))
            return default
        value = value.strip()
        if required and not value:
            self.error(key, _("must not be empty."))
        if max_length and len(value) > max_length:
            self.error(
                key,
                _("has %(length)d characters; at most %(max)d are allowed.")
                % {"length": len(value), "max": max_length},
            )
        return value

    def choice(self, key, choices, *, required=False):
        value = self.string(key, required=required)
        allowed = [str(choice) for choice, _label in choices]
        if value and value not in allowed:
            self.error(
                key,
                _('"%(value)s" is not one of: %(allowed)s.')
                % {"value": value, "allowed": ", ".join(allowed)},
            )
        return value

    def string_list(self, key, *, required=False, max_length=None):
        if not self.has(key):
            if required:
                self.error(key, _("is required."))
            return []
        value = self.data[key]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.error(key, _("must be a list of strings."))
            return []
        items = []
        for item in value:
            item = item.strip()
            if not item:
                self.error(key, _("must not contain empty strings."))
            elif max_length and len(item) > max_length:
                self.error(
                    key,
                    _('"%(item)s…" is longer than %(max)d characters.')
                    % {"item": item[:30], "max": max_length},
                )
            elif item not in items:
                items.append(item)
        if required and not items and not value:
            self.error(key, _("must list at least one."))
        return items

    def boolean(self, key):
        if not self.has(key):
            return False
        if not isinstance(self.data[key], bool):
            self.error(key, _("must be true or false."))
            return False
        return self.data[key]

    def date_value(self, key, value):
        if not isinstance(value, str):
            self.error(key, _("must be a date written YYYY-MM-DD."))
            return None
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            self.error(key, _('"%(value)s" is not a date written YYYY-MM-DD.') % {"value": value})
            return None

    def date(self, key):
        return self.date_value(key, self.data[key]) if self.has(key) else None

    def moment(self, key):
        if not self.has(key):
            return None
        value = self.data[key]
        example = "2026-11-25T09:30:00+07:00"
        if not isinstance(value, str):
            self.error(
                key, _("must be a date and time such as %(example)s.") % {"example": example}
            )
            return None
        try:
            moment = datetime.fromisoformat(value.strip())
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

    def body(self):
        if not self.has("body"):
            return []
        value = self.data["body"]
        if isinstance(value, str):
            return html_to_stream(value)
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return paragraphs_to_stream(value)
        self.error("body", _("must be an HTML string or a list of paragraph strings."))
        return []

    def corrections(self):
        if not self.has("corrections"):
            return []
        value = self.data["corrections"]
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.error("corrections", _('must be a list of objects with "date" and "text".'))
            return []
        corrections = []
        for position, item in enumerate(value, start=1):
            key = f"corrections[{position}]"
            for unknown in sorted(set(item) - set(spec.CORRECTION_KEYS)):
                self.warnings.append(
                    _('%(story)s: unknown key "%(key)s" ignored.')
                    % {"story": self.label, "key": f"{key}.{unknown}"}
                )
            corrected_on = self.date_value(f"{key}.date", item.get("date"))
            text = item.get("text")
            if not isinstance(text, str) or not text.strip():
                self.error(f"{key}.text", _("must be a non-empty string."))
            elif corrected_on:
                corrections.append((corrected_on, text.strip()))
        return corrections

    def hero_image(self):
        if not self.has("hero_image"):
            for key in ("hero_image_alt", "hero_image_credit"):
                if self.has(key):
                    self.error(key, _('needs "hero_image".'))
            return None, ""
        value = self.data["hero_image"]
        if not isinstance(value, str) or not value.strip():
            self.error("hero_image", _("must be a path relative to the JSON file."))
            return None, ""
        relative = Path(value.strip())
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

    def type_fields(self, model):
        values = {}
        for key, required in spec.TYPE_KEYS[model]:
            model_field = model._meta.get_field(key)
            if model_field.get_internal_type() == "DateField":
                values[key] = self.date(key)
            elif model_field.choices:
                values[key] = self.choice(key, model_field.choices, required=required)
                if not values[key] and model_field.has_default():
                    values[key] = model_field.get_default()
            else:
                values[key] = self.string(key, required=required, max_length=model_field.max_length)
        foreign = sorted(
            key
            for key in spec.ALL_TYPE_KEYS - {key for key, _required in spec.TYPE_KEYS[model]}
            if key in self.data
        )
        for key in foreign:
            self.error(
                key,
                _('belongs to another story type, not to "%(type)s".')
                % {"type": spec.TYPE_OF_MODEL[model]},
            )
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

    def check(self):
        self.check_storable(self.data, "")
        for unknown in sorted(set(self.data) - set(spec.COMMON_KEYS) - spec.ALL_TYPE_KEYS):
            self.warnings.append(
                _('%(story)s: unknown key "%(key)s" ignored.')
                % {"story": self.label, "key": unknown}
            )
        ref = self.string("ref", required=True, max_length=spec.REF_MAX_LENGTH)
        type_name = self.choice("type", [(name, name) for name in spec.STORY_TYPES], required=True)
        locale = self.choice("locale", [(code, code) for code in spec.LOCALES], required=True)
        title = self.string("title", required=True, max_length=spec.TITLE_MAX_LENGTH)
        networks = self.string_list("networks", required=True)
        body = self.body()
        summary = self.string("summary", max_length=spec.SUMMARY_MAX_LENGTH)
        hero_image, hero_hash = self.hero_image()
        record = StoryRecord(
            index=self.index,
            ref=ref,
            model=spec.STORY_TYPES.get(type_name),
            locale=locale,
            title=title,
            networks=networks,
            body=body,
            summary=summary or derive_summary(body, title),
            translation_of=self.string("translation_of", max_length=spec.REF_MAX_LENGTH) or None,
            topics=self.string_list("topics"),
            tags=self.string_list("tags", max_length=spec.TAG_MAX_LENGTH),
            district=self.choice("district", District.choices),
            reporters=self.string_list("reporters"),
            published_at=self.moment("published_at"),
            draft=self.boolean("draft"),
            hero_image=hero_image,
            hero_image_hash=hero_hash,
            hero_image_alt=self.string("hero_image_alt", max_length=spec.ALT_MAX_LENGTH),
            hero_image_credit=self.string("hero_image_credit", max_length=spec.CREDIT_MAX_LENGTH),
            corrections=self.corrections(),
        )
        if record.model is not None:
            record.type_fields = self.type_fields(record.model)
        return record


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
    data = load_json(path)
    base_dir = path.resolve().parent
    if not isinstance(data, dict) or not isinstance(data.get(spec.FORMAT_KEY), list):
        raise ImportFileError(
            [_('The file must be a JSON object with a "stories" list: {"stories": [ ... ]}.')]
        )
    errors, warnings = [], []
    for key in sorted(set(data) - {spec.FORMAT_KEY}):
        warnings.append(_('Unknown top-level key "%(key)s" ignored.') % {"key": key})
    records, image_checks = [], {}
    for index, item in enumerate(data[spec.FORMAT_KEY], start=1):
        if not isinstance(item, dict):
            errors.append(
                _("%(story)s: must be a JSON object, not %(kind)s.")
                % {"story": describe(index, None), "kind": type(item).__name__}
            )
            continue
        records.append(RecordChecker(index, item, errors, warnings, base_dir, image_checks).check())
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
