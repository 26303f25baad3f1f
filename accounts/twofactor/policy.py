"""Who must give a second factor, whether they have one, and marking a session as verified.

The enforcement (``accounts.twofactor.middleware``) and the pages use these functions only, so
the rule lives in one place (docs/2fa.md).
"""

from __future__ import annotations

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Passkey
from accounts.session_keys import SECOND_FACTOR_METHOD, SECOND_FACTOR_VERIFIED
from core.constants import Role
from core.roles import is_staff, region_ids_with_role

#: Session key: when (epoch seconds) the middleware last found that this session needs no
#: second factor (optional for the user, none enrolled). Rechecked after ``RECHECK_SECONDS``,
#: so a role or device added meanwhile takes effect within minutes, without a query per page.
NOT_NEEDED_AT = "_zv_mfa_not_needed"
RECHECK_SECONDS = 300

METHOD_TOTP = "totp"
METHOD_RECOVERY = "recovery"
METHOD_PASSKEY = "passkey"

#: Dutch names of the methods (overview page, audit detail).
METHOD_LABELS = {
    METHOD_TOTP: "authenticator-app",
    METHOD_RECOVERY: "herstelcode",
    METHOD_PASSKEY: "passkey",
    "provider": "via de aanbieder van eenmalige aanmelding",
}


def is_required(user) -> bool:
    """True for users who must have a second factor: every secretary (in any region), every
    functioneel beheerder (staff/superuser), and everyone when ``ZV_2FA_REQUIRED_FOR_ALL``."""
    if user is None or not user.is_authenticated:
        return False
    if getattr(settings, "ZV_2FA_REQUIRED_FOR_ALL", False):
        return True
    if is_staff(user):
        return True
    return bool(region_ids_with_role(user, Role.SECRETARY))


def totp_devices(user):
    """The user's confirmed authenticator apps (unconfirmed devices never count)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True)


def has_factor(user) -> bool:
    """Whether the user has a second factor to give: a confirmed TOTP device or a passkey.
    Recovery codes alone are no factor: they stand in for a lost one."""
    if user is None or not user.is_authenticated:
        return False
    return totp_devices(user).exists() or Passkey.objects.filter(user=user).exists()


def factor_count(user) -> int:
    """How many factors the user has (each TOTP device and each passkey counts as one)."""
    return totp_devices(user).count() + Passkey.objects.filter(user=user).count()


def is_verified(request) -> bool:
    session = getattr(request, "session", None)
    return bool(session is not None and session.get(SECOND_FACTOR_VERIFIED))


def mark_verified(request, method: str) -> None:
    """The second factor is given for this session: new session key (against fixation), the
    flag the middleware reads, and how it was given."""
    request.session.cycle_key()
    request.session[SECOND_FACTOR_VERIFIED] = True
    request.session[SECOND_FACTOR_METHOD] = method
    request.session.pop(NOT_NEEDED_AT, None)


def must_verify_first(request) -> bool:
    """True when the signed-in user has a factor but has not given it in this session: such a
    user may not enrol another factor (that would bypass the one they have)."""
    return not is_verified(request) and has_factor(request.user)
