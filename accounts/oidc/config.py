"""OpenID Connect providers from the environment (no Django needed: settings.py calls it).

    OIDC_PROVIDERS=gemeente-a,regio-b
    OIDC_GEMEENTE_A_LABEL=Gemeente A
    OIDC_GEMEENTE_A_DISCOVERY_URL=https://login.gemeente-a.nl/.well-known/openid-configuration
    OIDC_GEMEENTE_A_CLIENT_ID=...
    OIDC_GEMEENTE_A_CLIENT_SECRET=...

A provider key is lower case letters, digits and hyphens; its variables use the key in upper
case with hyphens as underscores. docs/sso.md lists every variable. Anything wrong stops the
start with ImproperlyConfigured naming the variable.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

KEY_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$")
SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]+$")
ENDPOINTS = (
    "authorization_endpoint",
    "token_endpoint",
    "jwks_uri",
    "userinfo_endpoint",
    "end_session_endpoint",
)
# The roles a claim may map to (core.constants.Role; repeated here so settings.py needs no app
# import; tests/accounts/oidc/test_config.py checks that they agree).
ROLE_KEYS = ("secretary", "bestuurder", "participant", "vng_advisor")
NATIONAL_ROLE_KEYS = ("vng_advisor",)


@dataclass(frozen=True)
class RoleMapping:
    role: str
    #: Region slug; None for the national role.
    region: str | None


@dataclass(frozen=True)
class Provider:
    key: str
    label: str
    client_id: str
    client_secret: str
    discovery_url: str = ""
    issuer: str = ""
    authorization_endpoint: str = ""
    token_endpoint: str = ""
    jwks_uri: str = ""
    userinfo_endpoint: str = ""
    end_session_endpoint: str = ""
    scopes: str = "openid email profile"
    subject_claim: str = "sub"
    email_claim: str = "email"
    name_claims: tuple[str, ...] = ("name",)
    mfa_amr: frozenset[str] = frozenset()
    mfa_acr: frozenset[str] = frozenset()
    role_claim: str = ""
    role_map: dict[str, tuple[RoleMapping, ...]] = field(default_factory=dict)
    timeout: float = 5.0

    @property
    def route(self) -> str:
        return f"oidc:{self.key}"


def env_prefix(key: str) -> str:
    return "OIDC_" + key.upper().replace("-", "_") + "_"


def _split(raw: str, sep: str = ",") -> list[str]:
    return [part.strip() for part in raw.split(sep) if part.strip()]


def _url(name: str, value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ImproperlyConfigured(f"{name} must be an http(s) URL, got {value!r}")
    return value


def parse_role_map(name: str, raw: str) -> dict[str, tuple[RoleMapping, ...]]:
    """``value=role@region-slug;value2=vng_advisor`` (``;`` or newline between entries; a
    value may appear more than once to give several roles)."""
    mapping: dict[str, list[RoleMapping]] = {}
    for entry in _split(raw.replace("\n", ";"), ";"):
        value, sep, target = entry.partition("=")
        value, target = value.strip(), target.strip()
        if not sep or not value or not target:
            raise ImproperlyConfigured(
                f"{name}: entry {entry!r} must read claim-value=role@region-slug"
            )
        role, at, region = target.partition("@")
        role, region = role.strip(), region.strip()
        if role not in ROLE_KEYS:
            raise ImproperlyConfigured(
                f"{name}: unknown role {role!r} in {entry!r} (one of {', '.join(ROLE_KEYS)})"
            )
        if role in NATIONAL_ROLE_KEYS:
            if at:
                raise ImproperlyConfigured(f"{name}: {role} is national, no @region in {entry!r}")
            mapping.setdefault(value, []).append(RoleMapping(role, None))
            continue
        if not at or not SLUG_RE.match(region):
            raise ImproperlyConfigured(f"{name}: {entry!r} needs @region-slug for role {role}")
        mapping.setdefault(value, []).append(RoleMapping(role, region))
    return {value: tuple(targets) for value, targets in mapping.items()}


def parse_providers(environ: Mapping[str, str]) -> dict[str, Provider]:
    """All providers of ``OIDC_PROVIDERS``, in that order (the login page's button order)."""
    keys = _split(environ.get("OIDC_PROVIDERS", ""))
    providers: dict[str, Provider] = {}
    for key in keys:
        if not KEY_RE.match(key):
            raise ImproperlyConfigured(
                f"OIDC_PROVIDERS: {key!r} is not a valid provider key (lower case letters, "
                "digits and hyphens)"
            )
        if key in providers:
            raise ImproperlyConfigured(f"OIDC_PROVIDERS: {key!r} is listed twice")
        providers[key] = _provider(key, environ)
    return providers


def _provider(key: str, environ: Mapping[str, str]) -> Provider:
    prefix = env_prefix(key)

    def get(name: str, default: str = "") -> str:
        return (environ.get(prefix + name) or default).strip()

    def required(name: str) -> str:
        value = get(name)
        if not value:
            raise ImproperlyConfigured(f"{prefix}{name} is required for provider {key!r}")
        return value

    kwargs: dict = {
        "key": key,
        "label": required("LABEL"),
        "client_id": required("CLIENT_ID"),
        "client_secret": required("CLIENT_SECRET"),
    }
    discovery = get("DISCOVERY_URL")
    if discovery:
        kwargs["discovery_url"] = _url(prefix + "DISCOVERY_URL", discovery)
    for endpoint in (*ENDPOINTS, "issuer"):
        value = get(endpoint.upper())
        if value:
            kwargs[endpoint] = _url(prefix + endpoint.upper(), value)
    if not discovery:
        missing = [
            prefix + name.upper()
            for name in ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")
            if name not in kwargs
        ]
        if missing:
            raise ImproperlyConfigured(
                f"provider {key!r}: set {prefix}DISCOVERY_URL, or all of {', '.join(missing)}"
            )
    scopes = _split(get("SCOPES", "openid email profile"), " ")
    if "openid" not in scopes:
        raise ImproperlyConfigured(f"{prefix}SCOPES must contain openid, got {' '.join(scopes)!r}")
    kwargs["scopes"] = " ".join(scopes)
    kwargs["subject_claim"] = get("SUBJECT_CLAIM", "sub")
    kwargs["email_claim"] = get("EMAIL_CLAIM", "email")
    kwargs["name_claims"] = tuple(_split(get("NAME_CLAIMS", "name")))
    kwargs["mfa_amr"] = frozenset(_split(get("MFA_AMR")))
    kwargs["mfa_acr"] = frozenset(_split(get("MFA_ACR")))
    role_claim, role_map = get("ROLE_CLAIM"), get("ROLE_MAP")
    if bool(role_claim) != bool(role_map):
        raise ImproperlyConfigured(f"{prefix}ROLE_CLAIM and {prefix}ROLE_MAP go together")
    if role_claim:
        kwargs["role_claim"] = role_claim
        kwargs["role_map"] = parse_role_map(prefix + "ROLE_MAP", role_map)
    timeout = get("TIMEOUT", "5")
    try:
        kwargs["timeout"] = float(timeout)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{prefix}TIMEOUT must be seconds, got {timeout!r}") from exc
    if not 0 < kwargs["timeout"] <= 60:
        raise ImproperlyConfigured(f"{prefix}TIMEOUT must be between 0 and 60 seconds")
    return Provider(**kwargs)


def form_action_origins(providers: Mapping[str, Provider]) -> list[str]:
    """Origins the logout form may be redirected to (RP-initiated logout at the provider).
    Browsers apply the page's CSP form-action to the redirects after a form POST, so the
    provider's end-session origin must be listed there (settings.py adds these)."""
    origins: list[str] = []
    for provider in providers.values():
        for url in (provider.end_session_endpoint, provider.discovery_url, provider.issuer):
            if url:
                parts = urlsplit(url)
                origin = f"{parts.scheme}://{parts.netloc}"
                if origin not in origins:
                    origins.append(origin)
    return origins
