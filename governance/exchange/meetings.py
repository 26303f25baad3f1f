"""Part ``vergaderingen``: the section ``meetings`` (meetings of the region's bodies and their
agenda items). Agenda items refer to actions and knelpunten by key, so the part requires
``werkagenda``. Vergaderstukken (the uploaded files) are not part of the format."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from governance.constants import AgendaItemKind, MeetingStatus
from governance.exchange.context import ImportContext, Pending
from governance.exchange.errors import Problems
from governance.exchange.keys import RegionKeys
from governance.exchange.parse import invalid_moment
from governance.exchange.refs import DocumentRefs, unique
from governance.exchange.schema import (
    MOMENT,
    MOMENT_OR_NULL,
    array,
    enum,
    key,
    key_ref,
    obj,
    ref,
    text,
)
from governance.exchange.sections import Section
from governance.exchange.values import moment, parse_moment
from governance.models import AgendaItem, Body, Meeting, Region


def meetings_schema() -> tuple[dict[str, Any], dict[str, Any]]:
    return array(ref("meeting")), {
        "meeting": obj(
            {
                "key": key("Sleutel van de vergadering binnen dit bestand."),
                "body": text(Body, "name", required=True, description="Naam van een gremium."),
                "title": text(Meeting, "title"),
                "starts_at": MOMENT,
                "ends_at": MOMENT_OR_NULL,
                "location": text(Meeting, "location"),
                "status": enum(MeetingStatus),
                "note": text(),
                "items": array(ref("agenda_item")),
            }
        ),
        "agenda_item": obj(
            {
                "order": {"type": "integer", "minimum": 0, "maximum": 32767},
                "title": text(AgendaItem, "title", required=True),
                "kind": enum(AgendaItemKind),
                "description": text(),
                "action": key_ref("De key van een actie uit actions, of null."),
                "knelpunt": key_ref("De key van een knelpunt uit knelpunten, of null."),
                "outcome": text(),
            }
        ),
    }


def export_meetings(region: Region, keys: RegionKeys) -> list[dict[str, Any]]:
    items: dict[str, list[AgendaItem]] = {}
    for (meeting_key, _position), item in keys.agenda_items.items():
        items.setdefault(meeting_key, []).append(item)  # already in the order of positions
    return [
        {
            "key": key_,
            "body": keys.body_name(meeting.body_id),
            "title": meeting.title,
            "starts_at": moment(meeting.starts_at),
            "ends_at": moment(meeting.ends_at),
            "location": meeting.location,
            "status": meeting.status,
            "note": meeting.note,
            "items": [
                {
                    "order": item.order,
                    "title": item.title,
                    "kind": item.kind,
                    "description": item.description,
                    "action": keys.action_key(item.action_id),
                    "knelpunt": keys.knelpunt_key(item.knelpunt_id),
                    "outcome": item.outcome,
                }
                for item in items.get(key_, [])
            ],
        }
        for key_, meeting in keys.meetings.items()
    ]


def validate_meetings(data: list[dict], refs: DocumentRefs) -> Problems:
    problems = Problems()
    unique(problems, data, ("meetings",), "key", _("Vergadersleutel"))
    for m, meeting in enumerate(data):
        at = ("meetings", m)
        problems.check((*at, "body"), refs.body(meeting["body"]))
        for field in ("starts_at", "ends_at"):
            try:
                parse_moment(meeting[field])
            except ValueError:
                problems.add((*at, field), invalid_moment(meeting[field]))
        for i, item in enumerate(meeting["items"]):
            problems.check((*at, "items", i, "action"), refs.action(item["action"]))
            problems.check((*at, "items", i, "knelpunt"), refs.knelpunt(item["knelpunt"]))
    return problems


def import_meetings(data: list[dict], ctx: ImportContext) -> None:
    result = ctx.result
    pending: list[Pending] = []
    keys: dict[int, str] = {}
    for m, item in enumerate(data):
        body = result.bodies.get(item["body"])
        if body is None:
            continue
        meeting = Meeting(
            body=body,
            title=item["title"],
            starts_at=parse_moment(item["starts_at"]),
            ends_at=parse_moment(item["ends_at"]),
            location=item["location"],
            status=item["status"],
            note=item["note"],
            # Until the format carries the agenda's state, an imported agenda is out.
            agenda_state="definitief",
        )
        keys[id(meeting)] = item["key"]
        pending.append((meeting, ("meetings", m), item))
    result.meetings = {keys[id(x)]: x for x in ctx.create(Meeting, pending)}

    pending = []
    positions: dict[int, tuple[str, int]] = {}
    for m, item in enumerate(data):
        meeting = result.meetings.get(item["key"])
        if meeting is None:
            continue
        for i, entry in enumerate(item["items"]):
            action_ok, action = ctx.lookup(result.actions, entry["action"])
            knelpunt_ok, knelpunt = ctx.lookup(result.knelpunten, entry["knelpunt"])
            if not (action_ok and knelpunt_ok):
                continue
            agenda_item = AgendaItem(
                meeting=meeting,
                order=entry["order"],
                title=entry["title"],
                kind=entry["kind"],
                description=entry["description"],
                action=action,
                knelpunt=knelpunt,
                outcome=entry["outcome"],
            )
            positions[id(agenda_item)] = (item["key"], i + 1)
            pending.append((agenda_item, ("meetings", m, "items", i), entry))
    result.agenda_items = {positions[id(x)]: x for x in ctx.create(AgendaItem, pending)}


MEETINGS = Section(
    name="meetings",
    part="vergaderingen",
    requires=("werkagenda",),
    schema=meetings_schema,
    export=export_meetings,
    validate=validate_meetings,
    import_=import_meetings,
)
