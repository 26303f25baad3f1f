"""Single sign-on pages: start, callback, back-channel logout, logout, and the beheerder's
list of link requests."""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, IntegrityError
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from accounts import audit
from accounts.backends import BACKEND
from accounts.models import OIDCLinkRequest, OIDCSession
from accounts.oidc import client as oidc
from accounts.oidc import services
from accounts.oidc.sessions import end_sessions
from accounts.session_keys import (
    LOGIN_ROUTE,
    OIDC_TOKENS,
    SECOND_FACTOR_METHOD,
    SECOND_FACTOR_VERIFIED,
)

log = logging.getLogger(__name__)

NEXT_KEY = "_zv_oidc_next"
BACKUP_KEYS = (NEXT_KEY,)


def unreachable_message(provider) -> str:
    return (
        f"De aanmeldvoorziening van {provider.label} is nu niet bereikbaar. Probeer het later "
        "opnieuw; u kunt zich ook met uw wachtwoord aanmelden."
    )


def failed_message(provider) -> str:
    return f"Aanmelden via {provider.label} is niet gelukt. Probeer het opnieuw vanaf deze pagina."


def _fail(request, provider, exc: oidc.ProviderError | None, reason: str, *, kind="login_failed"):
    """Back to the login page with a Dutch message; one audit line with a short reason."""
    audit.record(kind, request=request, username="", detail=f"{provider.label}: {reason}")
    if exc is not None and exc.unreachable:
        text = unreachable_message(provider)
    else:
        text = failed_message(provider)
    if exc is not None and exc.unreachable and not getattr(settings, "ZV_PASSWORD_LOGIN", True):
        text = (
            f"De aanmeldvoorziening van {provider.label} is nu niet bereikbaar. Probeer het "
            "later opnieuw."
        )
    messages.error(request, text)
    return redirect("login")


@login_not_required
@require_GET
@never_cache
def oidc_login(request, provider):
    provider = oidc.get_provider(provider)
    if request.user.is_authenticated:
        return redirect("home")
    next_url = request.GET.get("next", "")
    if next_url.startswith("/") and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        request.session[NEXT_KEY] = next_url
    else:
        request.session.pop(NEXT_KEY, None)
    redirect_uri = request.build_absolute_uri(
        reverse("accounts:oidc_callback", kwargs={"provider": provider.key})
    )
    try:
        return oidc.authorize_redirect(provider, request, redirect_uri)
    except oidc.ProviderError as exc:
        return _fail(request, provider, exc, exc.reason)


@login_not_required
@require_GET
@never_cache
def oidc_callback(request, provider):
    provider = oidc.get_provider(provider)
    if request.user.is_authenticated:
        return redirect("home")
    if request.GET.get("error"):
        # e.g. the user cancelled at the provider (access_denied)
        error = oidc._short(request.GET.get("error"))
        return _fail(request, provider, None, f"fout van de aanbieder ({error})")
    if not request.GET.get("code"):
        return _fail(request, provider, None, "code ontbreekt")
    try:
        token, claims = oidc.complete_login(provider, request)
    except oidc.ProviderError as exc:
        return _fail(request, provider, exc, exc.reason)
    try:
        outcome = services.resolve_account(provider, claims, request=request)
    except ValueError:
        return _fail(request, provider, None, "subject ontbreekt")
    except IntegrityError:
        return _fail(request, provider, None, "gelijktijdige aanmelding")
    if outcome.kind == "refused":
        audit.record(
            "login_refused",
            request=request,
            user=outcome.user,
            detail=f"{provider.label}: account gedeactiveerd",
        )
        messages.error(
            request,
            "Uw account in Z+V Portaal is gedeactiveerd. Neem contact op met de functioneel "
            "beheerder als u weer toegang nodig heeft.",
        )
        return redirect("login")
    if outcome.kind == "pending":
        return render(
            request,
            "accounts/oidc/link_pending.html",
            {"provider": provider},
        )
    user = outcome.user
    services.apply_role_map(provider, user, claims)
    next_url = request.session.get(NEXT_KEY)
    id_token_claims = dict(token.get("userinfo") or {})
    request.session[LOGIN_ROUTE] = provider.route
    if services.mfa_vouched(provider, id_token_claims):
        request.session[SECOND_FACTOR_VERIFIED] = True
        request.session[SECOND_FACTOR_METHOD] = "provider"
    request.session[OIDC_TOKENS] = {
        "provider": provider.key,
        "subject": str(id_token_claims.get("sub", "")),
        "id_token": token.get("id_token", ""),
        "refresh_token": token.get("refresh_token", ""),
        "expires_at": _expires_at(token, id_token_claims),
    }
    user.backend = BACKEND
    auth_login(request, user)
    request.session.pop(NEXT_KEY, None)
    request.session.save()
    try:
        OIDCSession.objects.update_or_create(
            session_key=request.session.session_key,
            defaults={
                "provider": provider.key,
                "sid": str(id_token_claims.get("sid", ""))[:255],
                "subject": str(id_token_claims.get("sub", ""))[:255],
                "user": user,
            },
        )
    except DatabaseError:
        log.exception("could not store the OIDC session mapping")
    if next_url:
        return HttpResponseRedirect(next_url)
    return redirect("home")


