"""Writes every story to the interchange format, hero images copied into a folder beside it.

The output imports into an empty site with the same networks, topics and user accounts and
gives back the same stories: languages and translation links, live, scheduled and draft states,
dates, images with their alt text and credit, tags and corrections.
"""

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from news.models import StoryByline, StoryCorrection, StoryPage

from . import spec
from .body import stream_to_html


class ExportError(Exception):
    pass


@dataclass
class ExportResult:
    path: Path
    stories: int = 0
    images: int = 0
    warnings: list = field(default_factory=list)


def story_ref(page):
    # A story made in the admin has no import ref; locale and translation key never change,
    # so this ref stays the same on every export.
    return page.import_ref or f"{page.locale.language_code}-{page.translation_key}"


def _moment(value):
    return timezone.localtime(value).isoformat() if value else None


def _stories():
    return (
        StoryPage.objects.select_related("locale", "hero_image")
        .prefetch_related(
            "networks",
            "topics",
            "tags",
            Prefetch(
                "bylines",
                queryset=StoryByline.objects.select_related("reporter__user").order_by(
                    "sort_order"
                ),
            ),
            Prefetch("corrections", queryset=StoryCorrection.objects.order_by("sort_order")),
        )
        .specific()
        .order_by("pk")
    )


class StoryExporter:
    def __init__(self, path):
        self.path = Path(path)
        self.images_dir = self.path.parent / f"{self.path.stem}_images"
        self.result = ExportResult(path=self.path)
        self.copied = {}

    def warn(self, page, message):
        self.result.warnings.append(
            _('story "%(ref)s": %(message)s') % {"ref": story_ref(page), "message": message}
        )

    def export(self):
        if not self.path.parent.is_dir():
            raise ExportError(
                _("The folder %(folder)s does not exist.") % {"folder": self.path.parent}
            )
        pages = list(_stories())
        sources = {}
        for page in pages:
            sources.setdefault(page.translation_key, page)
        records = [self.record(page, sources[page.translation_key]) for page in pages]
        self.result.stories = len(records)
        self.write_json({spec.FORMAT_KEY: records})
        return self.result

    def write_json(self, data):
        try:
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".json")
            with os.fdopen(handle, "w", encoding="utf-8") as output:
                json.dump(data, output, ensure_ascii=False, indent=2)
                output.write("\n")
            os.replace(temporary, self.path)
        except OSError as error:
            raise ExportError(
                _("Cannot write %(path)s: %(error)s") % {"path": self.path, "error": error.strerror}
            ) from None

    def state(self, page):
        """(content, published_at, draft): what the file says about when the story is public."""
        if page.live:
            return page, page.first_published_at, False
        content = page.get_latest_revision_as_object() if page.latest_revision_id else page
        scheduled = page.revisions.filter(approved_go_live_at__isnull=False).exists()
        return content, content.go_live_at, not scheduled

    def record(self, page, source):
        content, published_at, draft = self.state(page)
        body, skipped = stream_to_html(content.body)
        for block_type in sorted(set(skipped)):
            self.warn(
                page,
                _('body blocks of type "%(type)s" have no place in the format and were left out.')
                % {"type": block_type},
            )
        record = {
            "ref": story_ref(page),
            "type": spec.TYPE_OF_MODEL[type(page)],
            "locale": page.locale.language_code,
            "title": content.title,
            "networks": [network.slug for network in content.networks.all()],
        }
        if source.pk != page.pk:
            record["translation_of"] = story_ref(source)
        record["summary"] = content.summary
        if body:
            record["body"] = body
        record["topics"] = [topic.slug for topic in content.topics.all()]
        record["tags"] = sorted(tag.name for tag in content.tags.all())
        if content.district:
            record["district"] = content.district
        record["reporters"] = self.reporters(page, content)
        if published_at:
            record["published_at"] = _moment(published_at)
        record["draft"] = draft
        self.add_image(record, page, content.hero_image)
        record["corrections"] = [
            {"date": correction.corrected_on.isoformat(), "text": correction.text}
            for correction in content.corrections.all()
        ]
        for key in spec.TYPE_KEYS[type(page)]:
            value = getattr(content, key)
            if hasattr(value, "isoformat"):
                value = value.isoformat()
            if value not in (None, ""):
                record[key] = value
        return record

    def reporters(self, page, content):
        names = []
        for byline in content.bylines.all():
            user = byline.reporter.user
            if user is None:
                self.warn(
                    page,
                    _('reporter "%(name)s" has no user account and was left out.')
                    % {"name": byline.reporter.display_name},
                )
            else:
                names.append(user.get_username())
        return names

    def add_image(self, record, page, image):
        if image is None:
            return
        if image.pk not in self.copied:
            name = f"{image.pk}-{Path(image.file.name).name}"
            try:
                self.images_dir.mkdir(exist_ok=True)
                with image.file.open("rb") as source:
                    (self.images_dir / name).write_bytes(source.read())
            except OSError as error:
                self.warn(
                    page,
                    _("the main photo could not be copied (%(error)s) and was left out.")
                    % {"error": error.strerror or error},
                )
                return
            self.copied[image.pk] = f"{self.images_dir.name}/{name}"
            self.result.images += 1
        record["hero_image"] = self.copied[image.pk]
        if image.description:
            record["hero_image_alt"] = image.description
        if image.credit:
            record["hero_image_credit"] = image.credit


def export_stories(path):
    return StoryExporter(path).export()
