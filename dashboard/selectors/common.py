"""Building blocks of the dashboard reads: a first page with its total in one query, the user's
current seats, the next meeting per body, the flags of an action."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, OuterRef, Q, Subquery, Window
from django.utils import timezone

from governance.constants import STALE_AFTER_DAYS, BodyStatus
from governance.models import Action, Meeting, Membership, Person


def _top(queryset, n: int) -> tuple[list, int]:
    """The first ``n`` rows and the total number of rows, in one query (a window count)."""
    rows = list(queryset.annotate(total_rows=Window(Count("pk")))[:n])
    return rows, (rows[0].total_rows if rows else 0)


def _top_values(queryset, n: int, *fields: str) -> tuple[list[dict], int]:
    """:func:`_top` as dictionaries of ``fields``."""
    rows = list(queryset.annotate(total_rows=Window(Count("pk"))).values(*fields, "total_rows")[:n])
    return rows, (rows[0]["total_rows"] if rows else 0)


def _current_seats(user):
    """Current memberships of the user's linked persons in active bodies of readable regions.

    One query (body and region joined)."""
    today = timezone.localdate()
    return (
        Membership.objects.visible_to(user)
        .valid_on(today)
        .filter(person__user=user, body__status=BodyStatus.ACTIEF)
        .filter(Q(body__established_on__isnull=True) | Q(body__established_on__lte=today))
        .select_related("body__region")
        .order_by("body__region__name", "body__name", "pk")
    )


def _next_meetings(bodies, now) -> dict[int, Meeting]:
    """The next (not cancelled) meeting of each body in ``bodies``, with ``item_count``.

    One query: a subquery picks the next meeting per body."""
    next_id = Subquery(
        Meeting.objects.filter(body=OuterRef("pk"))
        .upcoming(now)
        .order_by("starts_at", "pk")
        .values("pk")[:1]
    )
    meetings = (
        Meeting.objects.filter(pk__in=bodies.annotate(next_id=next_id).values("next_id"))
        .select_related("body")
        .annotate(item_count=Count("items"))
    )
    return {m.body_id: m for m in meetings}


def _with_flags(actions, today) -> list[Action]:
    stale_before = today - timedelta(days=STALE_AFTER_DAYS)
    for action in actions:
        action.overdue = action.due_date is not None and action.due_date < today
        action.stale = action.last_update_on < stale_before
    return actions


def has_linked_person(user) -> bool:
    return Person.objects.filter(user=user).exists()
