from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from backups import archive


class Command(BaseCommand):
    help = (
        "Back up the site: `backup DIR` writes a new dated folder inside DIR with the database "
        "and every uploaded file, and a manifest of their SHA-256 hashes. `backup --verify "
        "FOLDER` checks a backup without restoring it; `backup --prune DIR` removes the backups "
        "in DIR older than BACKUP_RETENTION_DAYS. See docs/operations.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="DIR to write into or prune, or the FOLDER to verify.")
        action = parser.add_mutually_exclusive_group()
        action.add_argument(
            "--verify", action="store_true", help="Check the backup FOLDER against its manifest."
        )
        action.add_argument(
            "--prune",
            action="store_true",
            help="Remove backups in DIR older than BACKUP_RETENTION_DAYS "
            f"(now {settings.BACKUP_RETENTION_DAYS} days).",
        )

    def handle(self, *args, path, verify, prune, **options):
        try:
            if verify:
                manifest = archive.verify(path)
                self.stdout.write(
                    self.style.SUCCESS(
                        f"{path} is sound: {len(manifest['files'])} files match the manifest "
                        f"(made {manifest['created']})."
                    )
                )
            elif prune:
                removed = archive.prune(path, settings.BACKUP_RETENTION_DAYS)
                for folder in removed:
                    self.stdout.write(f"Removed {folder}")
                self.stdout.write(
                    self.style.SUCCESS(
                        f"{len(removed)} backups older than {settings.BACKUP_RETENTION_DAYS} "
                        "days removed."
                    )
                )
            else:
                folder = archive.make_backup(path, log=self.stderr.write)
                manifest = archive.read_manifest(folder)
                total = sum(entry["bytes"] for entry in manifest["files"])
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Backed up to {folder}: {sum(manifest['rows'].values())} rows, "
                        f"{len(manifest['files']) - 1} files, {total / 1e6:.1f} MB."
                    )
                )
        except archive.BackupError as error:
            raise CommandError(str(error)) from None
