"""The demo's second factor: one TOTP secret for the demo users who need a factor.

Only ``seed_demo`` (which refuses with DEBUG off) enrols users with it; ``manage.py
totp_code`` prints its current code. A real deployment never uses this secret.
"""

from __future__ import annotations

import os

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.twofactor import codes

DEMO_TOTP_SECRET_ENV = "DEMO_TOTP_SECRET"
#: Documented in docs/2fa.md and README; base32 (A-Z, 2-7), 20 bytes.
DEMO_TOTP_SECRET_DEFAULT = "ZVPORTAALDEMOZVPORTAALDEMO234567"
DEMO_DEVICE_NAME = "Demo-authenticator"


def demo_totp_secret() -> str:
    return os.environ.get(DEMO_TOTP_SECRET_ENV) or DEMO_TOTP_SECRET_DEFAULT


def enrol_demo_totp(user, secret: str | None = None) -> str:
    """Give ``user`` the demo TOTP device; returns "created", "updated" or "" (unchanged).
    Raises ValueError for a secret that is not base32."""
    try:
        key_hex = codes.base32_to_hex(secret or demo_totp_secret())
    except ValueError as error:
        raise ValueError(
            f"{DEMO_TOTP_SECRET_ENV} is geen geldig base32-geheim (letters A-Z en cijfers 2-7, "
            "minstens 16 tekens)."
        ) from error
    with transaction.atomic():
        devices = list(TOTPDevice.objects.filter(user=user, confirmed=True))
        if len(devices) == 1 and devices[0].key == key_hex:
            return ""
        TOTPDevice.objects.filter(user=user).delete()
        TOTPDevice.objects.create(user=user, name=DEMO_DEVICE_NAME, key=key_hex, confirmed=True)
    return "updated" if devices else "created"
