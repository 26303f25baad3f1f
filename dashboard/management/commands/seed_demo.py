"""``manage.py seed_demo``: load the demo regions and demo users from ``demo/`` (idempotent)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.twofactor.demo import DEMO_DEVICE_NAME, demo_totp_secret
from core.history import get_system_user
from dashboard.demo.load import build_demo, demo_users
from dashboard.demo.manifest import DemoDataError, demo_password
from governance.exchange import RegionImportFailed
from governance.models import Body, BodyRelation, Membership, Municipality, Person

#: The local mailbox of development (notifications.mailbox; named, not imported: the
#: dashboard sits below notifications).
DEV_MAILBOX_BACKEND = "notifications.mailbox.DevMailboxBackend"


class Command(BaseCommand):
    help = (
        "Vult de database met demogegevens uit de map demo/: de regio Noord- en "
        "Oost-Gelderland, een verzonnen Voorbeeldregio en demogebruikers. Twee keer draaien "
        "verandert niets."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ook uitvoeren als DEBUG uit staat (bijvoorbeeld op een demo-server).",
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG staat uit: dit lijkt een productieomgeving. Demogegevens worden niet "
                "geladen. Gebruik --force als u dit echt wilt."
            )
        password = demo_password()
        try:
            with transaction.atomic():
                result = build_demo(user=get_system_user(), password=password)
        except RegionImportFailed as failed:
            # Nothing is saved: the transaction is rolled back as a whole.
            problems = "; ".join(str(e) for e in failed.errors[:10])
            raise CommandError(
                f"De demogegevens zijn niet geldig; er is niets opgeslagen. {problems}"
            ) from failed
        except (DemoDataError, ValidationError, ValueError) as error:
            raise CommandError(
                f"De demogegevens zijn niet geldig; er is niets opgeslagen. {error}"
            ) from error

        if result.changed:
            parts = [f"{n} {name} aangemaakt" for name, n in sorted(result.created.items())]
            parts += [f"{n} {name} bijgewerkt" for name, n in sorted(result.updated.items())]
            self.stdout.write(self.style.SUCCESS("Demogegevens geladen: " + "; ".join(parts)))
        else:
            self.stdout.write(self.style.SUCCESS("Demogegevens waren al actueel; niets gewijzigd."))

        for region in result.regions:
            self.stdout.write(
                f"  {region.name}: "
                f"{region.sub_regions.count()} subregio's, "
                f"{Municipality.objects.filter(region=region).count()} gemeenten, "
                f"{Body.objects.filter(region=region).count()} gremia, "
                f"{Person.objects.filter(region=region).count()} personen, "
                f"{Membership.objects.filter(body__region=region).count()} lidmaatschappen, "
                f"{BodyRelation.objects.filter(source__region=region).count()} relaties"
            )

        self.stdout.write("")
        self.stdout.write(f"Demogebruikers (wachtwoord voor allemaal: {password}):")
        with_code = set(
            TOTPDevice.objects.filter(name=DEMO_DEVICE_NAME, confirmed=True).values_list(
                "user__username", flat=True
            )
        )
        for username, role, region in demo_users():
            mark = "  (code nodig)" if username in with_code else ""
            self.stdout.write(f"  {username:<28} {role:<22} {region}{mark}")
        if with_code:
            self.stdout.write("")
            self.stdout.write(
                "Gebruikers met ‘code nodig’ geven na het wachtwoord een code van hun tweede "
                "factor. Zet het geheim "
                f"{demo_totp_secret()} in een authenticator-app, of vraag de huidige code op met:"
            )
            self.stdout.write("  .venv/bin/python manage.py totp_code")

        if settings.EMAIL_BACKEND == DEV_MAILBOX_BACKEND:
            self.stdout.write("")
            self.stdout.write(
                "E-mails (zonder EMAIL_HOST): op de console van de worker en, na inloggen, op "
                f"{settings.PORTAL_BASE_URL}/dev/mail/ (map var/mail/)."
            )
