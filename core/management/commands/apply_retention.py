"""Daily job: apply the retention periods (docs/privacy.md).

    python manage.py apply_retention             # remove / redact, one transaction per kind
    python manage.py apply_retention --dry-run   # only list per kind what it would do
    python manage.py apply_retention --kind auditlog --kind sessies

Idempotent: a second run finds nothing left to do. The output and the log name per kind the
count and the cut-off moment, never the content.
"""

from __future__ import annotations

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from core import retention


def _moment(value: str) -> datetime:
    moment = parse_datetime(value)
    if moment is None:
        raise CommandError(f"--now: geen geldig tijdstip: {value!r} (bijv. 2026-12-05T03:15).")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


class Command(BaseCommand):
    help = (
        "Past de bewaartermijnen toe (docs/privacy.md): verwijdert of anonimiseert per soort "
        "gegevens wat ouder is dan de termijn. Dagelijks uitvoeren; --dry-run toont alleen wat "
        "er zou gebeuren."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Niets wijzigen; toon per soort hoeveel er zou worden verwijderd of "
            "geanonimiseerd, en de peildatum.",
        )
        parser.add_argument(
            "--kind",
            action="append",
            default=None,
            help="Alleen deze soort (herhaalbaar). Soorten: "
            + ", ".join(k.key for k in retention.kinds()),
        )
        parser.add_argument("--now", default=None, help="Doe alsof het nu dit tijdstip is.")

    def handle(self, *args, dry_run=False, kind=None, now=None, **options):
        known = {k.key for k in retention.kinds()}
        unknown = sorted(set(kind or ()) - known)
        if unknown:
            raise CommandError(
                f"Onbekende soort: {', '.join(unknown)}. Kies uit: {', '.join(sorted(known))}."
            )
        moment = _moment(now) if now else timezone.now()
        if dry_run:
            self.stdout.write("Proefdraai: er wordt niets gewijzigd.")
        failed = []
        for item in retention.kinds(kind):
            try:
                result = retention.apply_kind(item, now=moment, dry_run=dry_run)
            except Exception as exc:  # noqa: BLE001  (one kind's failure must not stop the rest)
                # Its transaction was rolled back: this kind changed nothing. Name the error's
                # type only: its message (a database error's, say) could quote data.
                retention.logger.error("retention %s failed: %s", item.key, type(exc).__name__)
                self.stderr.write(f"{item.key}: mislukt ({type(exc).__name__}); niets gewijzigd")
                failed.append(item.key)
                continue
            before = timezone.localtime(result.cutoff).strftime("%Y-%m-%d %H:%M")
            if dry_run:
                line = (
                    f"{item.key}: {result.count} {item.label} zou(den) worden {item.verb} "
                    f"(peildatum {before})"
                )
            else:
                line = f"{item.key}: {result.count} {item.label} {item.verb} (peildatum {before})"
            self.stdout.write(line)
        if failed:
            raise CommandError(f"Niet gelukt: {', '.join(failed)}. De andere soorten zijn gedaan.")
