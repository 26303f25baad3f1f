"""TOTP secrets, codes and recovery codes (django-otp's devices underneath).

Codes and secrets are never logged: the audit log gets the method only.
"""

from __future__ import annotations

import base64
import binascii
import re
import secrets
import time

from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
RECOVERY_DEVICE_NAME = "herstelcodes"
TOTP_DEVICE_NAME = "Authenticator-app"
_BASE32 = "abcdefghijklmnopqrstuvwxyz234567"


def new_secret_hex() -> str:
    """A new random TOTP secret (20 bytes, hex as django-otp stores it)."""
    return secrets.token_hex(20)


def hex_to_base32(key_hex: str) -> str:
    return base64.b32encode(binascii.unhexlify(key_hex)).decode("ascii")


def base32_to_hex(secret: str) -> str:
    """Hex key of a base32 secret (spaces and case ignored); ValueError when it is not base32."""
    cleaned = re.sub(r"[\s-]", "", secret or "").upper()
    if not cleaned:
        raise ValueError("empty secret")
    cleaned += "=" * (-len(cleaned) % 8)
    try:
        raw = base64.b32decode(cleaned)
    except (binascii.Error, ValueError) as error:
        raise ValueError("not base32") from error
    if len(raw) < 10:
        raise ValueError("secret too short")
    return raw.hex()


def grouped(secret_b32: str) -> str:
    """The secret in groups of four, for typing it over."""
    return " ".join(secret_b32[i : i + 4] for i in range(0, len(secret_b32), 4))


def current_code(key_hex: str, *, at: float | None = None, step: int = 30) -> str:
    totp = TOTP(binascii.unhexlify(key_hex), step=step)
    totp.time = time.time() if at is None else at
    return f"{totp.token():06d}"


def normalize(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


def looks_like_totp(code: str) -> bool:
    return bool(re.fullmatch(r"\d{6}", normalize(code)))


def check_pending_secret(key_hex: str, code: str) -> int | None:
    """Check a code against a secret that is not a device yet (enrolment). Returns the time
    step matched (stored as the device's ``last_t``, so the code cannot be used again)."""
    if not looks_like_totp(code):
        return None
    totp = TOTP(binascii.unhexlify(key_hex))
    totp.time = time.time()
    if totp.verify(int(normalize(code)), tolerance=1):
        return totp.t()
    return None


def verify_totp(user, code: str) -> TOTPDevice | None:
    """The user's confirmed device that accepts the code (django-otp's throttling applies)."""
    if not looks_like_totp(code):
        return None
    with transaction.atomic():
        for device in TOTPDevice.objects.filter(user=user, confirmed=True).select_for_update():
            if device.verify_token(normalize(code)):
                return device
    return None


def verify_recovery(user, code: str) -> StaticDevice | None:
    """Use up a recovery code (one time: django-otp deletes it on success)."""
    token = normalize(code)
    if not re.fullmatch(r"[a-z2-7]{8,16}", token):
        return None
    with transaction.atomic():
        for device in StaticDevice.objects.filter(user=user, confirmed=True).select_for_update():
            if device.verify_token(token):
                return device
    return None


def verify_is_throttled(user, code: str) -> bool:
    """True while django-otp's per-device delay after a wrong code runs on every device that
    could take this code (the app for six digits, else the recovery codes): it would be refused
    whatever it is."""
    model = TOTPDevice if looks_like_totp(code) else StaticDevice
    devices = list(model.objects.filter(user=user, confirmed=True))
    return bool(devices) and all(not d.verify_is_allowed()[0] for d in devices)


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes by ``RECOVERY_CODE_COUNT`` new ones; returns them for
    showing once (formatted ``abcd-efgh``)."""
    tokens = []
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
        seen: set[str] = set()
        while len(seen) < RECOVERY_CODE_COUNT:
            seen.add("".join(secrets.choice(_BASE32) for _ in range(8)))
        tokens = sorted(seen)
        StaticToken.objects.bulk_create(StaticToken(device=device, token=t) for t in tokens)
    return [f"{t[:4]}-{t[4:]}" for t in tokens]


def remove_all(user) -> None:
    """Every TOTP device and recovery code of the user (passkeys are separate)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
