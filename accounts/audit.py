"""The audit log: ``record(...)`` is the one way a line is written.

What the log holds is fixed here: a kind from ``KINDS``, the user, the address, and a short
``target``/``detail`` made of object names and fixed phrases. Callers never pass passwords,
codes, tokens, claims or case text; ``record`` cuts long values and refuses nothing, so that
logging never breaks the action it records.
"""

from __future__ import annotations

import logging

from django.db import DatabaseError, transaction

from accounts.models import AuditEvent

log = logging.getLogger(__name__)

#: kind → Dutch label (the log page, its filter and the CSV show these).
KINDS: dict[str, str] = {
    # signing in and out
    "login_password": "aangemeld met wachtwoord",
    "login_oidc": "aangemeld via eenmalige aanmelding",
    "login_passkey": "aangemeld met passkey",
    "login_failed": "mislukte aanmelding",
    "login_refused": "aanmelding geweigerd",
    "logout": "afgemeld",
    "session_ended": "sessie beëindigd",
    "sessions_ended_elsewhere": "overal elders afgemeld",
    "password_changed": "wachtwoord gewijzigd",
    # second factor
    "mfa_enrolled": "tweede factor ingesteld",
    "mfa_verified": "tweede factor gecontroleerd",
    "mfa_failed": "tweede factor onjuist",
    "mfa_locked": "tweede factor geblokkeerd na te veel pogingen",
    "mfa_removed": "tweede factor verwijderd",
    "mfa_reset": "tweede factor hersteld door beheerder",
    "recovery_codes_created": "herstelcodes aangemaakt",
    "recovery_code_used": "herstelcode gebruikt",
    "passkey_added": "passkey toegevoegd",
    "passkey_removed": "passkey verwijderd",
    # accounts and roles
    "account_created": "account aangemaakt",
    "account_linked": "account gekoppeld aan aanbieder",
    "account_link_requested": "koppeling aangevraagd",
    "account_link_rejected": "koppeling afgewezen",
    "account_activated": "account geactiveerd",
    "account_deactivated": "account gedeactiveerd",
    "role_added": "rol toegekend",
    "role_removed": "rol ingetrokken",
    # reading protected information
    "reflection_opened": "casusreflectie geopend",
    "reflection_downloaded": "casusreflecties gedownload",
    "document_downloaded": "vergaderstuk gedownload",
    "document_viewed": "vergaderstuk in de browser gelezen",
    "audit_exported": "auditlog gedownload",
    # the AVG's rights (dashboard.privacy)
    "person_inspected": "inzage persoonsgegevens gemaakt",
    "person_erased": "persoon gewist (AVG)",
}


def client_ip(request) -> str | None:
    """The client's address as django-axes sees it (same proxy settings)."""
    if request is None:
        return None
    from axes.helpers import get_client_ip_address

    try:
        return get_client_ip_address(request) or None
    except Exception:  # noqa: BLE001  (a malformed header must not break the request)
        return None


def record(
    kind: str,
    *,
    request=None,
    user=None,
    username: str = "",
    target: str = "",
    detail: str = "",
    region_pk: int | None = None,
) -> AuditEvent | None:
    """Append one line. ``user`` defaults to the request's signed-in user.

    Written in its own savepoint: a failing write is logged and swallowed, and a rolled-back
    outer transaction does not take an already written line with it only when the caller
    records after commit (see ``record_on_commit``)."""
    if kind not in KINDS:
        raise ValueError(f"unknown audit kind {kind!r}")
    if user is None and request is not None:
        candidate = getattr(request, "user", None)
        if candidate is not None and candidate.is_authenticated:
            user = candidate
    if user is not None and not username:
        username = user.get_username()
    event = AuditEvent(
        kind=kind,
        user=user if user is not None and user.pk else None,
        username=(username or "")[:150],
        ip_address=client_ip(request),
        target=(target or "")[:300],
        detail=(detail or "")[:500],
        region_pk=region_pk,
    )
    try:
        with transaction.atomic():
            event.save()
    except DatabaseError:
        log.exception("audit log write failed (%s)", kind)
        return None
    return event


def record_on_commit(kind: str, **kwargs) -> None:
    """``record`` once the surrounding transaction commits (for changes that may roll back)."""
    transaction.on_commit(lambda: record(kind, **kwargs))
