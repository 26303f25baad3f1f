"""Request middleware of the portal."""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.db import DataError

from core.errors import bad_request

logger = logging.getLogger("django.request")

#: Session key holding when the session's expiry was last moved (seconds since the epoch).
REFRESHED_KEY = "_zv_refreshed"


def mark_refreshed_at_login(sender, request, user, **kwargs) -> None:
    """Logging in saves the session with a fresh expiry: count that as the first refresh."""
    session = getattr(request, "session", None)
    if session is not None:
        session[REFRESHED_KEY] = int(time.time())


class SessionIdleRefreshMiddleware:
    """Log out after inactivity without writing the session on every request.

    The session expires ``SESSION_COOKIE_AGE`` seconds after it was last saved. Saving it on
    every request (``SESSION_SAVE_EVERY_REQUEST``) costs a database write per page view, which
    on SQLite also takes the write lock. Instead, a request that used the session marks it
    changed when it was last refreshed at least ``SESSION_REFRESH_SECONDS`` ago; Django's
    SessionMiddleware (listed before this one) then saves it with a new expiry. A session is
    thus closed after between ``SESSION_COOKIE_AGE - SESSION_REFRESH_SECONDS`` and
    ``SESSION_COOKIE_AGE`` seconds of inactivity.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.accessed and not session.is_empty():
            now = int(time.time())
            if now - session.get(REFRESHED_KEY, 0) >= settings.SESSION_REFRESH_SECONDS:
                session[REFRESHED_KEY] = now
        return response


class MalformedValueMiddleware:
    """A value the database cannot hold answers with a Dutch 400, not a server error.

    The backstop behind form validation (which should refuse such values where they enter;
    docs/architecture.md, "Malformed input"): a number beyond 64 bits reaching SQLite
    (``OverflowError``) or a value PostgreSQL refuses (``DataError``: out of range, a NUL
    character in text). The request's own ``transaction.atomic`` blocks have rolled back by
    then, so nothing is changed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OverflowError, DataError)):
            logger.warning(
                "Malformed value refused: %s %s (%s)",
                request.method,
                request.path,
                type(exception).__name__,
            )
            return bad_request(request, exception)
        return None
