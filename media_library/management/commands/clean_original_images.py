from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from media_library.image_safety import metadata_blocks


class Command(BaseCommand):
    help = (
        "Cleans photos stored before every door cleaned them: any original that still carries "
        "EXIF, XMP, IPTC, a colour profile, comments or trailing data is re-encoded from its "
        "pixels, and its renditions are made again. Run it once after upgrading; a second run "
        "changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List the photos without changing them."
        )

    def handle(self, *args, **options):
        cleaned = refused = 0
        for image in get_image_model().objects.order_by("pk").iterator():
            try:
                with image.file.open("rb") as stored:
                    data = stored.read()
            except OSError as error:
                self.stderr.write(
                    _("Photo %(id)d (%(title)s): file missing (%(error)s).")
                    % {"id": image.pk, "title": image.title, "error": error}
                )
                continue
            found = metadata_blocks(data)
            if not found:
                continue
            self.stdout.write(
                _("Photo %(id)d (%(title)s): %(found)s")
                % {"id": image.pk, "title": image.title, "found": ", ".join(found)}
            )
            if options["dry_run"]:
                cleaned += 1
                continue
            old_name = image.file.name
            try:
                # The file field cleans what it stores (media_library.image_field).
                image.file.save(old_name.rsplit("/", 1)[-1], ContentFile(data), save=False)
            except ValidationError as error:
                refused += 1
                self.stderr.write(" ".join(error.messages))
                continue
            image.save()
            image.file.storage.delete(old_name)
            image.renditions.all().delete()
            cleaned += 1
        summary = (
            _("%(count)d photos cleaned.")
            if not options["dry_run"]
            else _("%(count)d photos to clean.")
        )
        self.stdout.write(self.style.SUCCESS(summary % {"count": cleaned}))
        if refused:
            self.stderr.write(
                _("%(count)d photos could not be read as images; replace them in the admin.")
                % {"count": refused}
            )
