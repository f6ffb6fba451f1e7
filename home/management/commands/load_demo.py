from django.conf import settings
from django.core.management.base import BaseCommand

from home import demo


class Command(BaseCommand):
    help = "Load the demo site (both languages), the member networks and demo accounts. Idempotent."

    def handle(self, *args, **options):
        demo.load_all()
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
        self.stdout.write(
            "Demo accounts (log in at /admin/ on the address runserver prints below):"
        )
        for username, *_rest in demo.DEMO_ACCOUNTS:
            self.stdout.write(f"  {username}")
        self.stdout.write(
            "Their password is the DEMO_PASSWORD environment variable"
            + (
                " (unset: the default 'surin-demo-2569')."
                if not settings.ENV["DEMO_PASSWORD"]
                else "."
            )
        )
