"""Ending portal sessions because the provider's session ended."""

from __future__ import annotations

from importlib import import_module

from django.conf import settings

from accounts import audit
from accounts.models import OIDCSession, UserSession


def end_sessions(rows: list[OIDCSession], *, request=None) -> int:
    """Delete the Django sessions of these mapping rows (whatever the session engine), their
    session-list entries and the rows themselves; one audit line per session."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for row in rows:
        store(session_key=row.session_key).delete()
        audit.record(
            "session_ended",
            request=request,
            user=row.user,
            detail="aanbieder",
        )
    keys = [row.session_key for row in rows]
    if keys:
        UserSession.objects.filter(session_key__in=keys).delete()
        OIDCSession.objects.filter(session_key__in=keys).delete()
    return len(keys)
