"""Writes checked story records: all of them in one transaction, or none."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Locale

from networks.models import Network
from news.models import (
    ReporterProfile,
    StoryByline,
    StoryCorrection,
    StoryIndexPage,
    StoryPage,
    Topic,
)

from . import spec
from .indexing import deferred_index_updates, index_objects
from .validation import ImportFileError, validate_file

CHUNK = 500


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    warnings: list = field(default_factory=list)
    dry_run: bool = False


def import_stories(path, *, dry_run=False):
    """Imports the stories of a JSON file (docs/import-format.md).

    Raises ImportFileError, and writes nothing, if any record is wrong."""
    validated = validate_file(path)
    result = ImportResult(warnings=validated.warnings, dry_run=dry_run)
    if dry_run:
        result.created = sum(1 for record in validated.records if record.existing_pk is None)
        result.updated = len(validated.records) - result.created
        return result
    writer = StoryWriter(validated.records)
    try:
        with transaction.atomic(), deferred_index_updates(writer.indexed_models):
            writer.write_all()
            index_objects(writer.touched)
    except BaseException:
        # The database rolled back; files written to storage do not, so remove them.
        for name in writer.stored_files:
            default_storage.delete(name)
        raise
    result.created, result.updated = writer.created, writer.updated
    return result


class StoryWriter:
    def __init__(self, records):
        self.records = records
        self.now = timezone.now()
        self.created = self.updated = 0
        self.stored_files = []
        self.image_model = get_image_model()
        self.indexed_models = [*spec.STORY_TYPES.values(), self.image_model]
        self.touched = {model: [] for model in self.indexed_models}
        self.first_published = []

    def load(self):
        codes = {record.locale for record in self.records}
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        self.sections = {}
        for code in codes:
            self.sections[code] = (
                StoryIndexPage.objects.filter(locale__language_code=code).order_by("path").first()
            )
        self.networks = self._by("slug", Network.objects, "networks")
        self.topics = self._by("slug", Topic.objects, "topics")
        self.profiles = self._profiles()
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

    def write_all(self):
        self.load()
        for record in self.records:
            try:
                self.write(record)
            except (ValidationError, DatabaseError) as error:
                messages = error.messages if isinstance(error, ValidationError) else [str(error)]
                raise ImportFileError(
                    [
                        _("%(story)s could not be saved: %(reason)s")
                        % {"story": record.label, "reason": " ".join(messages)}
                    ]
                ) from error
        # Wagtail stamps "last published" with the moment of publishing; an imported story was
        # last published when the file says it was first published.
        for start in range(0, len(self.first_published), CHUNK):
            for pk, moment in self.first_published[start : start + CHUNK]:
                StoryPage.objects.filter(pk=pk).update(last_published_at=moment)

    def image_for(self, record):
        if record.hero_image is None:
            return None
        image = self.images.get(record.hero_image_hash)
        if image is None:
            image = self.image_model(
                title=record.hero_image_alt or record.hero_image.stem,
                description=record.hero_image_alt,
                credit=record.hero_image_credit,
                file_hash=record.hero_image_hash,
                file_size=record.hero_image.stat().st_size,
            )
            with record.hero_image.open("rb") as handle:
                image.file.save(record.hero_image.name, File(handle), save=False)
            self.stored_files.append(image.file.name)
            image.save()
            self.images[record.hero_image_hash] = image
            self.touched[self.image_model].append(image)
        elif (image.description, image.credit) != (
            record.hero_image_alt or image.description,
            record.hero_image_credit or image.credit,
        ):
            image.description = record.hero_image_alt or image.description
            image.credit = record.hero_image_credit or image.credit
            image.save()
            self.touched[self.image_model].append(image)
        return image

    def fill(self, page, record):
        page.title = record.title
        page.summary = record.summary
        page.body = record.body
        page.district = record.district
        page.translation_key = record.translation_key
        page.hero_image = self.image_for(record)
        for key, value in record.type_fields.items():
            setattr(page, key, value)
        page.networks.set([self.networks[slug] for slug in record.networks])
        page.topics.set([self.topics[slug] for slug in record.topics])
        page.tags.set(record.tags)
        page.bylines = [
            StoryByline(reporter=self.profiles[name], sort_order=order)
            for order, name in enumerate(record.reporters)
        ]
        page.corrections = [
            StoryCorrection(corrected_on=corrected_on, text=text, sort_order=order)
            for order, (corrected_on, text) in enumerate(record.corrections)
        ]

    def write(self, record):
        when = record.published_at
        scheduled = not record.draft and when is not None and when > self.now
        goes_live = not record.draft and not scheduled
        page = self.existing.get(record.existing_pk)
        creating = page is None
        if creating:
            page = record.model(
                locale=self.locales[record.locale], import_ref=record.ref, live=False
            )
            page.has_unpublished_changes = True
        self.fill(page, record)
        # A draft keeps its intended publication moment; publishing it later honours it.
        page.go_live_at = None if goes_live else when
        if goes_live and (creating or when):
            page.first_published_at = when or self.now
        if creating:
            self.sections[record.locale].add_child(instance=page)
            if goes_live:
                self.first_published.append((page.pk, page.first_published_at))
            log(instance=page, action="wagtail.create")
            self.created += 1
        else:
            if not goes_live and page.live:
                page.unpublish(log_action=True)
            if not page.live:
                page.save()
            self.updated += 1
        if record.draft:
            # Nothing of this story may go live on its own: cancel any earlier scheduling.
            page.revisions.update(approved_go_live_at=None)
        revision = page.save_revision(clean=False, log_action=not creating)
        if not record.draft:
            revision.publish(skip_permission_checks=True)
        self.touched[type(page)].append(page)
