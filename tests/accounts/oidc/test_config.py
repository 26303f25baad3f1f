"""OIDC_* environment variables (accounts/oidc/config.py, read by zv_portal/settings.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from accounts.oidc.config import ROLE_KEYS, RoleMapping, parse_providers
from core.constants import Role

ROOT = Path(__file__).resolve().parents[3]

BASE = {
    "OIDC_PROVIDERS": "gemeente-a, regio-b",
    "OIDC_GEMEENTE_A_LABEL": "Gemeente A",
    "OIDC_GEMEENTE_A_DISCOVERY_URL": "https://login.gemeente-a.nl/.well-known/openid-configuration",
    "OIDC_GEMEENTE_A_CLIENT_ID": "zv",
    "OIDC_GEMEENTE_A_CLIENT_SECRET": "s",
    "OIDC_REGIO_B_LABEL": "Regio B",
    "OIDC_REGIO_B_ISSUER": "https://idp.regio-b.nl",
    "OIDC_REGIO_B_AUTHORIZATION_ENDPOINT": "https://idp.regio-b.nl/auth",
    "OIDC_REGIO_B_TOKEN_ENDPOINT": "https://idp.regio-b.nl/token",
    "OIDC_REGIO_B_JWKS_URI": "https://idp.regio-b.nl/jwks",
    "OIDC_REGIO_B_END_SESSION_ENDPOINT": "https://idp.regio-b.nl/logout",
    "OIDC_REGIO_B_CLIENT_ID": "zv-b",
    "OIDC_REGIO_B_CLIENT_SECRET": "t",
    "OIDC_REGIO_B_SCOPES": "openid email",
    "OIDC_REGIO_B_SUBJECT_CLAIM": "oid",
    "OIDC_REGIO_B_EMAIL_CLAIM": "upn",
    "OIDC_REGIO_B_NAME_CLAIMS": "given_name,family_name",
    "OIDC_REGIO_B_MFA_AMR": "mfa, otp,hwk",
    "OIDC_REGIO_B_MFA_ACR": "urn:rijksoverheid:loa:substantieel",
    "OIDC_REGIO_B_ROLE_CLAIM": "groups",
    "OIDC_REGIO_B_ROLE_MAP": (
        "zv-nog-secretaris=secretary@noord-oost-gelderland;zv-vng=vng_advisor;"
        "zv-nog-secretaris=participant@andere-regio"
    ),
}


def test_no_providers_by_default():
    assert parse_providers({}) == {}


def test_several_providers_in_order_with_defaults():
    providers = parse_providers(BASE)
    assert list(providers) == ["gemeente-a", "regio-b"]
    a, b = providers.values()
    assert (a.label, a.scopes, a.subject_claim, a.email_claim, a.name_claims) == (
        "Gemeente A",
        "openid email profile",
        "sub",
        "email",
        ("name",),
    )
    assert a.mfa_amr == frozenset() and a.role_map == {} and a.timeout == 5.0
    assert a.route == "oidc:gemeente-a"
    assert b.discovery_url == "" and b.token_endpoint == "https://idp.regio-b.nl/token"
    assert (b.subject_claim, b.email_claim, b.name_claims) == (
        "oid",
        "upn",
        ("given_name", "family_name"),
    )
    assert b.mfa_amr == {"mfa", "otp", "hwk"}
    assert b.mfa_acr == {"urn:rijksoverheid:loa:substantieel"}
    assert b.role_map == {
        "zv-nog-secretaris": (
            RoleMapping("secretary", "noord-oost-gelderland"),
            RoleMapping("participant", "andere-regio"),
        ),
        "zv-vng": (RoleMapping("vng_advisor", None),),
    }


def test_role_keys_agree_with_core():
    assert set(ROLE_KEYS) == {choice.value for choice in Role}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"OIDC_PROVIDERS": "Gemeente A"}, "not a valid provider key"),
        ({"OIDC_PROVIDERS": "gemeente-a,gemeente-a"}, "listed twice"),
        ({"OIDC_GEMEENTE_A_LABEL": ""}, "OIDC_GEMEENTE_A_LABEL is required"),
        ({"OIDC_GEMEENTE_A_CLIENT_SECRET": ""}, "OIDC_GEMEENTE_A_CLIENT_SECRET is required"),
        ({"OIDC_GEMEENTE_A_DISCOVERY_URL": "login.gemeente-a.nl"}, "must be an http"),
        ({"OIDC_REGIO_B_JWKS_URI": ""}, "OIDC_REGIO_B_JWKS_URI"),
        ({"OIDC_REGIO_B_SCOPES": "email profile"}, "must contain openid"),
        ({"OIDC_REGIO_B_ROLE_MAP": ""}, "go together"),
        ({"OIDC_REGIO_B_ROLE_MAP": "zv=admin@noord"}, "unknown role 'admin'"),
        ({"OIDC_REGIO_B_ROLE_MAP": "zv=secretary"}, "needs @region-slug"),
        ({"OIDC_REGIO_B_ROLE_MAP": "zv=vng_advisor@noord"}, "is national"),
        ({"OIDC_REGIO_B_ROLE_MAP": "zv-secretary"}, "must read claim-value=role@region-slug"),
        ({"OIDC_REGIO_B_TIMEOUT": "snel"}, "must be seconds"),
        ({"OIDC_REGIO_B_TIMEOUT": "0"}, "between 0 and 60"),
    ],
)
def test_invalid_configuration_is_refused(change, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        parse_providers({**BASE, **change})


def _settings(**environ) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OIDC_", "ZV_PASSWORD"))}
    env.update(environ)
    code = "import zv_portal.settings as s; print(sorted(s.OIDC_PROVIDERS), s.ZV_PASSWORD_LOGIN)"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_settings_read_the_providers_at_start_up():
    done = _settings(**BASE, ZV_PASSWORD_LOGIN="false")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['gemeente-a', 'regio-b'] False"


def test_bad_provider_stops_the_start():
    done = _settings(**{**BASE, "OIDC_GEMEENTE_A_CLIENT_ID": ""})
    assert done.returncode != 0
    assert "ImproperlyConfigured: OIDC_GEMEENTE_A_CLIENT_ID is required" in done.stderr


def test_password_login_off_without_provider_stops_the_start():
    done = _settings(ZV_PASSWORD_LOGIN="false")
    assert done.returncode != 0
    assert "nobody could sign in" in done.stderr


def test_logout_may_redirect_to_the_providers():
    code = (
        "import zv_portal.settings as s; "
        "print(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action'])"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("OIDC_")}
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, **BASE},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        "[\"'self'\", 'https://login.gemeente-a.nl', 'https://idp.regio-b.nl']"
    )
