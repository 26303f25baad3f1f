"""Queue the digests ("overzicht") that are due; run by the scheduler every hour (docs/mail.md).

Idempotent: one digest per user per period, however often it runs; a run killed mid-way
continues where it stopped when started again.
"""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from notifications.digest import BATCH_SIZE, send_digests


def _moment(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--now: geen ISO-tijdstip: {value!r}") from exc
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


class Command(BaseCommand):
    help = "Zet de overzichten (dagelijks, wekelijks) klaar die nu aan de beurt zijn."

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            type=_moment,
            help="Doe alsof het nu dit tijdstip is (ISO, bijv. 2026-12-07T07:30; voor tests).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Toon wie een overzicht zou krijgen en met hoeveel punten; verstuur niets.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BATCH_SIZE,
            help=f"Gebruikers per batch (standaard {BATCH_SIZE}).",
        )
        parser.add_argument(
            "--pause",
            type=float,
            default=0.0,
            help="Seconden wachten na elke batch (om een run te kunnen volgen; voor tests).",
        )

    def handle(self, *args, **options):
        if options["batch_size"] < 1:
            raise CommandError("--batch-size moet ten minste 1 zijn.")
        outcome = send_digests(
            now=options["now"],
            batch_size=options["batch_size"],
            dry_run=options["dry_run"],
            pause=options["pause"],
        )
        if options["dry_run"]:
            for line in outcome.lines:
                self.stdout.write(line)
            self.stdout.write(f"{len(outcome.lines)} overzicht(en) zouden worden samengesteld.")
        elif options["verbosity"] >= 1:
            self.stdout.write(
                f"{outcome.queued} overzicht(en) klaargezet, {outcome.empty} leeg (niet verzonden)."
            )
