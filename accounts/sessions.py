"""Which sessions a user has: a ``UserSession`` row per signed-in Django session.

A row is written when the user signs in (``track_login``), its ``last_seen`` moves along when
core's idle refresh saves the session anyway (``UserSessionMiddleware``: no query of its own on
ordinary requests), and it goes at logout. Ending a session deletes the Django session itself
(the user is signed out there at the next request) and the row.

Rows whose Django session has gone (expired, flushed) are left out of every list here and
removed by ``purge_audit_log``.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.utils import timezone

from accounts.audit import client_ip
from accounts.models import OIDCSession, UserSession
from accounts.session_keys import LOGIN_ROUTE, ROUTE_PASSWORD
from core.middleware import REFRESHED_KEY

DB_ENGINES = ("django.contrib.sessions.backends.db",)
USER_AGENT_MAX = 300


def _store_class():
    return import_module(settings.SESSION_ENGINE).SessionStore


def _uses_db_table() -> bool:
    return settings.SESSION_ENGINE in DB_ENGINES


def track_login(sender, request, user, **kwargs) -> None:
    """``user_logged_in``: a row for the session that login() has just given a fresh key."""
    session = getattr(request, "session", None) if request is not None else None
    if session is None or user is None or not user.pk:
        return
    if not session.session_key:
        session.save()
    meta = getattr(request, "META", {}) or {}
    UserSession.objects.update_or_create(
        session_key=session.session_key,
        defaults={
            "user": user,
            "created": timezone.now(),
            "last_seen": timezone.now(),
            "ip_address": client_ip(request),
            "user_agent": str(meta.get("HTTP_USER_AGENT", ""))[:USER_AGENT_MAX],
            "route": str(session.get(LOGIN_ROUTE) or ROUTE_PASSWORD)[:80],
        },
    )


def track_logout(sender, request, user, **kwargs) -> None:
    """``user_logged_out``: the session is flushed right after this; its row goes now."""
    session = getattr(request, "session", None) if request is not None else None
    if session is not None and session.session_key:
        UserSession.objects.filter(session_key=session.session_key).delete()
        OIDCSession.objects.filter(session_key=session.session_key).delete()


def end_sessions(session_keys: Iterable[str]) -> int:
    """Delete these Django sessions and their rows. Returns how many rows went."""
    keys = [k for k in session_keys if k]
    if not keys:
        return 0
    if _uses_db_table():
        from django.contrib.sessions.models import Session

        Session.objects.filter(session_key__in=keys).delete()
    else:
        store = _store_class()()
        for key in keys:
            store.delete(key)
    OIDCSession.objects.filter(session_key__in=keys).delete()
    deleted, _per_model = UserSession.objects.filter(session_key__in=keys).delete()
    return deleted


def end_user_sessions(user, *, keep: str | None = None) -> int:
    """End every tracked session of ``user`` except the one with key ``keep``."""
    keys = UserSession.objects.filter(user=user).values_list("session_key", flat=True)
    if keep:
        keys = keys.exclude(session_key=keep)
    return end_sessions(list(keys))


def end_sessions_of_users(user_ids: Iterable[int]) -> int:
    """End every session of these users (deactivation, reset of the second factor).

    The tracked ones by key; with the database session engine also every unexpired session
    that holds one of these users, so that sessions started before tracking existed (or missed
    by it) end as well. That decodes the live sessions once: fine for these rare actions."""
    wanted = {str(pk) for pk in user_ids}
    keys = set(
        UserSession.objects.filter(user_id__in=[int(pk) for pk in wanted]).values_list(
            "session_key", flat=True
        )
    )
    if _uses_db_table():
        from django.contrib.auth import SESSION_KEY
        from django.contrib.sessions.models import Session

        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
            try:
                data = session.get_decoded()
            except Exception:  # noqa: BLE001  (a corrupt session belongs to nobody)
                continue
            if str(data.get(SESSION_KEY, "")) in wanted:
                keys.add(session.session_key)
    return end_sessions(sorted(keys))


def live_sessions(queryset=None):
    """Rows whose Django session still exists and has not expired.

    With the database session engine this is one query (a subquery on the session table);
    other engines ask the store per row."""
    queryset = UserSession.objects.all() if queryset is None else queryset
    if _uses_db_table():
        from django.contrib.sessions.models import Session

        alive = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
        return queryset.filter(session_key__in=alive)
    store = _store_class()()
    keys = [row.session_key for row in queryset if store.exists(row.session_key)]
    return queryset.filter(session_key__in=keys)


def dead_sessions():
    """Rows whose Django session is gone or expired (removed by ``purge_audit_log``)."""
    live = live_sessions(UserSession.objects.all()).values("pk")
    return UserSession.objects.exclude(pk__in=live)


def dead_provider_sessions():
    """Provider-session mappings (back-channel logout) whose Django session is gone or
    expired (removed by ``purge_audit_log``)."""
    if _uses_db_table():
        from django.contrib.sessions.models import Session

        alive = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
        return OIDCSession.objects.exclude(session_key__in=alive)
    store = _store_class()()
    gone = [
        k for k in OIDCSession.objects.values_list("session_key", flat=True) if not store.exists(k)
    ]
    return OIDCSession.objects.filter(session_key__in=gone)


def _follow_new_key(old: str, new: str) -> None:
    """The session got a new key (the second factor given, a password changed): its rows
    follow, unless a login has already written a row for the new key (then the old row is
    stale). The provider-session mapping follows too, so that the provider's back-channel
    logout still ends a session that gave the portal's own second factor after single sign-on."""
    for model in (UserSession, OIDCSession):
        if model.objects.filter(session_key=new).exists():
            model.objects.filter(session_key=old).delete()
        else:
            model.objects.filter(session_key=old).update(session_key=new)


