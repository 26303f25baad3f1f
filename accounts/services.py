"""Changes to accounts and sessions. Each is atomic and writes its audit lines after commit;
the views check the permission, these do the work."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit, sessions
from accounts.models import UserSession
from core.history import SYSTEM_USERNAME
from core.models import RoleAssignment


def end_other_sessions(request) -> int:
    """ "Overal elders uitloggen": every session of the user but this one."""
    with transaction.atomic():
        count = sessions.end_user_sessions(request.user, keep=request.session.session_key)
    audit.record("sessions_ended_elsewhere", request=request, detail=f"{count} sessie(s)")
    return count


def end_session(request, user_session: UserSession) -> None:
    """End one of the user's own sessions (the view looked it up among the user's own)."""
    with transaction.atomic():
        sessions.end_sessions([user_session.session_key])
    audit.record(
        "session_ended",
        request=request,
        target=f"sessie van {timezone.localtime(user_session.created):%d-%m-%Y %H:%M}",
    )


def deactivate_accounts(request, users: Iterable) -> int:
    """Deactivate these accounts in one step and end their sessions. The beheerder cannot
    deactivate their own account (``ValidationError``)."""
    users = list(users)
    if any(u.pk == request.user.pk for u in users):
        raise ValidationError(_("U kunt uw eigen account niet deactiveren."))
    with transaction.atomic():
        ids = [u.pk for u in users if u.is_active]
        get_user_model().objects.filter(pk__in=ids).update(is_active=False)
        sessions.end_sessions_of_users([u.pk for u in users])
        for user in users:
            if user.pk in ids:
                audit.record_on_commit(
                    "account_deactivated", request=request, target=_account(user)
                )
    return len(ids)


def activate_account(request, user) -> None:
    if user.get_username() == SYSTEM_USERNAME:
        raise ValidationError(_("Het systeemaccount kan niet worden geactiveerd."))
    if user.is_active:
        return
    with transaction.atomic():
        get_user_model().objects.filter(pk=user.pk).update(is_active=True)
        user.is_active = True
        audit.record_on_commit("account_activated", request=request, target=_account(user))


def add_role(role_assignment: RoleAssignment) -> RoleAssignment:
    """Save a validated new role (the form ran ``full_clean``); a duplicate that slipped past
    the check (two beheerders at once) becomes a Dutch ``ValidationError``."""
    try:
        with transaction.atomic():
            role_assignment.save()
    except IntegrityError:
        raise ValidationError(_("Deze gebruiker heeft deze rol al in deze regio.")) from None
    return role_assignment


def remove_role(role_assignment: RoleAssignment) -> None:
    with transaction.atomic():
        role_assignment.delete()


def _account(user) -> str:
    return f"account {user.get_username()}"