def _expires_at(token: dict, claims: dict) -> int:
    """When the session must be renewed: the access token's expiry, else the ID token's."""
    for value in (token.get("expires_at"), claims.get("exp")):
        if isinstance(value, int | float) and value > 0:
            return int(value)
    expires_in = token.get("expires_in")
    if isinstance(expires_in, int | float):
        return int(time.time() + expires_in)
    return int(time.time() + 3600)


@require_POST
def logout(request):
    """Log out here, then at the provider when the session came from one that supports it
    (RP-initiated logout, with id_token_hint); else to the login page."""
    tokens = request.session.get(OIDC_TOKENS) or {}
    session_key = request.session.session_key
    auth_logout(request)
    if session_key:
        OIDCSession.objects.filter(session_key=session_key).delete()
    login_url = request.build_absolute_uri(reverse("login"))
    provider = oidc.providers().get(tokens.get("provider", "")) if tokens else None
    if provider is not None:
        try:
            end_session = oidc.metadata(provider).get("end_session_endpoint")
        except oidc.ProviderError:
            end_session = None
        if end_session:
            from authlib.common.urls import add_params_to_uri

            params = [("post_logout_redirect_uri", login_url), ("client_id", provider.client_id)]
            if tokens.get("id_token"):
                params.insert(0, ("id_token_hint", tokens["id_token"]))
            return HttpResponseRedirect(add_params_to_uri(end_session, params))
    return redirect("login")


@csrf_exempt
@login_not_required
@require_POST
@never_cache
def backchannel_logout(request, provider):
    """OpenID Connect Back-Channel Logout: the provider ends the portal sessions of one of its
    sessions (sid) or of a subject (sub)."""
    provider = oidc.get_provider(provider)
    try:
        claims = oidc.validate_logout_token(provider, request.POST.get("logout_token", ""))
    except oidc.ProviderError as exc:
        # Not in the audit log: anyone can POST here, and no account is involved.
        log.warning("back-channel logout refused (%s): %s", provider.key, exc.reason)
        response = HttpResponseBadRequest(
            '{"error": "invalid_request"}', content_type="application/json"
        )
        response["Cache-Control"] = "no-store"
        return response
    rows = OIDCSession.objects.filter(provider=provider.key)
    if claims.get("sid"):
        rows = rows.filter(sid=claims["sid"])
        if claims.get("sub"):
            rows = rows.filter(subject=claims["sub"])
    else:
        rows = rows.filter(subject=claims["sub"])
    end_sessions(list(rows.select_related("user")), request=request)
    response = HttpResponse(status=200)
    response["Cache-Control"] = "no-store"
    return response


FILTERS = {"open": "Open verzoeken", "alle": "Alle verzoeken"}


@require_GET
def link_requests(request):
    if not request.user.has_perm("accounts.manage_accounts"):
        raise PermissionDenied
    current = request.GET.get("filter", "open")
    if current not in FILTERS:
        current = "open"
    rows = OIDCLinkRequest.objects.select_related("candidate", "decided_by")
    if current == "open":
        rows = rows.filter(decision=OIDCLinkRequest.Decision.OPEN)
    labels = {key: p.label for key, p in oidc.providers().items()}
    return render(
        request,
        "accounts/oidc/link_requests.html",
        {
            "rows": [(row, labels.get(row.provider, row.provider)) for row in rows[:500]],
            "filters": FILTERS,
            "current": current,
        },
    )


@require_POST
def link_decide(request, pk):
    if not request.user.has_perm("accounts.manage_accounts"):
        raise PermissionDenied
    link = get_object_or_404(OIDCLinkRequest, pk=pk)
    decision = request.POST.get("besluit")
    if decision not in ("koppelen", "afwijzen"):
        return HttpResponseBadRequest("Kies koppelen of afwijzen.")
    approve = decision == "koppelen"
    done = services.decide_link_request(link, approve=approve, by=request.user, request=request)
    who = link.name or link.email or link.subject
    if not done:
        messages.warning(request, f"Het verzoek van {who} was al afgehandeld.")
    elif approve:
        messages.success(
            request,
            f"{who} is gekoppeld aan account {link.candidate.get_username()}; de volgende "
            "aanmelding via de aanbieder komt in dat account.",
        )
    else:
        messages.success(request, f"Het verzoek van {who} is afgewezen.")
    return redirect("accounts:oidc_link_requests")
