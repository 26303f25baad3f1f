"""``manage.py totp_code``: the current code of a TOTP secret (for the demo)."""

from django.core.management.base import BaseCommand, CommandError

from accounts.twofactor import codes
from accounts.twofactor.demo import DEMO_TOTP_SECRET_ENV, demo_totp_secret


class Command(BaseCommand):
    help = (
        "Voor de demo: toont de huidige zescijferige code van de tweede factor van de "
        f"demogebruikers (geheim uit {DEMO_TOTP_SECRET_ENV}, of de standaardwaarde uit "
        "docs/2fa.md). Met --secret: de code van een ander base32-geheim."
    )

    def add_arguments(self, parser):
        parser.add_argument("--secret", help="Base32-geheim (standaard: dat van de demo).")

    def handle(self, *args, secret=None, **options):
        try:
            key_hex = codes.base32_to_hex(secret if secret is not None else demo_totp_secret())
        except ValueError as error:
            raise CommandError(
                "Dit geheim is geen geldige base32-tekst (letters A-Z en cijfers 2-7)."
            ) from error
        self.stdout.write(codes.current_code(key_hex))
