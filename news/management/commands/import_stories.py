from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from news.interchange.importing import import_stories
from news.interchange.validation import ImportFileError


class Command(BaseCommand):
    help = (
        "Imports stories from a JSON file (format: docs/import-format.md). The whole file is "
        "checked first; if any record is wrong nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The JSON file; hero image paths are relative to it.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report, write nothing."
        )

    def handle(self, *args, **options):
        try:
            result = import_stories(options["file"], dry_run=options["dry_run"])
        except ImportFileError as error:
            raise CommandError(
                _("Nothing was imported.") + "\n" + "\n".join(error.errors)
            ) from None
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(_("Warning: %(text)s") % {"text": warning}))
        if result.lacking_consent:
            self.stderr.write(
                self.style.WARNING(
                    _(
                        "These local-wisdom stories have no recorded consent of the knowledge "
                        "holder (who agreed and how). They are listed on the editors' dashboard "
                        "until an editor records it or takes the story down:"
                    )
                )
            )
            for ref, title in result.lacking_consent:
                self.stderr.write(f"  {ref}: {title}")
        if result.dry_run:
            message = _("The file is valid: %(created)d new and %(updated)d existing stories.")
        else:
            message = _("Imported %(created)d new and updated %(updated)d existing stories.")
        self.stdout.write(
            self.style.SUCCESS(message % {"created": result.created, "updated": result.updated})
        )
