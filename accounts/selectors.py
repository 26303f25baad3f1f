"""Read-side of the accounts pages: the account list with its columns, one account, and the
audit log with its filters. Every list is a fixed number of queries, whatever its length."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts import sessions
from accounts.models import AuditEvent, OIDCIdentity, Passkey
from core.history import SYSTEM_USERNAME
from core.models import RoleAssignment

#: The account list's filters: value of ``?filter=`` → Dutch label. The first is the default.
ACCOUNT_FILTERS: dict[str, str] = {
    "zonder_rol": "Nieuwe accounts zonder rol",
    "inactief": "Inactieve accounts",
    "gedeactiveerd": "Gedeactiveerde accounts",
    "alle": "Alle accounts",
}


def inactive_cutoff():
    return timezone.now() - timedelta(days=settings.ZV_ACCOUNT_INACTIVE_DAYS)


def _count_subquery(queryset, field: str = "user"):
    counted = (
        queryset.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _second_factor_counts(queryset):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return queryset.annotate(
        totp_count=_count_subquery(TOTPDevice.objects.filter(confirmed=True)),
        passkey_count=_count_subquery(Passkey.objects.all()),
    )


def _with_columns(queryset):
    """Roles (with their region), providers and second-factor counts without N+1."""
    roles = RoleAssignment.objects.select_related("region").order_by("role", "region__name")
    return _second_factor_counts(queryset).prefetch_related(
        Prefetch("role_assignments", queryset=roles),
        Prefetch("oidc_identities", queryset=OIDCIdentity.objects.order_by("provider")),
    )


def account_list(filter_name: str, q: str = ""):
    """The accounts of one filter of ``ACCOUNT_FILTERS``, searched by ``q`` (name, username or
    e-mail address), with the columns of the list."""
    users = get_user_model().objects.exclude(username=SYSTEM_USERNAME)
    if filter_name == "zonder_rol":
        users = users.filter(
            is_active=True, is_staff=False, is_superuser=False, role_assignments__isnull=True
        ).order_by("-date_joined", "-pk")
    elif filter_name == "inactief":
        cutoff = inactive_cutoff()
        users = users.filter(is_active=True).filter(
            Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff)
        )
        users = users.order_by(Coalesce("last_login", "date_joined").asc(), "username")
    elif filter_name == "gedeactiveerd":
        users = users.filter(is_active=False).order_by("last_name", "first_name", "username")
    elif filter_name == "alle":
        users = users.order_by("last_name", "first_name", "username")
    else:
        raise ValueError(filter_name)
    q = (q or "").strip()
    if q:
        for word in q.split()[:5]:
            users = users.filter(
                Q(username__icontains=word)
                | Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
            )
    return _with_columns(users)


def account_detail(pk: int):
    """One account with its roles, providers and second-factor counts (``DoesNotExist`` when
    there is none)."""
    return _with_columns(get_user_model().objects.all()).get(pk=pk)


def live_sessions_of(user):
    """The user's sessions that are still signed in, most recently active first."""
    return sessions.live_sessions(user.portal_sessions.all()).order_by("-last_seen", "-pk")


def audit_events(cleaned: dict):
    """The audit log filtered by the cleaned data of ``forms.AuditFilterForm``."""
    events = AuditEvent.objects.only(
        "at", "username", "kind", "ip_address", "target", "detail"
    ).order_by("-at", "-id")
    if cleaned.get("kind"):
        events = events.filter(kind=cleaned["kind"])
    if cleaned.get("user"):
        events = events.filter(username__icontains=cleaned["user"])
    if cleaned.get("date_from"):
        events = events.filter(at__date__gte=cleaned["date_from"])
    if cleaned.get("date_to"):
        events = events.filter(at__date__lte=cleaned["date_to"])
    if cleaned.get("ip"):
        events = events.filter(ip_address__startswith=cleaned["ip"])
    return events
