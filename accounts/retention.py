"""The retention kinds of the accounts app (registered with :mod:`core.retention`):

* ``auditlog`` — audit log lines older than ``ZV_AUDIT_RETENTION_DAYS`` are deleted (the one
  place lines are removed; ``purge_audit_log`` does the same);
* ``inlogpogingen`` — django-axes' records of sign-ins and failed attempts (username, IP
  address, browser) older than the same ``ZV_AUDIT_RETENTION_DAYS``;
* ``sessies`` — expired Django sessions (what ``clearsessions`` does), the rows of "Mijn
  sessies" and the provider-session mappings whose session has gone.
"""

from __future__ import annotations

from datetime import datetime
from importlib import import_module

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.management.commands.purge_audit_log import purge_audit_events
from accounts.models import AuditEvent
from accounts.sessions import dead_provider_sessions, dead_sessions
from core.retention import RetentionKind, days_before

DB_SESSION_ENGINES = (
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
)


def _audit_cutoff(now: datetime) -> datetime:
    return days_before(now, settings.ZV_AUDIT_RETENTION_DAYS)


def _audit_pending(cutoff: datetime) -> int:
    return AuditEvent.objects.filter(at__lt=cutoff).count()


def _audit_apply(cutoff: datetime) -> int:
    # purge_audit_events computes the cut-off from now and a number of days; give it ours.
    return purge_audit_events(now=cutoff, days=0)


def _login_records(cutoff: datetime):
    return [
        model.objects.filter(attempt_time__lt=cutoff)
        for model in (AccessLog, AccessFailureLog, AccessAttempt)
    ]


def _logins_apply(cutoff: datetime) -> int:
    return sum(records.delete()[0] for records in _login_records(cutoff))


def _expired_django_sessions(cutoff: datetime):
    if settings.SESSION_ENGINE not in DB_SESSION_ENGINES:
        return None
    from django.contrib.sessions.models import Session

    return Session.objects.filter(expire_date__lt=cutoff)


def _sessions_pending(cutoff: datetime) -> int:
    expired = _expired_django_sessions(cutoff)
    return (expired.count() if expired is not None else 0) + dead_sessions().count()


def _sessions_apply(cutoff: datetime) -> int:
    expired = _expired_django_sessions(cutoff)
    if expired is not None:
        removed, _per_model = expired.delete()
    else:  # a cache or cookie store: it removes its own expired sessions
        import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
        removed = 0
    dead_provider_sessions().delete()
    rows, _per_model = dead_sessions().delete()
    return removed + rows


AUDIT_LOG = RetentionKind(
    key="auditlog",
    label=_("auditregel(s)"),
    verb=_("verwijderd"),
    cutoff=_audit_cutoff,
    pending=_audit_pending,
    apply=_audit_apply,
    order=40,
)
LOGIN_RECORDS = RetentionKind(
    key="inlogpogingen",
    label=_("registratie(s) van aanmeldingen en mislukte pogingen"),
    verb=_("verwijderd"),
    cutoff=_audit_cutoff,
    pending=lambda cutoff: sum(records.count() for records in _login_records(cutoff)),
    apply=_logins_apply,
    order=45,
)
SESSIONS = RetentionKind(
    key="sessies",
    label=_("verlopen sessie(s) en sessieregel(s)"),
    verb=_("verwijderd"),
    cutoff=lambda now: now,
    pending=_sessions_pending,
    apply=_sessions_apply,
    order=50,
)
