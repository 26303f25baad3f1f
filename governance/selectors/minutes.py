"""The minutes of a meeting: the composition (verslag and besluitenlijst) and its versions.

``compose_minutes(meeting)`` is a pure function of the database state: the same meeting in the
same state gives the same dict, which is JSON-serialisable as it is. It is what an adopted
version keeps in ``Minutes.content`` (``governance.services.minutes``) and what the pages show
live while the minutes are concept; the region exchange format calls it at import to fill the
content of adopted versions.

What counts as a **decision** (besluitenlijst and besluitenregister alike): an agenda item with
an outcome whose kind is *besluiten*, or that created an action, or whose action was moved by
the decision. The "moved" action of an item is the action the item is about
(``AgendaItem.action``), with the list it is on at the time of composition: for adopted
minutes that is the list at adoption.

Queries: the attendance sheet (two), the items with their action, trekker and adopted meeting
(one), the actions the decisions created with their trekker (one) — four, at any size.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.constants import AgendaItemKind, MeetingStatus, MinutesState
from governance.models import Action, AgendaItem, Meeting, Minutes
from governance.selectors.attendance import attendance_sheet

#: Version of the structure of ``compose_minutes``; kept in every composition.
COMPOSITION_FORMAT = 1


def _iso(value) -> str | None:
    if value is None:
        return None
    if hasattr(value, "tzinfo"):
        return timezone.localtime(value).isoformat()
    return value.isoformat()


def _trekker(action: Action) -> str:
    membership = action.trekker
    if membership is None:
        return ""
    if membership.person_id:
        return membership.person.name
    return membership.member_display


def _action(action: Action) -> dict:
    return {
        "id": action.pk,
        "title": action.title,
        "list": action.list,
        "list_label": action.get_list_display(),
        "trekker": _trekker(action),
        "due_date": _iso(action.due_date),
    }


def is_decision(item: AgendaItem, created: list) -> bool:
    """An item with an outcome that is a decision (see the module's docstring)."""
    if not item.outcome.strip():
        return False
    return bool(item.kind == AgendaItemKind.BESLUITEN or created or item.action_id)


def _who(membership) -> str:
    return membership.person.name if membership.person_id else membership.member_display


def compose_minutes(meeting: Meeting) -> dict:
    """The minutes of ``meeting`` as they stand in the database (see the module docstring)."""
    sheet = attendance_sheet(meeting)
    quorum = sheet.quorum
    quorum_missed = bool(quorum and quorum.missed)
    members = []
    for membership, line in sheet.members:
        members.append(
            {
                "name": _who(membership),
                "organisation": str(membership.organisation or membership.municipality or ""),
                "role": membership.role,
                "role_label": membership.get_role_display(),
                "status": line.status if line else "",
                "status_label": line.get_status_display() if line else _("Niet vastgelegd"),
                "substitute": line.substitute_display if line else "",
                "remark": line.remark if line else "",
            }
        )
    guests = [
        {
            "name": g.guest_name,
            "organisation": g.guest_organisation,
            "status": g.status,
            "status_label": g.get_status_display(),
        }
        for g in sheet.guests
    ]
    items = (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("action__trekker__person", "adopts_minutes_of__body")
        .prefetch_related(
            Prefetch(
                "created_actions",
                queryset=Action.objects.select_related("trekker__person").order_by("title", "pk"),
            )
        )
        .order_by("order", "pk")
    )
    composed_items = []
    for item in items:
        created = list(item.created_actions.all())
        decision = is_decision(item, created)
        adopted = item.adopts_minutes_of
        composed_items.append(
            {
                "id": item.pk,
                "order": item.order,
                "title": item.title,
                "kind": item.kind,
                "kind_label": item.get_kind_display(),
                "outcome": item.outcome,
                "minutes_text": item.minutes_text,
                "is_decision": decision,
                "without_quorum": decision and quorum_missed,
                "created_actions": [_action(a) for a in created],
                "moved_action": _action(item.action) if item.action_id else None,
                "adopts_minutes_of": (
                    {"id": adopted.pk, "label": str(adopted)} if adopted is not None else None
                ),
            }
        )
    body = meeting.body
    return {
        "format": COMPOSITION_FORMAT,
        "meeting": {
            "id": meeting.pk,
            "title": meeting.display_title,
            "label": str(meeting),
            "body": body.name,
            "body_id": body.pk,
            "starts_at": _iso(meeting.starts_at),
            "ends_at": _iso(meeting.ends_at),
            "location": meeting.location,
            "status": meeting.status,
        },
        "attendance": {
            "recorded": sheet.recorded,
            "members": members,
            "guests": guests,
            "quorum": {
                "applies": bool(quorum and quorum.applies),
                "required": quorum.required if quorum else None,
                "present": quorum.present if quorum else 0,
                "unit_label": quorum.unit_label if quorum else "",
                "met": bool(quorum is None or quorum.met),
                "message": quorum.message if quorum else "",
            },
        },
        "items": composed_items,
        "decided_without_quorum": any(i["without_quorum"] for i in composed_items),
    }


def minutes_versions(meeting: Meeting) -> list[Minutes]:
    """Every version of the minutes of ``meeting``, oldest first (one query)."""
    return list(
        Minutes.objects.filter(meeting=meeting)
        .select_related("adopted_on_item__meeting", "adopted_by")
        .order_by("number")
    )


def latest_version(versions: list[Minutes]) -> Minutes | None:
    return versions[-1] if versions else None


def minutes_view(meeting: Meeting, number: int | None = None) -> dict:
    """What the verslag and besluitenlijst pages show: the chosen version (the latest without
    ``number``), its content (the stored content of an adopted version, the live composition of
    a concept), and all versions. ``version`` is None when there are none yet: the page shows
    the live composition as a draft. ``LookupError`` for a version number that does not exist.
    """
    versions = minutes_versions(meeting)
    if number is None:
        version = latest_version(versions)
    else:
        version = next((v for v in versions if v.number == number), None)
        if version is None:
            raise LookupError(number)
    if version is not None and version.state == MinutesState.VASTGESTELD and version.content:
        content = version.content
    else:
        content = compose_minutes(meeting)
    return {
        "version": version,
        "versions": versions,
        "content": content,
        "is_adopted": version is not None and version.state == MinutesState.VASTGESTELD,
        "is_latest": version is None or version is latest_version(versions),
    }


def pending_adoption_item(meeting: Meeting) -> AgendaItem | None:
    """The item of a later, not cancelled meeting that is to adopt ``meeting``'s minutes."""
    return (
        AgendaItem.objects.filter(adopts_minutes_of=meeting)
        .exclude(meeting__status=MeetingStatus.GEANNULEERD)
        .select_related("meeting__body")
        .order_by("meeting__starts_at", "pk")
        .first()
    )


def meeting_minutes_status(meeting: Meeting) -> dict:
    """For the meeting page: the latest version of its minutes (or None) and the item that is
    to adopt them. Two queries."""
    latest = (
        Minutes.objects.filter(meeting=meeting)
        .only("pk", "number", "state", "adopted_at", "meeting_id", "version")
        .order_by("-number")
        .first()
    )
    pending = pending_adoption_item(meeting)
    held = meeting.status == MeetingStatus.GEHOUDEN or (
        meeting.status != MeetingStatus.GEANNULEERD and meeting.starts_at <= timezone.now()
    )
    return {
        "minutes_latest": latest,
        "minutes_adoption_item": pending,
        "minutes_can_offer": held and pending is None and not (latest and latest.is_adopted),
    }
