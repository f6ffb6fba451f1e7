from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from news.interchange.exporting import ExportError, export_stories


class Command(BaseCommand):
    help = (
        "Exports every story (all languages, live, scheduled and draft) to a JSON file in the "
        "import format; hero images are copied to a folder beside it."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The JSON file to write; FILE_images/ is made beside it.")

    def handle(self, *args, **options):
        try:
            result = export_stories(options["file"])
        except ExportError as error:
            raise CommandError(str(error)) from None
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(_("Warning: %(text)s") % {"text": warning}))
        self.stdout.write(
            self.style.SUCCESS(
                _("Exported %(stories)d stories and %(images)d images to %(path)s.")
                % {"stories": result.stories, "images": result.images, "path": result.path}
            )
        )
