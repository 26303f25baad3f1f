"""Passkeys on the server side, with a software authenticator: registration, removal, second
factor and passwordless sign-in; and every way a request can be wrong."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse
from webauthn.helpers import bytes_to_base64url

from accounts.models import AuditEvent, Passkey
from accounts.session_keys import LOGIN_ROUTE, SECOND_FACTOR_METHOD, SECOND_FACTOR_VERIFIED
from tests.factories import RoleFactory, UserFactory

from .conftest import give_totp, password_login
from .softauthn import SoftAuthenticator

pytestmark = pytest.mark.django_db


def _post(client, name, body, **kwargs):
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(reverse(name), data, content_type="application/json", **kwargs)


def register(client, authenticator, name="Laptop"):
    options = _post(client, "accounts:passkey_add_options", {}).json()
    assert options["rp"]["id"] == "testserver"
    assert options["authenticatorSelection"]["residentKey"] == "required"
    return _post(
        client,
        "accounts:passkey_add_complete",
        {"name": name, "credential": authenticator.register(options)},
    )


@pytest.fixture
def secretaris(region):
    user = UserFactory(username="secretaris")
    RoleFactory(user=user, role="secretary", region=region)
    return user


def test_register_then_sign_in_without_password(client, secretaris):
    client.force_login(secretaris)
    authenticator = SoftAuthenticator()
    response = register(client, authenticator, name="Laptop <werk>")
    assert response.status_code == 200, response.content
    assert response.json()["redirect"] == reverse("accounts:mfa")
    passkey = Passkey.objects.get(user=secretaris)
    assert passkey.name == "Laptop <werk>"
    assert bytes(passkey.credential_id) == authenticator.credential_id
    assert AuditEvent.objects.filter(kind="passkey_added", target="Laptop <werk>").exists()

    anonymous = Client()
    anonymous.get(reverse("login"))
    options = _post(anonymous, "accounts:passkey_auth_options", {}).json()
    assert options["allowCredentials"] == []  # discoverable: the browser offers the passkey
    assert options["userVerification"] == "required"
    answer = _post(
        anonymous,
        "accounts:passkey_auth_complete",
        {"credential": authenticator.assert_(options), "next": "/regio/"},
    )
    assert answer.status_code == 200, answer.content
    assert answer.json() == {"redirect": "/regio/"}
    session = anonymous.session
    assert session["_auth_user_id"] == str(secretaris.pk)
    assert session[LOGIN_ROUTE] == "passkey"
    assert session[SECOND_FACTOR_VERIFIED] is True
    assert session[SECOND_FACTOR_METHOD] == "passkey"
    assert AuditEvent.objects.filter(kind="login_passkey", user=secretaris).exists()
    passkey.refresh_from_db()
    assert passkey.sign_count == 1 and passkey.last_used is not None
    assert anonymous.get(reverse("home")).status_code == 200


@pytest.mark.real_second_factor
def test_passkey_as_second_factor_after_the_password(client, secretaris):
    authenticator = SoftAuthenticator()
    give_totp(secretaris)
    setup = Client()
    setup.force_login(secretaris)
    session = setup.session
    session[SECOND_FACTOR_VERIFIED] = True
    session.save()
    assert register(setup, authenticator).status_code == 200

    password_login(client, secretaris)
    page = client.get(reverse("accounts:mfa_verify")).content.decode()
    assert "Controleren met een passkey" in page
    options = _post(client, "accounts:passkey_auth_options", {}).json()
    credential_id = bytes_to_base64url(authenticator.credential_id)
    assert [c["id"] for c in options["allowCredentials"]] == [credential_id]
    answer = _post(
        client, "accounts:passkey_auth_complete", {"credential": authenticator.assert_(options)}
    )
    assert answer.status_code == 200, answer.content
    assert client.session[SECOND_FACTOR_METHOD] == "passkey"
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.real_second_factor
def test_someone_elses_passkey_is_no_second_factor(client, secretaris, region):
    other = UserFactory(username="ander")
    authenticator = SoftAuthenticator()
    other_client = Client()
    other_client.force_login(other)
    assert register(other_client, authenticator).status_code == 200
    give_totp(secretaris)
    Passkey.objects.create(user=secretaris, name="Eigen", credential_id=b"eigen", public_key=b"k")
    password_login(client, secretaris)
    options = _post(client, "accounts:passkey_auth_options", {}).json()
    answer = _post(
        client, "accounts:passkey_auth_complete", {"credential": authenticator.assert_(options)}
    )
    assert answer.status_code == 400
    assert answer.json()["error"] == "Deze passkey is niet bekend bij Z+V Portaal."
    assert not client.session.get(SECOND_FACTOR_VERIFIED)


@pytest.mark.parametrize(
    "body",
    ["{niet json", b"\xff\xfe", "[]", json.dumps({"credential": "x"}), json.dumps({})],
)
def test_malformed_json_is_400_in_dutch(client, secretaris, body):
    client.force_login(secretaris)
    for name in ("accounts:passkey_add_complete", "accounts:passkey_auth_complete"):
        response = _post(client, name, body)
        assert response.status_code == 400
        assert response.json()["error"].startswith("De aanvraag is onleesbaar")
    anonymous = Client()
    response = _post(anonymous, "accounts:passkey_auth_complete", body)
    assert response.status_code == 400


def test_wrong_or_missing_challenge_is_refused(client, secretaris):
    client.force_login(secretaris)
    authenticator = SoftAuthenticator()
    # No options asked: no challenge in the session.
    fake_options = {"challenge": "AAAA"}
    response = _post(
        client,
        "accounts:passkey_add_complete",
        {"name": "Laptop", "credential": authenticator.register(fake_options)},
    )
    assert response.status_code == 400
    assert "verlopen" in response.json()["error"]
    # Options asked, but the authenticator signed another challenge.
    _post(client, "accounts:passkey_add_options", {})
    response = _post(
        client,
        "accounts:passkey_add_complete",
        {"name": "Laptop", "credential": authenticator.register(fake_options)},
    )
    assert response.status_code == 400
    assert (
        response.json()["error"] == "De passkey kon niet worden gecontroleerd. Probeer het opnieuw."
    )
    assert not Passkey.objects.exists()


def test_wrong_origin_is_refused(client, secretaris, settings):
    settings.ZV_WEBAUTHN_ORIGIN = "https://portaal.example.nl"
    client.force_login(secretaris)
    options = _post(client, "accounts:passkey_add_options", {}).json()
    credential = SoftAuthenticator().register(options)  # signed for http://testserver
    response = _post(
        client, "accounts:passkey_add_complete", {"name": "Laptop", "credential": credential}
    )
    assert response.status_code == 400
    assert not Passkey.objects.exists()


def test_challenge_is_used_once(client, secretaris):
    authenticator = SoftAuthenticator()
    owner = Client()
    owner.force_login(secretaris)
    register(owner, authenticator)
    options = _post(client, "accounts:passkey_auth_options", {}).json()
    credential = authenticator.assert_(options)
    assert (
        _post(client, "accounts:passkey_auth_complete", {"credential": credential}).status_code
        == 200
    )
    replay = Client()
    response = _post(replay, "accounts:passkey_auth_complete", {"credential": credential})
    assert response.status_code == 400


def test_unknown_credential_is_refused(client):
    options = _post(client, "accounts:passkey_auth_options", {}).json()
    response = _post(
        client,
        "accounts:passkey_auth_complete",
        {"credential": SoftAuthenticator().assert_(options)},
    )
    assert response.status_code == 400
    assert response.json()["error"] == "Deze passkey is niet bekend bij Z+V Portaal."
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(kind="login_failed").exists()


def test_inactive_account_cannot_sign_in_with_its_passkey(client, secretaris):
    authenticator = SoftAuthenticator()
    owner = Client()
    owner.force_login(secretaris)
    register(owner, authenticator)
    secretaris.is_active = False
    secretaris.save()
    options = _post(client, "accounts:passkey_auth_options", {}).json()
    response = _post(
        client, "accounts:passkey_auth_complete", {"credential": authenticator.assert_(options)}
    )
    assert response.status_code == 403
    assert "niet actief" in response.json()["error"]
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(kind="login_refused", user=secretaris).exists()


def test_bad_name_is_refused_in_dutch(client, secretaris):
    client.force_login(secretaris)
    options = _post(client, "accounts:passkey_add_options", {}).json()
    credential = SoftAuthenticator().register(options)
    for name, message in [("", "Geef de passkey een naam."), ("x" * 101, "te lang")]:
        response = _post(
            client, "accounts:passkey_add_complete", {"name": name, "credential": credential}
        )
        assert response.status_code == 400 and message in response.json()["error"]


def test_remove_own_passkey_only_and_not_the_last_required_one(client, secretaris, region):
    client.force_login(secretaris)
    own = Passkey.objects.create(user=secretaris, name="Een", credential_id=b"1", public_key=b"k")
    other = Passkey.objects.create(
        user=UserFactory(username="ander"), name="Ander", credential_id=b"2", public_key=b"k"
    )
    url = reverse("accounts:passkey_remove", kwargs={"pk": other.pk})
    assert client.post(url).status_code == 404
    remove_own = reverse("accounts:passkey_remove", kwargs={"pk": own.pk})
    response = client.post(remove_own, follow=True)
    assert "dit is uw laatste" in response.content.decode()
    assert Passkey.objects.filter(pk=own.pk).exists()
    give_totp(secretaris)
    assert client.post(remove_own).status_code == 302
    assert not Passkey.objects.filter(pk=own.pk).exists()
    assert AuditEvent.objects.filter(kind="passkey_removed", target="Een").exists()
    assert client.get(remove_own).status_code == 405


@pytest.mark.real_second_factor
def test_required_user_may_enrol_a_passkey_as_first_factor(client, secretaris):
    password_login(client, secretaris)
    assert client.get(reverse("accounts:passkey_add")).status_code == 200
    response = register(client, SoftAuthenticator())
    assert response.status_code == 200
    assert client.session[SECOND_FACTOR_VERIFIED] is True
    assert AuditEvent.objects.filter(kind="mfa_enrolled", detail="passkey").exists()
    assert client.get(reverse("home")).status_code == 200


def test_configured_rp_id_is_used(client, secretaris, settings):
    settings.ZV_WEBAUTHN_RP_ID = "portaal.example.nl"
    client.force_login(secretaris)
    options = _post(client, "accounts:passkey_add_options", {}).json()
    assert options["rp"]["id"] == "portaal.example.nl"


def test_json_endpoints_need_the_csrf_token(secretaris):
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("login"))  # sets the CSRF cookie
    assert _post(client, "accounts:passkey_auth_options", {}).status_code == 403
    token = client.cookies["csrftoken"].value
    response = _post(client, "accounts:passkey_auth_options", {}, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200
