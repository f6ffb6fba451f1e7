from django.core.management.base import BaseCommand, CommandError

from backups import archive, restoring


class Command(BaseCommand):
    help = (
        "Restore a backup folder (made by `backup`) into an empty database and empty media "
        "storages: every hash is checked first, the search and reference indexes are rebuilt, "
        "and the result is checked against the manifest. See docs/operations.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="The backup folder (backup-YYYYMMDDTHHMMSSZ).")

    def handle(self, *args, folder, **options):
        try:
            manifest = restoring.restore(folder, log=self.stdout.write)
        except archive.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the backup made {manifest['created']}: "
                f"{sum(manifest['rows'].values())} rows and "
                f"{len(manifest['files']) - 1} files, all matching the manifest. "
                "Everyone signs in again."
            )
        )
