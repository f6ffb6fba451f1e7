"""manage.py send_digests --frequency daily|weekly: queue the digests due now (docs/following.md)."""

from django.core.management.base import BaseCommand

from following.digests import CHUNK_SIZE, describe, forget_unconfirmed, send_digests
from following.models import Frequency


class Command(BaseCommand):
    help = "Queue the email digests of one frequency: every story since each follower's last one."

    def add_arguments(self, parser):
        parser.add_argument("--frequency", required=True, choices=Frequency.values)
        parser.add_argument("--chunk-size", type=int, default=CHUNK_SIZE)

    def handle(self, *args, frequency, chunk_size, **options):
        counts = send_digests(frequency, chunk_size=chunk_size)
        self.stdout.write(describe(counts))
        forgotten = forget_unconfirmed()
        if forgotten:
            self.stdout.write(f"Unconfirmed addresses forgotten: {forgotten}.")
