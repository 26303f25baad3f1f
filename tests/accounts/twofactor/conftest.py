"""Helpers of the second-factor tests."""

from __future__ import annotations

import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.session_keys import SECOND_FACTOR_VERIFIED

PASSWORD = "geheim-wachtwoord-123"  # tests.factories.UserFactory


def give_totp(user, name="Telefoon") -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name=name, confirmed=True)


def code_for(device: TOTPDevice, offset: int = 0) -> str:
    """The device's code for now (+ ``offset`` time steps)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset * device.step
    return f"{totp.token():06d}"


def wrong_code_for(device: TOTPDevice) -> str:
    """Six digits that are none of the codes the device accepts now."""
    accepted = {code_for(device, o) for o in (-1, 0, 1)}
    return next(c for c in (f"{n:06d}" for n in range(1000)) if c not in accepted)


def password_login(client, user, next_url: str = ""):
    """Sign in through the login form (no second factor in the session yet)."""
    from django.urls import reverse

    response = client.post(
        reverse("login"),
        {"username": user.get_username(), "password": PASSWORD, "next": next_url},
    )
    assert response.status_code == 302, response.content[:500]
    assert not client.session.get(SECOND_FACTOR_VERIFIED)
    return response


@pytest.fixture
def no_device_throttle(settings):
    """Switch off django-otp's per-device delay, to see the per-user lock on its own."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    return settings
