"""Sign-in through a real OpenID Connect provider (tests/oidc_provider, node + panva's
oidc-provider): Django's test client on our side, ``requests`` for the provider's pages."""

from __future__ import annotations

import time
import uuid

import pytest
import requests
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.messages import get_messages

from accounts.models import AuditEvent, OIDCIdentity, OIDCLinkRequest, OIDCSession
from accounts.session_keys import (
    LOGIN_ROUTE,
    OIDC_TOKENS,
    SECOND_FACTOR_METHOD,
    SECOND_FACTOR_VERIFIED,
)
from core.models import RoleAssignment
from tests.accounts.oidc.conftest import TESTSERVER, provider_settings
from tests.accounts.oidc.provider import provider_login
from tests.factories import RegionFactory, UserFactory

pytestmark = pytest.mark.django_db
CALLBACK = f"{TESTSERVER}/account/sso/test/terug/"
User = get_user_model()


def new_account(op, **extra) -> dict:
    """A fresh account at the provider (the provider lives for the whole test session)."""
    tag = uuid.uuid4().hex[:8]
    account = {
        "sub": f"sub-{tag}",
        "email": f"p.jansen.{tag}@gemeente-test.nl",
        "name": "Pieter Jansen",
        **extra,
    }
    op.set_account(**account)
    return account


def start(client) -> str:
    response = client.get("/account/sso/test/")
    assert response.status_code == 302
    return response["Location"]


def sign_in(client, username: str, *, mfa: bool = False):
    """The whole round trip; returns (callback response, callback URL, provider browser)."""
    browser = requests.Session()
    callback = provider_login(browser, start(client), username, mfa=mfa)
    assert callback.startswith(CALLBACK), callback
    return client.get(callback.removeprefix(TESTSERVER)), callback, browser


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_authorization_request_uses_pkce_state_and_nonce(client, sso):
    location = start(client)
    assert location.startswith(sso.url + "/auth?")
    for param in ("code_challenge_method=S256", "code_challenge=", "state=", "nonce=", "scope="):
        assert param in location
    assert "redirect_uri=http%3A%2F%2Ftestserver%2Faccount%2Fsso%2Ftest%2Fterug%2F" in location


def test_first_login_creates_account_without_roles_then_same_account(client, sso):
    account = new_account(sso)
    response, _, _ = sign_in(client, account["sub"])
    assert response.status_code == 302 and response["Location"] == "/"
    user = User.objects.get(oidc_identities__subject=account["sub"])
    assert user.email == account["email"]
    assert (user.first_name, user.last_name) == ("Pieter", "Jansen")
    assert not user.has_usable_password()
    assert not RoleAssignment.objects.filter(user=user).exists()
    assert client.session[SESSION_KEY] == str(user.pk)
    assert client.session[LOGIN_ROUTE] == "oidc:test"
    assert SECOND_FACTOR_VERIFIED not in client.session
    tokens = client.session[OIDC_TOKENS]
    assert tokens["provider"] == "test" and tokens["id_token"] and tokens["refresh_token"]
    assert AuditEvent.objects.filter(kind="account_created", user=user).exists()
    assert AuditEvent.objects.filter(kind="login_oidc", user=user, detail="test").exists()
    assert OIDCSession.objects.filter(session_key=client.session.session_key, user=user).exists()
    # Home explains the missing role.
    home = client.get("/")
    assert "Uw account heeft nog geen rol; de functioneel beheerder kent die toe" in (
        home.content.decode()
    )

    client.logout()
    sign_in(client, account["sub"])
    assert User.objects.filter(email=account["email"]).count() == 1
    assert client.session[SESSION_KEY] == str(user.pk)


def test_email_change_at_provider_keeps_the_account(client, sso):
    account = new_account(sso)
    sign_in(client, account["sub"])
    user = User.objects.get(email=account["email"])
    client.logout()
    sso.set_account(account["sub"], "nieuw.adres@gemeente-test.nl", "Pieter Jansen-de Boer")
    sign_in(client, account["sub"])
    assert client.session[SESSION_KEY] == str(user.pk)
    user.refresh_from_db()
    assert user.email == "nieuw.adres@gemeente-test.nl"
    assert user.last_name == "Jansen-de Boer"
    assert User.objects.count() == 1


