"""The demo and the second factor: ``seed_demo`` enrols the demo users who need one with the
demo TOTP secret, says so, and ``manage.py totp_code`` gives the current code."""

import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.twofactor import codes
from accounts.twofactor.demo import DEMO_TOTP_SECRET_DEFAULT
from dashboard.demo.manifest import DEMO_PASSWORD_DEFAULT

from .conftest import seed

pytestmark = pytest.mark.django_db

NEED_A_CODE = {"demo-secretaris", "demo-secretaris-voorbeeld", "demo-beheerder"}


def codes_around_now(key_hex: str) -> set[str]:
    """The code now and at the next step (the command may run just after a step boundary)."""
    now = time.time()
    return {codes.current_code(key_hex, at=now), codes.current_code(key_hex, at=now + 30)}


def totp_code(*args) -> str:
    out = StringIO()
    call_command("totp_code", *args, stdout=out)
    return out.getvalue().strip()


@pytest.fixture
def no_demo_secret(monkeypatch):
    monkeypatch.delenv("DEMO_TOTP_SECRET", raising=False)


def test_seed_enrols_exactly_the_users_who_need_a_code(demo_settings, no_demo_secret):
    output = seed()
    devices = TOTPDevice.objects.filter(confirmed=True)
    assert set(devices.values_list("user__username", flat=True)) == NEED_A_CODE
    key = codes.base32_to_hex(DEMO_TOTP_SECRET_DEFAULT)
    assert set(devices.values_list("key", flat=True)) == {key}
    for line in output.splitlines():
        for username in NEED_A_CODE | {"demo-bestuurder", "demo-deelnemer", "demo-vng"}:
            if line.strip().startswith(username + " "):
                assert ("(code nodig)" in line) == (username in NEED_A_CODE), line
    assert DEMO_TOTP_SECRET_DEFAULT in output
    assert "manage.py totp_code" in output
    assert "niets gewijzigd" in seed()  # idempotent, devices included


def test_secret_from_the_environment(demo_settings, monkeypatch):
    monkeypatch.setenv("DEMO_TOTP_SECRET", "JBSWY3DPEHPK3PXP")
    output = seed()
    assert "JBSWY3DPEHPK3PXP" in output
    key = codes.base32_to_hex("JBSWY3DPEHPK3PXP")
    assert set(TOTPDevice.objects.values_list("key", flat=True)) == {key}
    assert totp_code() in codes_around_now(key)
    monkeypatch.setenv("DEMO_TOTP_SECRET", "niet base32!")
    with pytest.raises(CommandError, match="DEMO_TOTP_SECRET is geen geldig base32-geheim"):
        seed()


@pytest.mark.real_second_factor
def test_a_newcomer_signs_in_with_password_and_totp_code(demo_settings, no_demo_secret):
    seed()
    client = Client()
    response = client.post(
        reverse("login"), {"username": "demo-secretaris", "password": DEMO_PASSWORD_DEFAULT}
    )
    assert response.status_code == 302
    page = client.get(reverse("home"))
    assert page["Location"].startswith(reverse("accounts:mfa_verify"))
    verified = client.post(reverse("accounts:mfa_verify"), {"code": totp_code()})
    assert verified.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    # Users who need no code get in with the password alone.
    other = Client()
    other.post(reverse("login"), {"username": "demo-bestuurder", "password": DEMO_PASSWORD_DEFAULT})
    assert other.get(reverse("home")).status_code == 200


def test_totp_code_command(no_demo_secret):
    assert totp_code() in codes_around_now(codes.base32_to_hex(DEMO_TOTP_SECRET_DEFAULT))
    custom = totp_code("--secret", "jbsw y3dp ehpk 3pxp")
    assert custom in codes_around_now(codes.base32_to_hex("JBSWY3DPEHPK3PXP"))
    assert custom != totp_code()
    with pytest.raises(CommandError, match="geen geldige base32"):
        totp_code("--secret", "0189!")


def test_totp_code_help_says_it_is_for_the_demo():
    from accounts.management.commands.totp_code import Command

    assert "demo" in Command.help.lower()


def test_seed_demo_still_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG staat uit"):
        seed()
    assert not TOTPDevice.objects.exists()
