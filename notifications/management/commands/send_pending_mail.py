"""Enqueue every queued mail that is due; run by the scheduler every minute (docs/mail.md)."""

from django.core.management.base import BaseCommand

from notifications.services import send_pending


class Command(BaseCommand):
    help = "Zet elke e-mail uit de wachtrij die nu aan de beurt is klaar voor de worker."

    def handle(self, *args, **options):
        count = send_pending()
        if options["verbosity"] >= 1:
            self.stdout.write(f"{count} e-mail(s) klaargezet voor verzending.")
