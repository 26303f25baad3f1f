"""Reads of the notifications app."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce

from core.constants import Role
from core.history import SYSTEM_USERNAME
from core.models import RoleAssignment
from core.roles import is_staff, region_ids_with_role
from governance.models import Person
from notifications.constants import DEFAULT_MODE, MailStatus, event_kinds
from notifications.models import NotificationPreference, SentMail


def preferences_of(user) -> dict[str, str]:
    """The user's mode for every kind (one query; absent kinds get the default)."""
    stored = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "mode"))
    return {kind.value: stored.get(kind.value, DEFAULT_MODE) for kind in event_kinds()}


#: The problems of "Bereikbaarheid per e-mail": value of ``?soort=`` → Dutch label.
REACHABILITY_PROBLEMS: dict[str, str] = {
    "geen_adres": "Geen e-mailadres",
    "geweigerd": "Geweigerd door de mailserver",
    "mislukt": "Mislukt na alle pogingen",
}
_FINISHED = (MailStatus.VERZONDEN, MailStatus.GEWEIGERD, MailStatus.MISLUKT)
_BOUNCED = {"geweigerd": MailStatus.GEWEIGERD, "mislukt": MailStatus.MISLUKT}


@dataclass(frozen=True)
class ReachabilityRow:
    user: object
    problem: str  # a key of REACHABILITY_PROBLEMS
    mail: SentMail | None  # the last mail, refused or failed; None without an address
    regions: list[str]

    @property
    def problem_label(self) -> str:
        return REACHABILITY_PROBLEMS[self.problem]


def reachability_scope(user) -> set[int] | None:
    """The regions whose users ``user`` sees on the page: every region (None) for the
    functioneel beheerder, the regions where they are secretary otherwise."""
    if is_staff(user):
        return None
    return region_ids_with_role(user, Role.SECRETARY)


def unreachable_users(user, problem: str = "") -> list[ReachabilityRow]:
    """The active users in ``user``'s scope who cannot be reached by e-mail: no address, or
    the last mail to their current address was refused or failed. ``problem`` ("" for all)
    is a key of ``REACHABILITY_PROBLEMS``.

    A user belongs to a region through a role there or a person of the region linked to the
    account. Four queries, whatever the number of users: the users (with their last mail's
    id and status as subqueries), their roles and persons in scope, and those mails.
    """
    if problem and problem not in REACHABILITY_PROBLEMS:
        raise ValueError(problem)
    regions = reachability_scope(user)
    User = get_user_model()
    users = User.objects.filter(is_active=True).exclude(username=SYSTEM_USERNAME)
    if regions is not None:
        in_scope = Q(role_assignments__region_id__in=regions) | Q(persons__region_id__in=regions)
        users = users.filter(pk__in=User.objects.filter(in_scope).values("pk"))
    last = SentMail.objects.filter(
        recipient=OuterRef("pk"), address__iexact=OuterRef("email"), status__in=_FINISHED
    ).order_by(Coalesce("last_attempt_at", "sent_at", "created_at").desc(), "-pk")
    users = users.annotate(
        last_mail_id=Subquery(last.values("pk")[:1]),
        last_mail_status=Subquery(last.values("status")[:1]),
    )
    if problem == "geen_adres":
        users = users.filter(email="")
    elif problem:
        users = users.filter(last_mail_status=_BOUNCED[problem])
    else:
        users = users.filter(Q(email="") | Q(last_mail_status__in=list(_BOUNCED.values())))

    roles = RoleAssignment.objects.filter(region__isnull=False).select_related("region")
    persons = Person.objects.select_related("region").order_by()
    if regions is not None:
        roles = roles.filter(region_id__in=regions)
        persons = persons.filter(region_id__in=regions)
    users = users.prefetch_related(
        Prefetch("role_assignments", queryset=roles, to_attr="scoped_roles"),
        Prefetch("persons", queryset=persons, to_attr="scoped_persons"),
    ).order_by("last_name", "first_name", "username")
    found = list(users)
    mails = SentMail.objects.in_bulk([u.last_mail_id for u in found if u.last_mail_id])
    rows = []
    for found_user in found:
        names = {r.region.name for r in found_user.scoped_roles}
        names |= {p.region.name for p in found_user.scoped_persons}
        if not found_user.email:
            rows.append(ReachabilityRow(found_user, "geen_adres", None, sorted(names)))
        else:
            mail = mails[found_user.last_mail_id]
            rows.append(ReachabilityRow(found_user, mail.status, mail, sorted(names)))
    return rows
