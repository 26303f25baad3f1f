"""Throttling of second-factor codes, like the password (django-axes' settings).

Two layers:

- django-otp's own throttling on each device (exponential delay after a wrong code);
- a lock per user: ``AXES_FAILURE_LIMIT`` wrong codes (TOTP or recovery code, also on the
  removal page) lock code entry for ``AXES_COOLOFF_TIME``; even a correct code is refused
  meanwhile. The failures are counted from the audit log (``mfa_failed`` lines), so the lock
  holds across processes and servers and needs no table of its own; a correct code, a lock and
  a reset by the beheerder start the count anew.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Max, Q
from django.utils import timezone

from accounts import audit
from accounts.models import AuditEvent


def _events(user, *kinds: str):
    """The user's own events of these kinds, and the beheerder's resets of the user (those are
    written in the beheerder's name, with the user's name as the target)."""
    own = Q(user=user, kind__in=[k for k in kinds if k != "mfa_reset"])
    if "mfa_reset" in kinds:
        own |= Q(kind="mfa_reset", target=user.get_username())
    return AuditEvent.objects.filter(own)


#: Events after which the count of wrong codes starts again.
_RESTARTS = ("mfa_verified", "mfa_enrolled", "mfa_locked", "mfa_reset")


def cool_off() -> timedelta:
    from axes.helpers import get_cool_off

    return get_cool_off() or timedelta(minutes=15)


def failure_limit() -> int:
    limit = settings.AXES_FAILURE_LIMIT
    return limit if isinstance(limit, int) and limit > 0 else 5


def _now():
    return timezone.now()


def locked_until(user):
    """The moment the user's lock ends, or None when code entry is open."""
    now = _now()
    window = cool_off()
    last = (
        _events(user, "mfa_locked", "mfa_reset")
        .order_by("-at", "-id")
        .values_list("kind", "at")
        .first()
    )
    if last is not None and last[0] == "mfa_locked" and last[1] + window > now:
        return last[1] + window
    return None


def is_locked(user) -> bool:
    return locked_until(user) is not None


def register_failure(request, user, method: str) -> bool:
    """Log a wrong code; lock the user when it is one too many. Returns True when locked now."""
    audit.record("mfa_failed", request=request, user=user, detail=method)
    since = _now() - cool_off()
    restart = _events(user, *_RESTARTS).filter(at__gte=since).aggregate(at=Max("at"))["at"]
    failures = AuditEvent.objects.filter(
        user=user, kind="mfa_failed", at__gte=max(since, restart) if restart else since
    )
    if restart is not None:
        failures = failures.filter(at__gt=restart)
    if failures.count() >= failure_limit():
        audit.record(
            "mfa_locked",
            request=request,
            user=user,
            detail=f"{failure_limit()} onjuiste codes; geblokkeerd voor {_minutes()} minuten",
        )
        return True
    return False


def _minutes() -> int:
    return max(1, round(cool_off().total_seconds() / 60))


def locked_message() -> str:
    return (
        f"Te veel onjuiste codes. Invoeren van een code is {_minutes()} minuten geblokkeerd; "
        "probeer het daarna opnieuw."
    )
