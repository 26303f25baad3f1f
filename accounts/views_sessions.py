""" "Mijn sessies": where and when the user is signed in, ending one or all others."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts import selectors, services
from accounts.session_keys import route_label
from accounts.sessions import browser_label

PERMISSION = "accounts.manage_own_account"


def _check(request) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def sessions(request):
    _check(request)
    current = request.session.session_key
    rows = [
        {
            "pk": s.pk,
            "current": s.session_key == current,
            "ip_address": s.ip_address,
            "browser": browser_label(s.user_agent),
            "route": route_label(s.route),
            "created": s.created,
            "last_seen": s.last_seen,
        }
        for s in selectors.live_sessions_of(request.user)
    ]
    rows.sort(key=lambda r: not r["current"])  # this session first
    return render(
        request,
        "accounts/sessions.html",
        {"sessions": rows, "others": sum(1 for r in rows if not r["current"])},
    )


@require_POST
def sessions_end_others(request):
    _check(request)
    count = services.end_other_sessions(request)
    if count:
        messages.success(request, f"U bent op {count} andere plek(ken) uitgelogd.")
    else:
        messages.info(request, "U was nergens anders ingelogd.")
    return redirect("accounts:sessions")


@require_POST
def session_end(request, pk: int):
    _check(request)
    own = request.user.portal_sessions.exclude(session_key=request.session.session_key)
    user_session = get_object_or_404(own, pk=pk)
    services.end_session(request, user_session)
    messages.success(request, "De sessie is beëindigd.")
    return redirect("accounts:sessions")
