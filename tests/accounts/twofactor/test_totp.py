"""Enrolment of the authenticator app, verification at sign-in, recovery codes, removal and
throttling."""

from __future__ import annotations

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AuditEvent, Passkey
from accounts.session_keys import SECOND_FACTOR_METHOD, SECOND_FACTOR_VERIFIED
from accounts.twofactor import codes, throttle
from accounts.twofactor.views import PENDING_SECRET
from tests.factories import RoleFactory, UserFactory

from .conftest import PASSWORD, code_for, give_totp, password_login, wrong_code_for

pytestmark = [pytest.mark.django_db, pytest.mark.real_second_factor]


@pytest.fixture
def secretaris(region):
    user = UserFactory(username="secretaris")
    RoleFactory(user=user, role="secretary", region=region)
    return user


def _events(user, kind):
    return list(AuditEvent.objects.filter(user=user, kind=kind))


def _no_secrets_in_log():
    for event in AuditEvent.objects.all():
        text = f"{event.target} {event.detail}"
        assert not re.search(r"\b\d{6}\b", text), text
        assert not re.search(r"[a-z2-7]{4}-[a-z2-7]{4}", text), text


# --- enrolment ---------------------------------------------------------------------------------


def test_enrolment_shows_qr_and_secret_and_needs_a_correct_code(client, secretaris):
    password_login(client, secretaris)
    url = reverse("accounts:mfa_totp_setup") + "?next=/regio/"
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "QR-code voor uw authenticator-app" in html
    key_hex = client.session[PENDING_SECRET]
    assert codes.grouped(codes.hex_to_base32(key_hex)) in html
    assert not TOTPDevice.objects.filter(user=secretaris).exists()  # nothing saved on GET

    wrong = client.post(url, {"code": "12345", "next": "/regio/"})
    assert wrong.status_code == 400
    assert "Een code bestaat uit zes cijfers." in wrong.content.decode()
    other = "000000" if codes.current_code(key_hex) != "000000" else "111111"
    assert client.post(url, {"code": other, "next": "/regio/"}).status_code == 400
    assert "Deze code klopt niet" in client.post(url, {"code": other}).content.decode()
    assert not TOTPDevice.objects.filter(user=secretaris).exists()

    old_key = client.session.session_key
    done = client.post(url, {"code": codes.current_code(key_hex), "next": "/regio/"})
    assert done.status_code == 302
    assert done["Location"] == reverse("accounts:mfa_recovery") + "?next=%2Fregio%2F"
    device = TOTPDevice.objects.get(user=secretaris)
    assert device.confirmed and device.key == key_hex
    session = client.session
    assert session[SECOND_FACTOR_VERIFIED] is True
    assert session[SECOND_FACTOR_METHOD] == "totp"
    assert session.session_key != old_key
    assert PENDING_SECRET not in session
    assert _events(secretaris, "mfa_enrolled") and _events(secretaris, "recovery_codes_created")

    shown = client.get(done["Location"])
    new_codes = re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>", shown.content.decode())
    assert len(new_codes) == 10
    assert 'href="/regio/"' in shown.content.decode()
    assert StaticToken.objects.filter(device__user=secretaris).count() == 10
    again = client.get(done["Location"]).content.decode()
    assert not re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>", again)  # shown once
    assert "nog 10 herstelcodes" in again
    # The enrolled user now reaches the portal.
    assert client.get(reverse("home")).status_code == 200
    _no_secrets_in_log()


def test_enrolment_when_an_app_exists_offers_no_second(client, secretaris):
    give_totp(secretaris)
    client.force_login(secretaris)
    session = client.session
    session[SECOND_FACTOR_VERIFIED] = True
    session.save()
    page = client.get(reverse("accounts:mfa_totp_setup"))
    assert "al een authenticator-app ingesteld" in page.content.decode()
    assert client.post(reverse("accounts:mfa_totp_setup"), {"code": "123456"}).status_code == 200
    assert TOTPDevice.objects.filter(user=secretaris).count() == 1


# --- verification ------------------------------------------------------------------------------


def test_verify_with_totp_keeps_a_safe_next(client, secretaris):
    device = give_totp(secretaris)
    password_login(client, secretaris)
    target = reverse("governance:region_list")
    old_key = client.session.session_key
    response = client.post(
        reverse("accounts:mfa_verify"), {"code": code_for(device), "next": target}
    )
    assert response.status_code == 302 and response["Location"] == target
    assert client.session[SECOND_FACTOR_VERIFIED] is True
    assert client.session.session_key != old_key
    assert _events(secretaris, "mfa_verified")[0].detail == "authenticator-app"
    assert client.get(target).status_code == 200
    _no_secrets_in_log()


