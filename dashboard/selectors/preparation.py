"""The bestuurder's meeting preparation: the overview of their bodies' next meetings, and
everything a member reads before one meeting."""

from __future__ import annotations

from datetime import datetime, time

from django.db.models import Count, F, Q
from django.utils import timezone

from casereflection import followup as reflection_followup
from core.constants import Role
from core.roles import region_ids_with_role
from dashboard.selectors.changes import region_changes_since
from dashboard.selectors.common import (
    _current_seats,
    _next_meetings,
    _with_flags,
    has_linked_person,
)
from governance.checks.base import months_before
from governance.constants import CHAIR_ROLES, AgendaState, KnelpuntStatus, MeetingStatus
from governance.models import Action, AgendaItem, Body, Document, Knelpunt, Meeting, Region
from governance.selectors import werkagenda as werkagenda_selectors
from governance.selectors.agenda import annotate_agenda, documents_deadline
from governance.selectors.findings import open_findings

HISTORY_FALLBACK_MONTHS = 3


def _chairs_on(seats, meeting) -> bool:
    """One of ``seats`` (the user's memberships of the meeting's body) is a chair seat on the
    meeting date: the rule ``governance.is_meeting_chair`` without a query."""
    day = timezone.localdate(meeting.starts_at)
    return any(
        seat.role in CHAIR_ROLES
        and (seat.start is None or seat.start <= day)
        and (seat.end is None or seat.end > day)
        for seat in seats
    )


def preparation_overview(user, now=None) -> dict:
    """Per body the user sits on: the next meeting with a short summary.

    Queries: seats (1), next meetings (1), trekker counts (1), structure checks per region of
    the seats (six each), and for a secretary the next meetings of their regions (2)."""
    now = now or timezone.now()
    seats = list(_current_seats(user))
    bodies: dict[int, dict] = {}
    for seat in seats:
        entry = bodies.setdefault(seat.body_id, {"body": seat.body, "roles": [], "seats": []})
        entry["roles"].append(seat.get_role_display())
        entry["seats"].append(seat)
    body_ids = list(bodies)
    next_meetings = _next_meetings(Body.objects.filter(pk__in=body_ids), now) if body_ids else {}
    region_ids = {e["body"].region_id for e in bodies.values()}
    trekker_counts = dict(
        Action.objects.open()
        .filter(region__in=region_ids, trekker__person__user=user)
        .values_list("region")
        .annotate(n=Count("pk"))
        .order_by()
    )
    findings_count: dict[int, int] = {}
    for region_id in sorted(region_ids):
        region = next(e["body"].region for e in bodies.values() if e["body"].region_id == region_id)
        for finding in open_findings(region):
            for body_id in finding.body_ids:
                findings_count[body_id] = findings_count.get(body_id, 0) + 1
    rows = []
    for body_id, entry in bodies.items():
        body = entry["body"]
        meeting = next_meetings.get(body_id)
        chairs = meeting is not None and _chairs_on(entry["seats"], meeting)
        rows.append(
            {
                "body": body,
                "region": body.region,
                "roles": entry["roles"],
                "meeting": meeting,
                # The agenda waits for this user's approval; members see it once it is out.
                "awaits_approval": chairs and meeting.agenda_state == AgendaState.TER_VASTSTELLING,
                "agenda_visible": meeting is not None
                and (chairs or meeting.agenda_state == AgendaState.DEFINITIEF),
                "trekker_actions": trekker_counts.get(body.region_id, 0),
                "findings": findings_count.get(body_id, 0),
            }
        )
    rows.sort(
        key=lambda r: (
            r["meeting"] is None,
            r["meeting"].starts_at if r["meeting"] else now,
            r["body"].name,
        )
    )
    context = {
        "rows": rows,
        "has_person": bool(seats) or has_linked_person(user),
        "region_meetings": None,
    }
    secretary_of = region_ids_with_role(user, Role.SECRETARY)
    if secretary_of:
        region_bodies = Body.objects.filter(region__in=secretary_of).valid_on(
            timezone.localdate(now)
        )
        upcoming = _next_meetings(region_bodies, now)
        regions = {r.pk: r for r in Region.objects.filter(pk__in=secretary_of)}
        for meeting in upcoming.values():
            meeting.body.region = regions[meeting.body.region_id]
        context["region_meetings"] = sorted(
            upcoming.values(), key=lambda m: (m.body.region.name, m.starts_at, m.pk)
        )
    return context


