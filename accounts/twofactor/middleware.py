"""``SecondFactorMiddleware``: no page without the second factor for those who need one.

For a signed-in user whose session has no ``SECOND_FACTOR_VERIFIED``:

- the user has a factor (TOTP device or passkey) → to the verify page;
- the user must have one (``policy.is_required``) and has none → to the enrolment page;
- otherwise the request passes, and the session remembers that for a few minutes
  (``policy.NOT_NEEDED_AT``), so that optional users cost no query per page.

GET and HEAD are redirected (with ``next``); other methods get 403. What is reachable without
the factor: the pages marked ``second_factor_exempt`` (verify, enrolment, the passkey
endpoints), public views (``login_not_required``: login, health, accessibility, calendar
feeds with their token) and logout. Everything else — deep links, CSV, PDF, the admin — is
behind it. Sessions with the flag set (the factor given here, or vouched for by the OpenID
Connect provider) cost nothing: the session is read anyway.
"""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse

from accounts.session_keys import SECOND_FACTOR_VERIFIED
from accounts.twofactor import policy

#: URL names that stay reachable without the second factor (logging out always is).
ALWAYS_ALLOWED = frozenset({"logout", "accounts:logout"})


def second_factor_exempt(view):
    """Mark a view as reachable before the second factor is given (the 2FA pages)."""
    view.second_factor_exempt = True
    return view


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # The view first: public and exempt views do not even touch the session.
        if getattr(view_func, "second_factor_exempt", False):
            return None
        if not getattr(view_func, "login_required", True):
            return None  # public views: nothing more to see for a signed-in user
        match = getattr(request, "resolver_match", None)
        if match is not None and match.view_name in ALWAYS_ALLOWED:
            return None
        session = getattr(request, "session", None)
        if session is None or session.get(SECOND_FACTOR_VERIFIED):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        checked = session.get(policy.NOT_NEEDED_AT)
        if isinstance(checked, int) and 0 <= time.time() - checked < policy.RECHECK_SECONDS:
            return None

        if policy.has_factor(user):
            target = "accounts:mfa_verify"
        elif policy.is_required(user):
            target = "accounts:mfa_totp_setup"
        else:
            session[policy.NOT_NEEDED_AT] = int(time.time())
            return None
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied("Geef eerst uw tweede factor.")
        return HttpResponseRedirect(
            f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}"
        )
