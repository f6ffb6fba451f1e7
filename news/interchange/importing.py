"""Writes checked story records: all of them in one transaction, or none.

Speed: a 10,000-story file must import in minutes. Each page still goes into Wagtail's tree
through treebeard's ``add_child`` (one row at a time, as the tree requires), but everything
around it is written in bulk after all pages exist: reporters, tags, corrections, network and
topic links, revisions, publication state and history entries. The result in the database is
what Wagtail's own ``save_revision()`` and ``publish()`` would leave, without reloading every
page from its revision. Search and reference indexes are updated once per object at the end.
Reimplementing save_revision()/publish() is checked against Wagtail 8.0.1
(tests/test_wagtail_overrides.py fails when either changes): the public methods cost several
queries and a reload per page, too slow for ten thousand stories.
"""

import os
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.models import COMMENTS_RELATION_NAME, Locale, Page, PageLogEntry, Revision

from media_library.image_safety import clean_image
from networks.models import Network
from news.consent import has_recorded_consent
from news.models import (
    LocalWisdomPage,
    ReporterProfile,
    StoryByline,
    StoryCorrection,
    StoryIndexPage,
    StoryPage,
    Tag,
    TaggedStory,
    Topic,
)

from . import spec
from .indexing import deferred_index_updates, queue_index_updates
from .validation import ImportFileError, validate_file

CHUNK = 500

# Sent once an import has committed, with ``pages``: every story it wrote. The import sends no
# page_published (write_revisions), so what shows the stories learns of them here
# (distribution.invalidation empties the page caches).
stories_imported = Signal()


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    warnings: list = field(default_factory=list)
    dry_run: bool = False
    # (ref, title) of local-wisdom stories without the knowledge holder's recorded consent.
    lacking_consent: list = field(default_factory=list)


def import_stories(path, *, dry_run=False):
    """Imports the stories of a JSON file (docs/import-format.md).

    Raises ImportFileError, and writes nothing, if any record is wrong."""
    validated = validate_file(path)
    result = ImportResult(
        warnings=validated.warnings,
        dry_run=dry_run,
        lacking_consent=[
            (record.ref, record.title)
            for record in validated.records
            if record.model is LocalWisdomPage and not has_recorded_consent(record.type_fields)
        ],
    )
    if dry_run:
        result.created = sum(1 for record in validated.records if record.existing_pk is None)
        result.updated = len(validated.records) - result.created
        return result
    writer = StoryWriter(validated.records)
    try:
        with transaction.atomic(), deferred_index_updates(writer.indexed_models):
            writer.write_all()
            queue_index_updates(writer.touched)
    except BaseException:
        # The database rolled back; files written to storage do not, so remove them, and the
        # renditions made from them at upload (media_library names those after the original).
        for name in writer.stored_files:
            default_storage.delete(name)
            for rendition in renditions_made_from(name):
                default_storage.delete(rendition)
        raise
    stories_imported.send(sender=StoryWriter, pages=[page for page, *_rest in writer.written])
    result.created, result.updated = writer.created, writer.updated
    return result


def renditions_made_from(original_name):
    """Wagtail stores a rendition of original_images/NAME.jpg as images/NAME.<filter>.<ext>."""
    stem = os.path.splitext(os.path.basename(original_name))[0]
    try:
        _folders, files = default_storage.listdir("images")
    except FileNotFoundError:
        return []
    return [f"images/{file}" for file in files if file.startswith(f"{stem}.")]