def previous_meeting(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(body_id=meeting.body_id, starts_at__lt=meeting.starts_at)
        .exclude(status=MeetingStatus.GEANNULEERD)
        .order_by("-starts_at", "-pk")
        .first()
    )


def _attach_documents(items) -> None:
    """``item.document_list`` for every agenda item: one query for the whole meeting."""
    by_item: dict[int, list] = {item.pk: [] for item in items}
    if by_item:
        for doc in (
            Document.objects.filter(agenda_item__in=list(by_item))
            .only("pk", "title", "agenda_item_id", "uploaded_at")
            .order_by("title", "pk")
        ):
            by_item[doc.agenda_item_id].append(doc)
    for item in items:
        item.document_list = by_item[item.pk]


def meeting_preparation(meeting: Meeting, region: Region, user) -> dict:
    """Everything a member reads before ``meeting``. Constant queries: agenda (1), its
    documents (1) and changes after publication (1) when the user may see them, the user's
    trekker actions (1), the body's other open actions (1), knelpunten (1), structure checks
    (6), the previous meeting (1), history (8), reflection follow-up (2)."""
    body = meeting.body
    now = timezone.now()
    today = timezone.localdate(now)
    # The agenda and its stukken only for who may see them (governance.view_agenda /
    # view_documents): before publication the secretary and the chair; others read "agenda
    # volgt". Stukken sent after the term are marked, changes after publication listed.
    can_view_agenda = user.has_perm("governance.view_agenda", meeting)
    can_view_documents = can_view_agenda and user.has_perm("governance.view_documents", meeting)
    items = []
    agenda = {"agenda_changes": [], "documents_deadline": documents_deadline(meeting)}
    if can_view_agenda:
        items = list(
            AgendaItem.objects.filter(meeting=meeting)
            .select_related("action", "knelpunt")
            .order_by("order", "pk")
        )
        _attach_documents(items if can_view_documents else [])
        for item in items:
            item.document_list = getattr(item, "document_list", [])
            item.document_count = len(item.document_list)
        agenda = annotate_agenda(meeting, items, documents_of=lambda item: item.document_list)
    open_actions = (
        Action.objects.in_region(region)
        .open()
        .with_last_update()
        .select_related("theme", "owning_body", "trekker__person", "trekker__body", "owner")
        .order_by(F("due_date").asc(nulls_last=True), "title", "pk")
    )
    mine = _with_flags(list(open_actions.filter(trekker__person__user=user)), today)
    mine_ids = {a.pk for a in mine}
    of_body = _with_flags(
        [
            a
            for a in open_actions.filter(Q(trekker__body=body) | Q(owning_body=body))
            if a.pk not in mine_ids
        ],
        today,
    )
    knelpunten = list(
        Knelpunt.objects.in_region(region)
        .filter(theme__bodies=body, status__in=(KnelpuntStatus.OPEN, KnelpuntStatus.BELEGD))
        .select_related("theme")
        .distinct()
        .order_by("theme__name", "title")
    )
    findings = [f for f in open_findings(region) if f.concerns(body.pk)]
    previous = previous_meeting(meeting)
    if previous is not None:
        since = previous.starts_at
    else:
        tz = timezone.get_current_timezone()
        since = datetime.combine(months_before(today, HISTORY_FALLBACK_MONTHS), time.min, tz)
    changes, changes_total = region_changes_since(region, since)
    follow_up = reflection_followup.meeting_follow_up(
        meeting,
        region,
        with_case_text=user.has_perm("casereflection.view_case_text", region),
    )
    return {
        **follow_up,
        **agenda,
        "can_view_agenda": can_view_agenda,
        "can_view_documents": can_view_documents,
        "meeting": meeting,
        "body": body,
        "items": items,
        "my_actions": mine,
        "stale_label": werkagenda_selectors.stale_label(),
        "body_actions": of_body,
        "knelpunten": knelpunten,
        "findings": findings,
        "previous": previous,
        "since": since,
        "changes": changes,
        "changes_total": changes_total,
        "has_person": has_linked_person(user),
    }