@pytest.mark.parametrize("evil", ["https://evil.example/", "//evil.example/x", "javascript:x"])
def test_verify_ignores_a_foreign_next(client, secretaris, evil):
    device = give_totp(secretaris)
    password_login(client, secretaris)
    response = client.post(reverse("accounts:mfa_verify"), {"code": code_for(device), "next": evil})
    assert response["Location"] == reverse("home")


def test_the_same_code_is_not_accepted_twice(client, secretaris, no_device_throttle):
    device = give_totp(secretaris)
    code = code_for(device)
    password_login(client, secretaris)
    assert client.post(reverse("accounts:mfa_verify"), {"code": code}).status_code == 302
    client.post(reverse("logout"))
    password_login(client, secretaris)
    refused = client.post(reverse("accounts:mfa_verify"), {"code": code})
    assert refused.status_code == 400
    assert "Deze code klopt niet." in refused.content.decode()


def test_wrong_code_is_refused_in_dutch_and_logged_without_the_code(client, secretaris):
    device = give_totp(secretaris)
    password_login(client, secretaris)
    response = client.post(reverse("accounts:mfa_verify"), {"code": wrong_code_for(device)})
    assert response.status_code == 400
    assert "Deze code klopt niet." in response.content.decode()
    assert not client.session.get(SECOND_FACTOR_VERIFIED)
    assert [e.detail for e in _events(secretaris, "mfa_failed")] == ["authenticator-app"]
    for junk in ["", "x" * 500, "<script>", "12 34 56 78"]:
        assert client.post(reverse("accounts:mfa_verify"), {"code": junk}).status_code == 400
    _no_secrets_in_log()


def test_recovery_code_works_once(client, secretaris, no_device_throttle):
    give_totp(secretaris)
    code = codes.new_recovery_codes(secretaris)[0]
    password_login(client, secretaris)
    response = client.post(reverse("accounts:mfa_verify"), {"code": code.upper()})
    assert response.status_code == 302
    assert client.session[SECOND_FACTOR_METHOD] == "recovery"
    assert _events(secretaris, "recovery_code_used")
    assert codes.recovery_codes_left(secretaris) == 9
    client.post(reverse("logout"))
    password_login(client, secretaris)
    assert client.post(reverse("accounts:mfa_verify"), {"code": code}).status_code == 400
    _no_secrets_in_log()


def test_regenerating_recovery_codes_replaces_them(client, secretaris):
    give_totp(secretaris)
    old = codes.new_recovery_codes(secretaris)
    client.force_login(secretaris)
    session = client.session
    session[SECOND_FACTOR_VERIFIED] = True
    session.save()
    response = client.post(reverse("accounts:mfa_recovery"))
    assert response.status_code == 302
    shown = client.get(response["Location"]).content.decode()
    new = re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>", shown)
    assert len(new) == 10 and not set(new) & set(old)
    stored = set(
        StaticToken.objects.filter(device__user=secretaris).values_list("token", flat=True)
    )
    assert stored == {c.replace("-", "") for c in new}
    assert StaticDevice.objects.filter(user=secretaris).count() == 1


# --- throttling --------------------------------------------------------------------------------


def test_after_the_limit_even_a_correct_code_is_refused_until_the_cool_off(
    client, secretaris, settings, no_device_throttle
):
    settings.AXES_FAILURE_LIMIT = 3
    device = give_totp(secretaris)
    password_login(client, secretaris)
    url = reverse("accounts:mfa_verify")
    for _ in range(2):
        assert (
            "Deze code klopt niet."
            in client.post(url, {"code": wrong_code_for(device)}).content.decode()
        )
    third = client.post(url, {"code": wrong_code_for(device)}).content.decode()
    assert "Te veel onjuiste codes" in third
    assert len(_events(secretaris, "mfa_locked")) == 1

    refused = client.post(url, {"code": code_for(device)})
    assert refused.status_code == 400
    assert "Te veel onjuiste codes" in refused.content.decode()
    assert not client.session.get(SECOND_FACTOR_VERIFIED)
    assert "Te veel onjuiste codes" in client.get(url).content.decode()

    later = timezone.now() + throttle.cool_off() + timedelta(seconds=5)
    with mock.patch("accounts.twofactor.throttle._now", return_value=later):
        assert client.post(url, {"code": code_for(device)}).status_code == 302
    assert client.session[SECOND_FACTOR_VERIFIED] is True


def test_recovery_codes_count_towards_the_lock(client, secretaris, settings, no_device_throttle):
    settings.AXES_FAILURE_LIMIT = 2
    give_totp(secretaris)
    good = codes.new_recovery_codes(secretaris)[0]
    password_login(client, secretaris)
    url = reverse("accounts:mfa_verify")
    client.post(url, {"code": "aaaa-aaaa"})
    client.post(url, {"code": "bbbb-bbbb"})
    assert "Te veel onjuiste codes" in client.post(url, {"code": good}).content.decode()
    assert codes.recovery_codes_left(secretaris) == 10  # the good one was not used up