class StoryWriter:
    def __init__(self, records):
        self.records = records
        self.now = timezone.now()
        self.created = self.updated = 0
        self.stored_files = []
        self.image_model = get_image_model()
        self.indexed_models = [*spec.STORY_TYPES.values(), self.image_model]
        self.touched = {model: [] for model in self.indexed_models}
        self.written = []  # (page, record, state, creating)
        self.log_entries = []
        self.changed_images = {}

    # Loading ------------------------------------------------------------------------------

    def load(self):
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        self.sections = {
            code: StoryIndexPage.objects.filter(locale__language_code=code).order_by("path").first()
            for code in {record.locale for record in self.records}
        }
        self.networks = self._by("slug", Network.objects, "networks")
        self.topics = self._by("slug", Topic.objects, "topics")
        self.profiles = self._profiles()
        self.tags = self._tags()
        self.images = {
            image.file_hash: image
            for image in self.image_model.objects.filter(
                file_hash__in={r.hero_image_hash for r in self.records if r.hero_image_hash}
            )
        }
        existing = [record.existing_pk for record in self.records if record.existing_pk]
        self.existing = {}
        for start in range(0, len(existing), CHUNK):
            pks = existing[start : start + CHUNK]
            self.existing.update(
                (page.pk, page) for page in StoryPage.objects.filter(pk__in=pks).specific()
            )

    def _by(self, lookup, queryset, key):
        wanted = {value for record in self.records for value in getattr(record, key)}
        return {getattr(obj, lookup): obj for obj in queryset.filter(**{f"{lookup}__in": wanted})}

    def _tags(self):
        names = {name for record in self.records for name in record.tags}
        tags = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
        for name in sorted(names - set(tags)):
            tags[name] = Tag.objects.create(name=name)
        return tags

    def _profiles(self):
        User = get_user_model()
        names = {name for record in self.records for name in record.reporters}
        users = User.objects.filter(**{f"{User.USERNAME_FIELD}__in": names})
        profiles = {}
        for user in users.select_related("reporter_profile"):
            profile = getattr(user, "reporter_profile", None)
            if profile is None:
                # An existing account that has never had a byline gets its reporter profile.
                profile = ReporterProfile.objects.create(
                    user=user, display_name=user.get_full_name() or user.get_username()
                )
            profiles[user.get_username()] = profile
        return profiles

    # Writing ------------------------------------------------------------------------------

    def write_all(self):
        self.load()
        for record in self.records:
            try:
                self.write_page(record)
            except (ValidationError, DatabaseError) as error:
                messages = error.messages if isinstance(error, ValidationError) else [str(error)]
                raise ImportFileError(
                    [
                        _("%(story)s could not be saved: %(reason)s")
                        % {"story": record.label, "reason": " ".join(messages)}
                    ]
                ) from error
        for image in self.changed_images.values():
            image.save()
            self.touched[self.image_model].append(image)
        self.write_relations()
        self.write_revisions()
        PageLogEntry.objects.bulk_create(self.log_entries, batch_size=CHUNK)

    def write_page(self, record):
        when = record.published_at
        if record.draft:
            state = "draft"
        elif when is not None and when > self.now:
            state = "scheduled"
        else:
            state = "live"
        page = self.existing.get(record.existing_pk)
        creating = page is None
        if creating:
            page = record.model(locale=self.locales[record.locale], import_ref=record.ref)
        page.title = record.title
        page.summary = record.summary
        page.body = record.body
        page.district = record.district
        page.translation_key = record.translation_key
        page.hero_image = self.image_for(record)
        for key, value in record.type_fields.items():
            setattr(page, key, value)
        # A draft keeps its intended publication moment; publishing it later honours it.
        page.go_live_at = None if state == "live" else when
        if creating:
            # Inserted as a draft (Wagtail's minimal validation: every field was checked before
            # writing) and published by write_revisions once its revision exists.
            page.live, page.has_unpublished_changes = False, True
            # Page.save() logs the creation itself.
            self.sections[record.locale].add_child(instance=page)
            self.created += 1
        else:
            if state != "live" and page.live:
                page.unpublish(log_action=True)
            page.save(clean=False)
            self.updated += 1
        self.written.append((page, record, state, creating))
        self.touched[type(page)].append(page)

    def image_for(self, record):
        if record.hero_image is None:
            return None
        image = self.images.get(record.hero_image_hash)
        if image is None:
            # Photos are stored cleaned (media_library.image_field), so a photo imported before
            # is found by the hash of its clean bytes; the file's own hash finds one exported
            # from this site, whose bytes are the stored ones.
            with record.hero_image.open("rb") as handle:
                clean = clean_image(handle, record.hero_image.name)
            image = self.image_model.objects.filter(file_hash=clean.sha1).first()
            if image is None:
                image = self.image_model(
                    title=record.hero_image_alt or record.hero_image.stem,
                    description=record.hero_image_alt,
                    credit=record.hero_image_credit,
                )
                image.file.save(clean.name, clean, save=False)
                self.stored_files.append(image.file.name)
                image.save()
                self.images[record.hero_image_hash] = image
                self.touched[self.image_model].append(image)
                return image
            self.images[record.hero_image_hash] = image
        # The same photo again: the file's latest alt text and credit win, saved once.
        alt = record.hero_image_alt or image.description
        credit = record.hero_image_credit or image.credit
        if (alt, credit) != (image.description, image.credit):
            image.description, image.credit = alt, credit
            self.changed_images[image.pk] = image
        return image

    def write_relations(self):
        """Tags, bylines, corrections, networks and topics of every written story, in bulk;
        an updated story loses the ones the file no longer lists."""
        networks_link = StoryPage.networks.through
        topics_link = StoryPage.topics.through
        updated = [page.pk for page, _record, _state, creating in self.written if not creating]
        for start in range(0, len(updated), CHUNK):
            pks = updated[start : start + CHUNK]
            for model, key in (
                (TaggedStory, "content_object_id__in"),
                (StoryByline, "story_id__in"),
                (StoryCorrection, "story_id__in"),
                (networks_link, "storypage_id__in"),
                (topics_link, "storypage_id__in"),
            ):
                model.objects.filter(**{key: pks}).delete()
        per_page = []
        for page, record, _state, _creating in self.written:
            per_page.append(
                (
                    page,
                    [TaggedStory(tag=self.tags[name], content_object=page) for name in record.tags],
                    [
                        StoryByline(story=page, reporter=self.profiles[name], sort_order=order)
                        for order, name in enumerate(record.reporters)
                    ],
                    [
                        StoryCorrection(story=page, corrected_on=day, text=text, sort_order=order)
                        for order, (day, text) in enumerate(record.corrections)
                    ],
                )
            )
        for position, model in ((1, TaggedStory), (2, StoryByline), (3, StoryCorrection)):
            rows = [row for entry in per_page for row in entry[position]]
            model.objects.bulk_create(rows, batch_size=CHUNK)
        networks_link.objects.bulk_create(
            [
                networks_link(storypage_id=page.pk, network_id=self.networks[slug].pk)
                for page, record, _state, _creating in self.written
                for slug in record.networks
            ],
            batch_size=CHUNK,
        )
        topics_link.objects.bulk_create(
            [
                topics_link(storypage_id=page.pk, topic_id=self.topics[slug].pk)
                for page, record, _state, _creating in self.written
                for slug in record.topics
            ],
            batch_size=CHUNK,
        )
        # The same objects, held in memory by the page, are what its revision records.
        for (page, tagged, bylines, corrections), (_page, record, _s, creating) in zip(
            per_page, self.written, strict=True
        ):
            page.tagged_items = tagged
            page.bylines = bylines
            page.corrections = corrections
            page.networks.set([self.networks[slug] for slug in record.networks])
            page.topics.set([self.topics[slug] for slug in record.topics])
            if creating:
                setattr(page, COMMENTS_RELATION_NAME, [])

    def write_revisions(self):
        """What Page.save_revision() and Revision.publish() leave behind, for every page.

        Wagtail's ``page_published`` signal is not sent: importing existing stories is not
        news, and must not notify subscribers ten thousand times."""
        revisions = []
        for page, record, state, _creating in self.written:
            revisions.append(
                Revision(
                    content_type=ContentType.objects.get_for_model(page),
                    base_content_type=page.get_base_content_type(),
                    object_id=str(page.pk),
                    created_at=self.now,
                    content=page.serializable_data(),
                    object_str=str(page),
                    approved_go_live_at=record.published_at if state == "scheduled" else None,
                )
            )
        Revision.objects.bulk_create(revisions, batch_size=CHUNK)
        updated = [
            (str(page.pk), revision.pk)
            for (page, _record, _state, creating), revision in zip(
                self.written, revisions, strict=True
            )
            if not creating
        ]
        for start in range(0, len(updated), CHUNK):
            chunk = updated[start : start + CHUNK]
            # Only the newest version may be scheduled; a draft is never scheduled.
            Revision.page_revisions.filter(object_id__in=[pk for pk, _rev in chunk]).exclude(
                pk__in=[rev for _pk, rev in chunk]
            ).update(approved_go_live_at=None)
        states = []
        for (page, record, state, creating), revision in zip(self.written, revisions, strict=True):
            state_fields = Page(
                pk=page.pk,
                latest_revision=revision,
                latest_revision_created_at=revision.created_at,
                draft_title=page.title,
            )
            if state == "live":
                first = record.published_at or page.first_published_at or self.now
                state_fields.live = True
                state_fields.live_revision = revision
                state_fields.has_unpublished_changes = False
                state_fields.expired = False
                state_fields.first_published_at = first
                state_fields.last_published_at = first if creating else self.now
                self.log(page, "wagtail.publish", revision)
            else:
                state_fields.live = False
                state_fields.live_revision = None
                state_fields.has_unpublished_changes = True
                state_fields.expired = page.expired
                state_fields.first_published_at = page.first_published_at
                state_fields.last_published_at = page.last_published_at
                if state == "scheduled":
                    self.log(page, "wagtail.publish.schedule", revision)
                elif not creating:
                    self.log(page, "wagtail.edit", revision)
            states.append(state_fields)
        Page.objects.bulk_update(
            states,
            [
                "latest_revision",
                "latest_revision_created_at",
                "draft_title",
                "live",
                "live_revision",
                "has_unpublished_changes",
                "expired",
                "first_published_at",
                "last_published_at",
            ],
            batch_size=CHUNK,
        )

    def log(self, page, action, revision=None):
        """The page history editors see, written in bulk at the end (one insert per entry
        through wagtail.log_actions.log would cost three queries each)."""
        self.log_entries.append(
            PageLogEntry(
                content_type=ContentType.objects.get_for_model(page, for_concrete_model=False),
                page_id=page.pk,
                label=page.get_admin_display_title(),
                action=action,
                timestamp=timezone.now(),
                revision=revision,
                content_changed=action != "wagtail.publish.schedule",
            )
        )
