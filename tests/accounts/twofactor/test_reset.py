"""The functioneel beheerder resets a user's second factor, with a reason in the audit log."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AuditEvent, Passkey, UserSession
from accounts.twofactor import codes
from tests.factories import RoleFactory, UserFactory

from .conftest import give_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolled(region):
    user = UserFactory(username="secretaris-2fa")
    RoleFactory(user=user, role="secretary", region=region)
    give_totp(user)
    codes.new_recovery_codes(user)
    Passkey.objects.create(user=user, name="Laptop", credential_id=b"1", public_key=b"k")
    return user


def _url(user):
    return reverse("accounts:mfa_reset", kwargs={"pk": user.pk})


def test_form_requires_a_reason_of_some_length(client, staff_user, enrolled):
    client.force_login(staff_user)
    page = client.get(_url(enrolled))
    assert page.status_code == 200
    assert '<textarea name="reason"' in page.content.decode()
    for reason, message in [("", "Vul een reden in."), ("kort", "minstens 10 tekens")]:
        response = client.post(_url(enrolled), {"reason": reason})
        assert response.status_code == 400
        assert message in response.content.decode()
    assert TOTPDevice.objects.filter(user=enrolled).exists()
    assert not AuditEvent.objects.filter(kind="mfa_reset").exists()


def test_reset_removes_every_factor_ends_sessions_and_logs_the_reason(client, staff_user, enrolled):
    # The user is signed in twice: once tracked in UserSession, once only in the session table.
    tracked, untracked = Client(), Client()
    tracked.force_login(enrolled)
    untracked.force_login(enrolled)
    assert UserSession.objects.filter(session_key=tracked.session.session_key).exists()
    UserSession.objects.filter(session_key=untracked.session.session_key).delete()
    bystander = Client()
    bystander.force_login(staff_user)
    assert untracked.get(reverse("home")).status_code == 200

    client.force_login(staff_user)
    reason = "Telefoon kwijt; gebeld en identiteit gecontroleerd. " + "x" * 600
    response = client.post(_url(enrolled), {"reason": reason})
    assert response.status_code == 302

    assert not TOTPDevice.objects.filter(user=enrolled).exists()
    assert not StaticDevice.objects.filter(user=enrolled).exists()
    assert not Passkey.objects.filter(user=enrolled).exists()
    assert not UserSession.objects.filter(user=enrolled).exists()
    for signed_out in (tracked, untracked):
        assert signed_out.get(reverse("home")).status_code == 302
    assert bystander.get(reverse("home")).status_code == 200
    assert Session.objects.count() == 2  # the beheerder's two sessions remain

    event = AuditEvent.objects.get(kind="mfa_reset")
    assert event.user == staff_user and event.target == "secretaris-2fa"
    assert event.detail.startswith("Telefoon kwijt") and len(event.detail) == 500


def test_a_beheerder_cannot_reset_themselves(client, staff_user):
    give_totp(staff_user)
    client.force_login(staff_user)
    page = client.get(_url(staff_user))
    assert page.status_code == 403
    assert "eigen tweede factor hier niet herstellen" in page.content.decode()
    assert client.post(_url(staff_user), {"reason": "Een goede reden hier."}).status_code == 403
    assert TOTPDevice.objects.filter(user=staff_user).exists()


def test_only_the_beheerder_and_unknown_accounts_are_404(client, secretary, enrolled):
    client.force_login(secretary)
    assert client.get(_url(enrolled)).status_code == 403
    assert client.post(_url(enrolled), {"reason": "Een goede reden hier."}).status_code == 403
    assert TOTPDevice.objects.filter(user=enrolled).exists()
    staff = UserFactory(username="beheerder2", is_staff=True)
    client.force_login(staff)
    assert client.get(reverse("accounts:mfa_reset", kwargs={"pk": 999999})).status_code == 404


@pytest.mark.real_second_factor
def test_after_a_reset_the_lock_is_lifted_and_enrolment_is_asked(client, staff_user, enrolled):
    from accounts import audit

    audit.record("mfa_locked", user=enrolled)
    client.force_login(staff_user)
    session = client.session
    session["_zv_mfa"] = True
    session.save()
    client.post(_url(enrolled), {"reason": "Telefoon kwijt, identiteit gecontroleerd."})
    from accounts.twofactor import throttle

    assert not throttle.is_locked(enrolled)
    user_client = Client()
    from .conftest import password_login

    password_login(user_client, enrolled)
    response = user_client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:mfa_totp_setup"))