def test_django_otp_delays_a_quick_second_try(client, secretaris):
    device = give_totp(secretaris)
    password_login(client, secretaris)
    url = reverse("accounts:mfa_verify")
    client.post(url, {"code": wrong_code_for(device)})
    response = client.post(url, {"code": code_for(device)})
    assert response.status_code == 400
    assert "Wacht een paar seconden" in response.content.decode()


def test_a_correct_code_starts_the_count_anew(client, secretaris, settings, no_device_throttle):
    settings.AXES_FAILURE_LIMIT = 2
    device = give_totp(secretaris)
    password_login(client, secretaris)
    url = reverse("accounts:mfa_verify")
    client.post(url, {"code": wrong_code_for(device)})
    assert client.post(url, {"code": code_for(device)}).status_code == 302
    client.post(reverse("logout"))
    password_login(client, secretaris)
    response = client.post(url, {"code": wrong_code_for(device)})
    assert "Te veel" not in response.content.decode()
    assert not _events(secretaris, "mfa_locked")


# --- removal -----------------------------------------------------------------------------------


def _verified(client, user):
    client.force_login(user)
    session = client.session
    session[SECOND_FACTOR_VERIFIED] = True
    session.save()


def test_required_user_cannot_remove_the_last_factor(client, secretaris):
    give_totp(secretaris)
    _verified(client, secretaris)
    page = client.get(reverse("accounts:mfa_remove"))
    assert "dit is uw laatste" in page.content.decode()
    response = client.post(reverse("accounts:mfa_remove"), {"password": PASSWORD})
    assert response.status_code == 403
    assert "dit is uw laatste" in response.content.decode()
    assert TOTPDevice.objects.filter(user=secretaris).exists()


def test_required_user_with_a_passkey_may_remove_the_app(client, secretaris):
    device = give_totp(secretaris)
    Passkey.objects.create(user=secretaris, name="Laptop", credential_id=b"1", public_key=b"k")
    _verified(client, secretaris)
    response = client.post(reverse("accounts:mfa_remove"), {"code": code_for(device)})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=secretaris).exists()


def test_optional_user_removes_with_password_not_with_a_wrong_one(client, region):
    user = UserFactory(username="deelnemer")
    RoleFactory(user=user, role="participant", region=region)
    give_totp(user)
    codes.new_recovery_codes(user)
    _verified(client, user)
    url = reverse("accounts:mfa_remove")
    empty = client.post(url, {})
    assert empty.status_code == 400
    assert "Vul een code uit uw authenticator-app" in empty.content.decode()
    wrong = client.post(url, {"password": "fout-fout-fout"})
    assert wrong.status_code == 400 and "Dit wachtwoord klopt niet." in wrong.content.decode()
    assert _events(user, "mfa_failed")
    assert TOTPDevice.objects.filter(user=user).exists()
    assert client.post(url, {"password": PASSWORD}).status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    assert _events(user, "mfa_removed")
    # Now without a factor the optional user passes at the next sign-in.
    client.post(reverse("logout"))
    password_login(client, user)
    assert client.get(reverse("home")).status_code == 200


def test_overview_lists_state_and_links(client, secretaris):
    give_totp(secretaris)
    Passkey.objects.create(
        user=secretaris, name="Laptop <werk>", credential_id=b"1", public_key=b"k"
    )
    _verified(client, secretaris)
    html = client.get(reverse("accounts:mfa")).content.decode()
    assert "verplicht" in html
    assert "Laptop &lt;werk&gt;" in html
    assert reverse("accounts:mfa_remove") in html and reverse("accounts:passkey_add") in html


def test_the_session_rows_follow_the_new_key_of_the_second_factor(client, secretaris):
    """After single sign-on without the provider's second factor, the portal asks its own and
    gives the session a new key: the session list and the provider-session mapping (for the
    provider's back-channel logout) follow that key, so logging out at the provider still ends
    this session."""
    from accounts.models import OIDCSession, UserSession

    device = give_totp(secretaris)
    password_login(client, secretaris)
    old_key = client.session.session_key
    OIDCSession.objects.create(
        provider="test", sid="sid-1", subject="s", session_key=old_key, user=secretaris
    )
    assert UserSession.objects.filter(session_key=old_key).exists()
    client.post(reverse("accounts:mfa_verify"), {"code": code_for(device)})
    new_key = client.session.session_key
    assert new_key != old_key
    assert list(UserSession.objects.values_list("session_key", flat=True)) == [new_key]
    assert list(OIDCSession.objects.values_list("session_key", flat=True)) == [new_key]