def test_username_is_unique(client, sso):
    UserFactory(username="p.jansen")
    account = new_account(sso, email="p.jansen@elders.nl", sub=f"sub-{uuid.uuid4().hex}")
    UserFactory(username="p.jansen-2", email="")
    sign_in(client, account["sub"])
    user = User.objects.get(oidc_identities__subject=account["sub"])
    assert user.username == "p.jansen-3"


def test_existing_email_needs_approval_by_the_beheerder(client, sso):
    account = new_account(sso)
    existing = UserFactory(username="pjansen", email=account["email"].upper())
    response, _, _ = sign_in(client, account["sub"])
    assert response.status_code == 200
    assert "uw aanmelding wacht op goedkeuring door de functioneel beheerder" in (
        response.content.decode().lower()
    )
    assert SESSION_KEY not in client.session
    link = OIDCLinkRequest.objects.get(subject=account["sub"])
    assert (link.candidate, link.decision, link.email) == (existing, "open", account["email"])
    assert not OIDCIdentity.objects.filter(subject=account["sub"]).exists()
    # A second try makes no second request.
    sign_in(client, account["sub"])
    assert OIDCLinkRequest.objects.filter(subject=account["sub"]).count() == 1

    beheerder = UserFactory(username="beheerder", is_staff=True)
    client.force_login(beheerder)
    page = client.get("/account/beheer/koppelingen/")
    assert page.status_code == 200
    assert account["email"] in page.content.decode() and "Gemeente Test" in page.content.decode()
    response = client.post(f"/account/beheer/koppelingen/{link.pk}/", {"besluit": "koppelen"})
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.decision == "approved" and link.decided_by == beheerder
    assert AuditEvent.objects.filter(kind="account_linked", user=beheerder).exists()
    assert client.get("/account/beheer/koppelingen/").content.decode().count(account["email"]) == 0

    client.logout()
    sign_in(client, account["sub"])
    assert client.session[SESSION_KEY] == str(existing.pk)
    assert User.objects.filter(email__iexact=account["email"]).count() == 1


def test_unverified_email_does_not_match_an_account(client, sso):
    account = new_account(sso, email_verified=False)
    UserFactory(username="bestaand", email=account["email"])
    sign_in(client, account["sub"])
    assert not OIDCLinkRequest.objects.exists()
    user = User.objects.get(oidc_identities__subject=account["sub"])
    assert user.email == ""


def test_wrong_state_is_refused(client, sso):
    account = new_account(sso)
    browser = requests.Session()
    callback = provider_login(browser, start(client), account["sub"])
    tampered = callback.replace("state=", "state=x")
    response = client.get(tampered.removeprefix(TESTSERVER))
    assert response.status_code == 302 and response["Location"] == "/account/login/"
    assert SESSION_KEY not in client.session
    assert "Aanmelden via Gemeente Test is niet gelukt" in " ".join(messages_of(response))
    event = AuditEvent.objects.get(kind="login_failed")
    assert "state" in event.detail
    assert "code" not in event.detail.lower() or "state" in event.detail
    page = client.get("/account/login/")
    assert 'role="alert"' in page.content.decode()


def test_missing_state_is_refused(client, sso):
    account = new_account(sso)
    callback = provider_login(requests.Session(), start(client), account["sub"])
    without = callback.split("?")[0] + "?code=" + callback.split("code=")[1].split("&")[0]
    response = client.get(without.removeprefix(TESTSERVER))
    assert response["Location"] == "/account/login/"
    assert AuditEvent.objects.filter(kind="login_failed", detail__contains="state").exists()