# --- A password change ends the user's other sessions ---------------------------------------

_LOADED_HASH = "_zv_loaded_password"


def remember_password_hash(sender, instance, **kwargs) -> None:
    """``post_init`` of the user model: the hash as loaded (no query: a deferred password is
    simply not remembered)."""
    instance.__dict__[_LOADED_HASH] = instance.__dict__.get("password")


def password_changed(sender, instance, created, raw=False, update_fields=None, **kwargs) -> None:
    """``post_save`` of the user model: a new password hash ends the user's other sessions.

    The current session is kept where there is a request (simple-history's middleware keeps
    it), e.g. the portal's own password page; an admin changing someone else's password ends
    all of that user's sessions. A user saved for the first time, or one who had no password at
    all, has nothing to end."""
    before = instance.__dict__.get(_LOADED_HASH)
    after = instance.__dict__.get("password")
    instance.__dict__[_LOADED_HASH] = after
    if created or raw or not before or after is None or before == after:
        return
    if update_fields is not None and "password" not in update_fields:
        return
    from simple_history.models import HistoricalRecords

    from accounts.audit import record_on_commit

    request = getattr(HistoricalRecords.context, "request", None)
    session = getattr(request, "session", None)
    keep = session.session_key if session is not None else None
    end_user_sessions(instance, keep=keep)
    actor = getattr(request, "user", None)
    if actor is None or not actor.is_authenticated:
        actor = instance
    record_on_commit(
        "password_changed",
        request=request,
        user=actor,
        target=f"account {instance.get_username()}",
        detail="" if actor.pk == instance.pk else "door een ander gewijzigd",
    )


class UserSessionMiddleware:
    """Keeps the signed-in user's ``UserSession`` row in step with the Django session.

    - ``last_seen`` is written only at the moment ``core.middleware.SessionIdleRefreshMiddleware``
      refreshes the session (at most once per ``SESSION_REFRESH_SECONDS``): the same condition,
      read before that middleware (listed earlier, so it runs later on the way out) stores the
      new refresh time. Ordinary requests make no query here.
    - A session whose key changed during the request (``update_session_auth_hash`` after a
      password change cycles the key) takes its row along.

    Listed after AuthenticationMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        start_key = session.session_key if session is not None else None
        response = self.get_response(request)
        if session is None:
            return response
        end_key = session.session_key
        if start_key and end_key and start_key != end_key:
            _follow_new_key(start_key, end_key)
        elif (
            end_key
            and session.accessed
            and not session.is_empty()
            and session.get(SESSION_KEY) is not None
        ):
            now = int(time.time())
            if now - session.get(REFRESHED_KEY, 0) >= settings.SESSION_REFRESH_SECONDS:
                UserSession.objects.filter(session_key=end_key).update(last_seen=timezone.now())
        return response


# --- The browser in plain Dutch ---------------------------------------------------------------

# Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
_BROWSERS = [
    ("Edg", "Edge"),
    ("OPR/", "Opera"),
    ("Opera", "Opera"),
    ("SamsungBrowser", "Samsung Internet"),
    ("Firefox/", "Firefox"),
    ("FxiOS", "Firefox"),
    ("CriOS", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
    ("MSIE ", "Internet Explorer"),
    ("Trident/", "Internet Explorer"),
    ("curl/", "curl"),
    ("python-requests", "een script"),
]
_SYSTEMS = [
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("CrOS", "ChromeOS"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("Macintosh", "macOS"),
    ("Linux", "Linux"),
]


def browser_label(user_agent: str | None) -> str:
    """ "Firefox op Windows" from a User-Agent header; "onbekende browser" when it says nothing
    we know."""
    ua = user_agent or ""
    browser = next((name for token, name in _BROWSERS if token in ua), None)
    system = next((name for token, name in _SYSTEMS if token in ua), None)
    if browser and system:
        return f"{browser} op {system}"
    if browser:
        return browser
    if system:
        return f"onbekende browser op {system}"
    return "onbekende browser"
