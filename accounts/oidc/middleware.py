"""Keep a session signed in through a provider only as long as the provider renews it, and
refuse password logins when they are switched off."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from accounts import audit
from accounts.models import OIDCSession
from accounts.oidc import client as oidc
from accounts.session_keys import OIDC_TOKENS


class OIDCSessionRefreshMiddleware:
    """After the token expiry of an OIDC session, renew it with the refresh token; when that is
    refused or the provider cannot be reached, log the user out (audit ``session_ended``,
    detail "aanbieder") with a Dutch message on the login page.

    Sessions signed in otherwise cost nothing extra: the session is read (as the
    authentication middleware reads it anyway) and no database query is made. Must come after
    AuthenticationMiddleware and MessageMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not getattr(settings, "ZV_PASSWORD_LOGIN", True) and request.method == "POST":
            if request.path_info == reverse("login"):
                return self._password_login_off(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            tokens = request.session.get(OIDC_TOKENS)
            if tokens and _expired(tokens):
                response = self._renew(request, tokens)
                if response is not None:
                    return response
        return self.get_response(request)

    def _password_login_off(self, request):
        audit.record(
            "login_refused",
            request=request,
            username=str(request.POST.get("username", ""))[:150],
            detail="aanmelden met wachtwoord is uitgeschakeld",
        )
        messages.error(
            request,
            "Aanmelden met een wachtwoord is in dit portaal uitgeschakeld. Meld u aan via de "
            "aanmeldvoorziening van uw organisatie.",
        )
        return redirect("login")

    def _renew(self, request, tokens: dict):
        provider = oidc.providers().get(tokens.get("provider", ""))
        reason = "geen vernieuwingstoken"
        if provider is not None and tokens.get("refresh_token"):
            try:
                token = oidc.refresh(provider, tokens["refresh_token"], tokens.get("subject", ""))
            except oidc.ProviderError as exc:
                reason = exc.reason
            else:
                claims = token.get("id_token_claims") or {}
                expires = token.get("expires_in")
                renewed = {
                    **tokens,
                    "id_token": token.get("id_token") or tokens.get("id_token", ""),
                    "refresh_token": token.get("refresh_token") or tokens["refresh_token"],
                    "expires_at": int(
                        time.time() + expires
                        if isinstance(expires, int | float)
                        else claims.get("exp") or time.time() + 300
                    ),
                }
                request.session[OIDC_TOKENS] = renewed
                return None
        elif provider is None:
            reason = "aanbieder niet meer ingesteld"
        user = request.user if request.user.is_authenticated else None
        session_key = request.session.session_key
        label = provider.label if provider is not None else tokens.get("provider", "")
        audit.record("session_ended", request=request, user=user, detail=f"aanbieder: {reason}")
        logout(request)
        if session_key:
            OIDCSession.objects.filter(session_key=session_key).delete()
        messages.warning(
            request,
            f"Uw sessie is beëindigd omdat de aanmelding bij {label} is verlopen of niet kon "
            "worden vernieuwd. Meld u opnieuw aan.",
        )
        if request.method == "GET" and not request.path_info.startswith("/account/"):
            return redirect(f"{reverse('login')}?{urlencode({'next': request.get_full_path()})}")
        return redirect("login")


def _expired(tokens: dict) -> bool:
    expires_at = tokens.get("expires_at")
    return not isinstance(expires_at, int | float) or expires_at <= time.time()
