from django.conf import settings
from django.core.management.base import BaseCommand

from tips.retention import erase_old_contacts


class Command(BaseCommand):
    help = (
        "Erase the name and contact details of tips older than TIPS_CONTACT_RETENTION_DAYS "
        "(docs/tips.md). Run daily from cron."
    )

    def handle(self, *args, **options):
        count = erase_old_contacts()
        self.stdout.write(
            f"Erased the contact details of {count} tip(s) older than "
            f"{settings.TIPS_CONTACT_RETENTION_DAYS} days."
        )
