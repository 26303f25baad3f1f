"""Receivers: Django's sign-in signals and role changes go to the audit log."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from accounts import audit
from accounts.session_keys import LOGIN_ROUTE, ROUTE_OIDC_PREFIX, ROUTE_PASSKEY
from core.models import RoleAssignment


@receiver(user_logged_in, dispatch_uid="zv_audit_login")
def audit_login(sender, request, user, **kwargs):
    route = request.session.get(LOGIN_ROUTE) if request is not None else None
    if route and route.startswith(ROUTE_OIDC_PREFIX):
        audit.record(
            "login_oidc", request=request, user=user, detail=route[len(ROUTE_OIDC_PREFIX) :]
        )
    elif route == ROUTE_PASSKEY:
        audit.record("login_passkey", request=request, user=user)
    else:
        audit.record("login_password", request=request, user=user)


@receiver(user_logged_out, dispatch_uid="zv_audit_logout")
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        audit.record("logout", request=request, user=user)


@receiver(user_login_failed, dispatch_uid="zv_audit_login_failed")
def audit_login_failed(sender, credentials, request=None, **kwargs):
    # Only the username: credentials also hold the password, which never reaches the log.
    username = str((credentials or {}).get("username", ""))[:150]
    audit.record("login_failed", request=request, username=username)


def _role_target(assignment: RoleAssignment) -> str:
    where = assignment.region.name if assignment.region_id else "landelijk"
    return f"{assignment.get_role_display()} ({where}) voor {assignment.user.get_username()}"


@receiver(post_save, sender=RoleAssignment, dispatch_uid="zv_audit_role_added")
def audit_role_added(sender, instance, created, **kwargs):
    if created and not kwargs.get("raw"):
        audit.record_on_commit(
            "role_added",
            user=_acting_user(),
            target=_role_target(instance),
            region_pk=instance.region_id,
        )


@receiver(post_delete, sender=RoleAssignment, dispatch_uid="zv_audit_role_removed")
def audit_role_removed(sender, instance, **kwargs):
    audit.record_on_commit(
        "role_removed",
        user=_acting_user(),
        target=_role_target(instance),
        region_pk=instance.region_id,
    )


def _acting_user():
    """Who changes the role: the request's user (simple-history's request middleware keeps it)
    or the user a command acts as."""
    from simple_history.models import HistoricalRecords

    from core.history import history_user

    request = getattr(HistoricalRecords.context, "request", None)
    return history_user(request=request)


# Sessions: a row per signed-in session, gone at logout; a new password ends the others.
def _connect_session_receivers() -> None:
    from django.contrib.auth import get_user_model
    from django.db.models.signals import post_init

    from accounts import sessions

    user_model = get_user_model()
    user_logged_in.connect(sessions.track_login, dispatch_uid="zv_session_login")
    user_logged_out.connect(sessions.track_logout, dispatch_uid="zv_session_logout")
    post_init.connect(
        sessions.remember_password_hash, sender=user_model, dispatch_uid="zv_password_loaded"
    )
    post_save.connect(
        sessions.password_changed, sender=user_model, dispatch_uid="zv_password_changed"
    )


_connect_session_receivers()
