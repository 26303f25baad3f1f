"""The OpenID Connect client side, through Authlib: one Authlib client per provider.

Authlib does the protocol: the authorization URL with state, nonce and PKCE (S256), the code
exchange, and the ID token check (signature against the provider's JWKS, issuer, audience,
expiry, nonce). This module adds what the portal needs around it: providers from settings, a
timeout on every call to the provider, user info merged into the ID token's claims, the
refresh grant, and the back-channel logout token check.
"""

from __future__ import annotations

import threading
import time

import requests
from authlib.integrations.django_client import OAuth
from django.conf import settings
from django.http import Http404
from joserfc import jwt
from joserfc.errors import InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet
from joserfc.jws import JWSRegistry

from accounts.oidc.config import Provider

BACKCHANNEL_EVENT = "http://schemas.openid.net/event/backchannel-logout"
#: A logout token older than this (seconds, by its iat) is refused.
LOGOUT_TOKEN_MAX_AGE = 300
LEEWAY = 60


class ProviderError(Exception):
    """Anything that went wrong talking to the provider or checking what it sent. ``reason``
    is a short Dutch phrase for the audit log (never a token or claim)."""

    def __init__(self, reason: str, *, unreachable: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.unreachable = unreachable


def providers() -> dict[str, Provider]:
    return getattr(settings, "OIDC_PROVIDERS", {}) or {}


def get_provider(key: str) -> Provider:
    provider = providers().get(key)
    if provider is None:
        raise Http404("Onbekende aanmeldvoorziening.")
    return provider


_clients: dict[str, tuple[Provider, object]] = {}
_lock = threading.Lock()


def authlib_client(provider: Provider):
    """The Authlib client of a provider (kept per process; metadata and keys load once)."""
    with _lock:
        cached = _clients.get(provider.key)
        if cached is not None and cached[0] is provider:
            return cached[1]
        kwargs = {
            "name": provider.key,
            "client_id": provider.client_id,
            "client_secret": provider.client_secret,
            "client_kwargs": {
                "scope": provider.scopes,
                "code_challenge_method": "S256",
                "default_timeout": provider.timeout,
            },
        }
        if provider.discovery_url:
            kwargs["server_metadata_url"] = provider.discovery_url
        for name in ("issuer", *_ENDPOINTS):
            value = getattr(provider, name)
            if value:
                kwargs[name] = value
        client = OAuth().register(**kwargs)
        _clients[provider.key] = (provider, client)
        return client


_ENDPOINTS = (
    "authorization_endpoint",
    "token_endpoint",
    "jwks_uri",
    "userinfo_endpoint",
    "end_session_endpoint",
)


def metadata(provider: Provider) -> dict:
    try:
        return authlib_client(provider).load_server_metadata()
    except requests.RequestException as exc:
        raise ProviderError("aanbieder niet bereikbaar", unreachable=True) from exc
    except ValueError as exc:
        raise ProviderError("ongeldige configuratie van de aanbieder") from exc


def authorize_redirect(provider: Provider, request, redirect_uri: str):
    metadata(provider)
    return authlib_client(provider).authorize_redirect(request, redirect_uri)


def complete_login(provider: Provider, request) -> tuple[dict, dict]:
    """Exchange the code of the callback: (token response, claims). The claims are the
    checked ID token's, completed by the userinfo endpoint (same subject only)."""
    from authlib.integrations.base_client.errors import MismatchingStateError, OAuthError

    client = authlib_client(provider)
    if "code" in request.GET and not request.GET.get("state"):
        raise ProviderError("state ontbreekt")
    try:
        token = client.authorize_access_token(request, leeway=LEEWAY)
    except MismatchingStateError as exc:
        raise ProviderError("state onjuist of verlopen") from exc
    except OAuthError as exc:
        raise ProviderError(f"fout van de aanbieder ({_short(exc.error)})") from exc
    except requests.RequestException as exc:
        raise ProviderError("aanbieder niet bereikbaar", unreachable=True) from exc
    except JoseError as exc:
        raise ProviderError(f"ID-token ongeldig ({_short(exc.error)})") from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise ProviderError("onverwacht antwoord van de aanbieder") from exc
    if "userinfo" not in token:
        raise ProviderError("geen ID-token ontvangen")
    claims = dict(token["userinfo"])
    if metadata(provider).get("userinfo_endpoint") and token.get("access_token"):
        try:
            info = dict(client.userinfo(token=token))
        except requests.RequestException as exc:
            raise ProviderError("aanbieder niet bereikbaar", unreachable=True) from exc
        except ValueError as exc:
            raise ProviderError("onverwacht antwoord van de aanbieder") from exc
        if info.get("sub") != claims.get("sub"):
            raise ProviderError("userinfo van een ander subject")
        # The ID token's own claims (iss, aud, amr, acr, sid, ...) are never overridden.
        claims = {**info, **claims}
    return token, claims


def refresh(provider: Provider, refresh_token: str, subject: str) -> dict:
    """The refresh grant; checks the new ID token when the provider sends one."""
    meta = metadata(provider)
    try:
        response = requests.post(
            meta["token_endpoint"],
            data={"grant_type": "refresh_token", "refresh_token": refresh_token},
            auth=(provider.client_id, provider.client_secret),
            headers={"Accept": "application/json"},
            timeout=provider.timeout,
        )
    except requests.RequestException as exc:
        raise ProviderError("aanbieder niet bereikbaar", unreachable=True) from exc
    if response.status_code != 200:
        raise ProviderError(f"vernieuwen geweigerd (HTTP {response.status_code})")
    try:
        token = response.json()
    except ValueError as exc:
        raise ProviderError("onverwacht antwoord van de aanbieder") from exc
    if not isinstance(token, dict) or "access_token" not in token:
        raise ProviderError("onverwacht antwoord van de aanbieder")
    if token.get("id_token"):
        try:
            claims = authlib_client(provider).parse_id_token(token, nonce=None, leeway=LEEWAY)
        except requests.RequestException as exc:
            raise ProviderError("aanbieder niet bereikbaar", unreachable=True) from exc
        except (JoseError, ValueError) as exc:
            raise ProviderError("vernieuwd ID-token ongeldig") from exc
        if claims.get("sub") != subject:
            raise ProviderError("vernieuwd ID-token van een ander subject")
        token["id_token_claims"] = dict(claims)
    return token


def _key_set(provider: Provider, force: bool = False) -> KeySet:
    client = authlib_client(provider)
    try:
        return KeySet.import_key_set(client.fetch_jwk_set(force=force))
    except requests.RequestException as exc:
        raise ProviderError("aanbieder niet bereikbaar", unreachable=True) from exc
    except (ValueError, JoseError) as exc:
        raise ProviderError("sleutels van de aanbieder ongeldig") from exc


def validate_logout_token(provider: Provider, raw: str) -> dict:
    """The claims of a back-channel logout token (OpenID Connect Back-Channel Logout 1.0,
    section 2.6), or ProviderError."""
    if not raw or len(raw) > 16384:
        raise ProviderError("logout_token ontbreekt")
    meta = metadata(provider)
    registry = JWSRegistry(
        algorithms=meta.get("id_token_signing_alg_values_supported"), strict_check_header=False
    )
    try:
        try:
            decoded = jwt.decode(raw, _key_set(provider), registry=registry)
        except InvalidKeyIdError:
            decoded = jwt.decode(raw, _key_set(provider, force=True), registry=registry)
    except (JoseError, ValueError) as exc:
        raise ProviderError("logout_token ongeldig (handtekening)") from exc
    claims = decoded.claims
    issuer = meta.get("issuer") or provider.issuer
    if not issuer or claims.get("iss") != issuer:
        raise ProviderError("logout_token ongeldig (iss)")
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if provider.client_id not in audiences:
        raise ProviderError("logout_token ongeldig (aud)")
    now = time.time()
    iat = claims.get("iat")
    if not isinstance(iat, int | float) or not now - LOGOUT_TOKEN_MAX_AGE <= iat <= now + LEEWAY:
        raise ProviderError("logout_token ongeldig (iat)")
    exp = claims.get("exp")
    if exp is not None and (not isinstance(exp, int | float) or exp < now - LEEWAY):
        raise ProviderError("logout_token verlopen")
    events = claims.get("events")
    if not isinstance(events, dict) or not isinstance(events.get(BACKCHANNEL_EVENT), dict):
        raise ProviderError("logout_token ongeldig (events)")
    if "nonce" in claims:
        raise ProviderError("logout_token ongeldig (nonce)")
    sid, sub = claims.get("sid"), claims.get("sub")
    if not (isinstance(sid, str) and sid) and not (isinstance(sub, str) and sub):
        raise ProviderError("logout_token ongeldig (geen sid of sub)")
    return claims


def _short(value) -> str:
    text = str(value or "onbekend")
    return "".join(ch for ch in text if ch.isalnum() or ch in "_-")[:40] or "onbekend"
