from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo import site as demo


class Command(BaseCommand):
    help = (
        "Load the demo site (both languages), the member networks and demo accounts. Idempotent. "
        "With DEBUG off it needs DEMO_PASSWORD, the demo accounts' password."
    )

    def handle(self, *args, **options):
        try:
            demo.demo_password()
        except demo.NoDemoPassword as error:
            raise CommandError(str(error)) from None
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
                "."
                if settings.ENV["DEMO_PASSWORD"]
                else f" (unset: the local default '{settings.DEMO_PASSWORD}')."
            )
        )