def test_replayed_code_is_refused(client, sso):
    account = new_account(sso)
    browser = requests.Session()
    first = client.get("/account/sso/test/")["Location"]
    # A second flow started in the same browser: its state is valid, the code is replayed.
    callback = provider_login(browser, first, account["sub"])
    client.get(callback.removeprefix(TESTSERVER))
    assert SESSION_KEY in client.session
    client.logout()
    second = client.get("/account/sso/test/")["Location"]
    state = second.split("state=")[1].split("&")[0]
    code = callback.split("code=")[1].split("&")[0]
    replay = f"/account/sso/test/terug/?code={code}&state={state}"
    response = client.get(replay)
    assert response["Location"] == "/account/login/"
    assert SESSION_KEY not in client.session
    event = AuditEvent.objects.filter(kind="login_failed").latest("at")
    assert "invalid_grant" in event.detail
    assert code not in event.detail


def test_provider_error_response_is_refused(client, sso):
    start(client)
    response = client.get("/account/sso/test/terug/?error=access_denied&state=abc")
    assert response["Location"] == "/account/login/"
    assert AuditEvent.objects.filter(kind="login_failed", detail__contains="access_denied").exists()


def test_malformed_callbacks_never_500(client, sso):
    for query in ("", "?code=", "?state=x", "?code=x&state=", "?code=%00&state=%ff"):
        response = client.get(f"/account/sso/test/terug/{query}")
        assert response.status_code == 302, query


def test_unknown_provider_is_404(client, sso):
    assert client.get("/account/sso/onbekend/").status_code == 404
    assert client.get("/account/sso/onbekend/terug/?code=x&state=y").status_code == 404


def test_provider_down_shows_dutch_message_and_password_login_still_works(client, settings):
    from tests.accounts.oidc.provider import free_port

    closed = f"http://127.0.0.1:{free_port()}"
    settings.OIDC_PROVIDERS = {
        "test": provider_settings(None, discovery_url=closed + "/.well-known/x", timeout=2)
    }
    response = client.get("/account/sso/test/")
    assert response.status_code == 302 and response["Location"] == "/account/login/"
    page = client.get("/account/login/")
    text = page.content.decode()
    assert "De aanmeldvoorziening van Gemeente Test is nu niet bereikbaar" in text
    assert "u kunt zich ook met uw wachtwoord aanmelden" in text
    assert AuditEvent.objects.filter(kind="login_failed", detail__contains="niet bereikbaar")
    UserFactory(username="wachtwoordgebruiker")
    response = client.post(
        "/account/login/", {"username": "wachtwoordgebruiker", "password": "geheim-wachtwoord-123"}
    )
    assert response.status_code == 302 and SESSION_KEY in client.session


def test_inactive_account_is_refused(client, sso):
    account = new_account(sso)
    sign_in(client, account["sub"])
    user = User.objects.get(oidc_identities__subject=account["sub"])
    client.logout()
    user.is_active = False
    user.save()
    response, _, _ = sign_in(client, account["sub"])
    assert response["Location"] == "/account/login/"
    assert SESSION_KEY not in client.session
    assert "gedeactiveerd" in " ".join(messages_of(response))
    assert AuditEvent.objects.filter(kind="login_refused", user=user).exists()


def test_amr_mfa_sets_the_second_factor_flag(client, sso):
    account = new_account(sso)
    sign_in(client, account["sub"], mfa=True)
    assert client.session[SECOND_FACTOR_VERIFIED] is True
    assert client.session[SECOND_FACTOR_METHOD] == "provider"


def test_amr_not_configured_does_not_count(client, settings, op):
    settings.OIDC_PROVIDERS = {"test": provider_settings(op, mfa_amr=frozenset({"hwk"}))}
    account = new_account(op)
    sign_in(client, account["sub"], mfa=True)
    assert SECOND_FACTOR_VERIFIED not in client.session


