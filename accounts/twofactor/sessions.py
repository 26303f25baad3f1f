"""Ending all sessions of a user (after a reset of the second factor by the beheerder)."""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.utils import timezone

from accounts.models import UserSession

_DB_ENGINES = {"django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db"}


def end_sessions_of(user) -> int:
    """Delete every session of ``user``; returns how many.

    The sessions the portal tracks (``UserSession``) are ended by key, with any session store.
    With a database session store every unexpired session is also decoded and checked for the
    user's id, so that sessions started before tracking (or missed by it) end as well."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = set(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    if settings.SESSION_ENGINE in _DB_ENGINES:
        from django.contrib.sessions.models import Session

        wanted = str(user.pk)
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
            try:
                data = session.get_decoded()
            except Exception:  # noqa: BLE001  (a corrupt session is no session of this user)
                continue
            if str(data.get(SESSION_KEY, "")) == wanted:
                keys.add(session.session_key)
    for key in keys:
        store(session_key=key).delete()
    UserSession.objects.filter(user=user).delete()
    return len(keys)
