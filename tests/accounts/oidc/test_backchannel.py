"""OpenID Connect Back-Channel Logout: the provider ends portal sessions."""

from __future__ import annotations

import re
import time
import uuid
from html import unescape

import pytest
import requests
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

from accounts.models import AuditEvent, OIDCSession
from accounts.oidc import client as oidc
from accounts.oidc.client import BACKCHANNEL_EVENT
from accounts.oidc.config import Provider
from tests.accounts.oidc.provider import provider_login
from tests.factories import UserFactory

URL = "/account/sso/test/backchannel-logout/"
ISSUER = "https://idp.test"


@pytest.fixture
def key():
    return RSAKey.generate_key(2048, parameters={"kid": "k1", "use": "sig", "alg": "RS256"})


@pytest.fixture
def provider(settings, key):
    provider = Provider(
        key="test",
        label="Gemeente Test",
        client_id="portaal",
        client_secret="geheim",
        issuer=ISSUER,
        authorization_endpoint=f"{ISSUER}/auth",
        token_endpoint=f"{ISSUER}/token",
        jwks_uri=f"{ISSUER}/jwks",
    )
    settings.OIDC_PROVIDERS = {"test": provider}
    # The provider's keys, as if fetched from its jwks_uri.
    oidc.authlib_client(provider).server_metadata["jwks"] = KeySet([key]).as_dict(private=False)
    return provider


def logout_token(key, **changes):
    claims = {
        "iss": ISSUER,
        "aud": "portaal",
        "iat": int(time.time()),
        "jti": uuid.uuid4().hex,
        "sub": "sub-1",
        "sid": "sid-1",
        "events": {BACKCHANNEL_EVENT: {}},
        **changes,
    }
    claims = {k: v for k, v in claims.items() if v is not None}
    return jwt.encode({"alg": "RS256", "kid": "k1", "typ": "logout+jwt"}, claims, key)


@pytest.fixture
def signed_in(db, client):
    """A portal session that came from the provider's session sid-1."""
    user = UserFactory()
    client.force_login(user)
    OIDCSession.objects.create(
        provider="test",
        sid="sid-1",
        subject="sub-1",
        session_key=client.session.session_key,
        user=user,
    )
    return user


def test_valid_logout_token_ends_the_session(client, provider, key, signed_in):
    other = UserFactory()
    from django.test import Client

    second = Client()
    second.force_login(other)
    OIDCSession.objects.create(
        provider="test",
        sid="sid-2",
        subject="sub-2",
        session_key=second.session.session_key,
        user=other,
    )
    response = Client().post(URL, {"logout_token": logout_token(key)})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert client.get("/").status_code == 302  # logged out
    assert second.get("/").status_code == 200  # another provider session is untouched
    assert not OIDCSession.objects.filter(sid="sid-1").exists()
    event = AuditEvent.objects.get(kind="session_ended")
    assert (event.user, event.detail) == (signed_in, "aanbieder")


def test_sub_only_ends_all_sessions_of_the_subject(client, provider, key, signed_in):
    response = client.post(URL, {"logout_token": logout_token(key, sid=None)})
    assert response.status_code == 200
    assert client.get("/").status_code == 302


@pytest.mark.parametrize(
    "changes",
    [
        {"iss": "https://elders.test"},
        {"aud": "andere-client"},
        {"iat": int(time.time()) - 3600},
        {"iat": None},
        {"events": None},
        {"events": {"http://example.com/other": {}}},
        {"nonce": "n"},
        {"sid": None, "sub": None},
    ],
)
def test_invalid_logout_tokens_are_refused(client, provider, key, signed_in, changes):
    response = client.post(URL, {"logout_token": logout_token(key, **changes)})
    assert response.status_code == 400
    assert client.get("/").status_code == 200  # still signed in


def test_wrong_signature_is_refused(client, provider, signed_in):
    stranger = RSAKey.generate_key(2048, parameters={"kid": "k1"})
    response = client.post(URL, {"logout_token": logout_token(stranger)})
    assert response.status_code == 400
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("body", [{}, {"logout_token": ""}, {"logout_token": "a.b.c"}])
def test_malformed_requests_are_400(client, provider, db, body):
    assert client.post(URL, body).status_code == 400


def test_get_is_not_allowed(client, provider, db):
    assert client.get(URL).status_code == 405


@pytest.mark.django_db(transaction=True)
def test_logout_at_the_provider_ends_the_portal_session(live_server, sso_live):
    """End to end: sign in through the real provider, log out at the provider (not in the
    portal); the provider calls the back-channel logout and the portal session is gone."""
    account = {"sub": f"sub-{uuid.uuid4().hex[:8]}", "email": "bc@gemeente-test.nl"}
    sso_live.set_account(account["sub"], account["email"], "Bea Claes")
    browser = requests.Session()
    start = browser.get(f"{live_server.url}/account/sso/test/", allow_redirects=False)
    callback = provider_login(browser, start.headers["Location"], account["sub"])
    home = browser.get(callback, timeout=10)
    assert home.status_code == 200 and home.url == f"{live_server.url}/"
    session = OIDCSession.objects.get(subject=account["sub"])
    assert session.sid  # the provider sends sid (backchannel_logout_session_required)

    # The user logs out at the provider (e.g. from another application).
    confirm = browser.get(f"{sso_live.url}/session/end", timeout=10)
    assert confirm.status_code == 200
    form = re.search(r'<form[^>]*action="([^"]+)"[^>]*>(.*?)</form>', confirm.text, re.S)
    fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form.group(2)))
    fields["logout"] = "yes"
    done = browser.post(unescape(form.group(1)), data=fields, timeout=10, allow_redirects=False)
    assert done.status_code in (200, 302, 303), done.text[:300]

    page = browser.get(f"{live_server.url}/", allow_redirects=False, timeout=10)
    assert page.status_code == 302 and "/account/login/" in page.headers["Location"]
    assert not OIDCSession.objects.filter(subject=account["sub"]).exists()
    assert AuditEvent.objects.filter(kind="session_ended", detail="aanbieder").exists()