def test_role_map_adds_only_mapped_roles(client, settings, op):
    from accounts.oidc.config import parse_role_map

    region = RegionFactory(slug="noord-oost-gelderland")
    settings.OIDC_PROVIDERS = {
        "test": provider_settings(
            op,
            role_claim="groups",
            role_map=parse_role_map(
                "X",
                "zv-nog-secretaris=secretary@noord-oost-gelderland;zv-vng=vng_advisor;"
                "zv-weg=bestuurder@bestaat-niet",
            ),
        )
    }
    account = new_account(op, groups=["zv-nog-secretaris", "admin", "zv-weg", "secretary"])
    sign_in(client, account["sub"])
    user = User.objects.get(oidc_identities__subject=account["sub"])
    assert set(RoleAssignment.objects.filter(user=user).values_list("role", "region")) == {
        ("secretary", region.pk)
    }
    assert not user.is_staff
    # The claim gone at the provider: the role stays (removed by the beheerder only).
    client.logout()
    op.set_account(account["sub"], account["email"], account["name"], groups=["zv-vng"])
    sign_in(client, account["sub"])
    assert set(RoleAssignment.objects.filter(user=user).values_list("role", "region")) == {
        ("secretary", region.pk),
        ("vng_advisor", None),
    }


def test_expired_token_is_renewed(client, sso):
    account = new_account(sso)
    sign_in(client, account["sub"])
    session = client.session
    old = dict(session[OIDC_TOKENS])
    session[OIDC_TOKENS] = {**old, "expires_at": 1}
    session.save()
    response = client.get("/")
    assert response.status_code == 200
    tokens = client.session[OIDC_TOKENS]
    # Renewed at the provider (a bad refresh token fails: the next test).
    assert tokens["expires_at"] > time.time() + 600
    assert tokens["id_token"] and tokens["refresh_token"]
    assert client.session[SESSION_KEY]


def test_expired_token_that_cannot_be_renewed_logs_out(client, sso):
    account = new_account(sso)
    sign_in(client, account["sub"])
    user = User.objects.get(oidc_identities__subject=account["sub"])
    session = client.session
    session[OIDC_TOKENS] = {**session[OIDC_TOKENS], "expires_at": 1, "refresh_token": "kapot"}
    session.save()
    response = client.get("/regios/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/?next=")
    assert SESSION_KEY not in client.session
    assert AuditEvent.objects.filter(kind="session_ended", user=user).exists()
    page = client.get(response["Location"])
    assert "Uw sessie is beëindigd" in page.content.decode()


def test_expired_token_with_provider_down_logs_out(client, sso, settings):
    from tests.accounts.oidc.provider import free_port

    account = new_account(sso)
    sign_in(client, account["sub"])
    session = client.session
    session[OIDC_TOKENS] = {**session[OIDC_TOKENS], "expires_at": 1}
    session.save()
    closed = f"http://127.0.0.1:{free_port()}"
    settings.OIDC_PROVIDERS = {
        "test": provider_settings(
            sso,
            discovery_url="",
            issuer=closed,
            authorization_endpoint=closed + "/auth",
            token_endpoint=closed + "/token",
            jwks_uri=closed + "/jwks",
        )
    }
    response = client.get("/")
    assert response.status_code == 302
    assert SESSION_KEY not in client.session
    assert AuditEvent.objects.filter(
        kind="session_ended", detail__contains="niet bereikbaar"
    ).exists()


def test_rp_logout_redirects_to_the_provider(client, sso):
    account = new_account(sso)
    sign_in(client, account["sub"])
    id_token = client.session[OIDC_TOKENS]["id_token"]
    key = client.session.session_key
    response = client.post("/account/uitloggen/")
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(sso.url + "/session/end?")
    assert f"id_token_hint={id_token}" in location
    assert "post_logout_redirect_uri=http%3A%2F%2Ftestserver%2Faccount%2Flogin%2F" in location
    assert SESSION_KEY not in client.session
    assert not OIDCSession.objects.filter(session_key=key).exists()
    # The provider accepts it: it shows its logout confirmation.
    assert requests.get(location, timeout=5).status_code == 200


def test_password_logout_goes_to_the_login_page(client, db):
    client.force_login(UserFactory())
    response = client.post("/account/uitloggen/")
    assert response["Location"] == "/account/login/"
    assert client.get("/account/uitloggen/").status_code in (302, 405)
