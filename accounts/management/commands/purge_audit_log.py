"""Daily job: remove audit log lines older than ``ZV_AUDIT_RETENTION_DAYS`` and the session
rows whose Django session has gone.

Run it once a day (docs/accounts.md), e.g. from cron::

    15 3 * * *  cd /app && python manage.py purge_audit_log
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from accounts.models import AuditEvent
from accounts.sessions import dead_provider_sessions, dead_sessions

BATCH = 5000


def purge_audit_events(*, now=None, days: int | None = None, batch: int = BATCH) -> int:
    """Delete events older than ``days`` (default: the setting) in batches; how many went."""
    now = now or timezone.now()
    days = settings.ZV_AUDIT_RETENTION_DAYS if days is None else days
    cutoff = now - timedelta(days=days)
    total = 0
    while True:
        ids = list(
            AuditEvent.objects.filter(at__lt=cutoff)
            .order_by("at")
            .values_list("pk", flat=True)[:batch]
        )
        if not ids:
            return total
        # A bulk delete (the model refuses deleting single rows): the retention purge is the
        # one place lines are removed.
        deleted, _per_model = AuditEvent.objects.filter(pk__in=ids).delete()
        total += deleted


def purge_dead_sessions() -> int:
    """Session rows and provider-session mappings of sessions that are gone; how many rows
    of the session list went."""
    dead_provider_sessions().delete()
    deleted, _per_model = dead_sessions().delete()
    return deleted


class Command(BaseCommand):
    help = (
        "Verwijdert auditregels ouder dan ZV_AUDIT_RETENTION_DAYS dagen en sessieregels "
        "waarvan de sessie niet meer bestaat. Dagelijks uitvoeren."
    )

    def handle(self, *args, **options):
        events = purge_audit_events()
        sessions = purge_dead_sessions()
        self.stdout.write(
            f"{events} auditregel(s) ouder dan {settings.ZV_AUDIT_RETENTION_DAYS} dagen "
            f"verwijderd; {sessions} verlopen sessieregel(s) verwijderd."
        )
