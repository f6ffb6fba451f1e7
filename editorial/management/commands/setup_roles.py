from django.core.management.base import BaseCommand

from editorial.setup import setup_roles


class Command(BaseCommand):
    help = (
        "Create or complete the editorial roles: reporter and editor groups per member network, "
        "editors-in-chief, media collections, page permissions and the review workflow. Idempotent."
    )

    def handle(self, *args, **options):
        counts = setup_roles()
        self.stdout.write(
            self.style.SUCCESS(
                "Editorial roles are set up for {networks} networks and "
                "{stories_sections} stories sections.".format(**counts)
            )
        )
        if not counts["stories_sections"]:
            self.stdout.write(
                "No stories section exists yet: run this command again after creating one."
            )
