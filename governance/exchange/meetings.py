"""Part ``vergaderingen``: the section ``meetings`` (meetings of the region's bodies and their
agenda items). Agenda items refer to actions and knelpunten by key, so the part requires
``werkagenda``. Vergaderstukken (the uploaded files) are not part of the format.

Since version 3 a meeting carries its cycle: the state of its agenda, its attendance (members
by membership reference, guests by name), the changes to its agenda after publication, and
the versions of its minutes; an agenda item may adopt the minutes of an earlier meeting. The
content of adopted minutes is not in the file: an import composes it again
(:func:`_snapshot_adopted`). Personal notes are never part of the format."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from governance.constants import (
    AgendaChangeKind,
    AgendaItemKind,
    AgendaState,
    AttendanceStatus,
    MeetingStatus,
    MembershipRole,
    MinutesState,
)
from governance.exchange.context import ImportContext, Pending
from governance.exchange.errors import Problems
from governance.exchange.keys import RegionKeys, membership_key
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
from governance.exchange.values import moment, parse_moment, s, sorted_items
from governance.models import (
    AgendaChange,
    AgendaItem,
    Attendance,
    Body,
    Meeting,
    Minutes,
    Region,
)
from governance.selectors.minutes import compose_minutes

_ROLE_ORDER = {value: index for index, value in enumerate(MembershipRole.values)}


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
                # version 3: the meeting cycle
                "agenda_state": enum(AgendaState),
                "agenda_submitted_at": MOMENT_OR_NULL,
                "agenda_published_at": MOMENT_OR_NULL,
                "agenda_publish_reason": text(),
                "agenda_chair_remark": text(),
                "attendance": array(ref("attendance")),
                "agenda_changes": array(ref("agenda_change")),
                "minutes": array(ref("minutes")),
            }
        ),
        "attendance": obj(
            {
                "member": ref("membership_ref_or_null"),
                "guest_name": text(Attendance, "guest_name"),
                "guest_organisation": text(Attendance, "guest_organisation"),
                "status": enum(AttendanceStatus),
                "substitute_person": key_ref("De key van een persoon uit persons, of null."),
                "substitute_name": text(Attendance, "substitute_name"),
                "announced_at": MOMENT_OR_NULL,
                "remark": text(Attendance, "remark"),
            }
        ),
        "agenda_change": obj(
            {
                "item": {
                    "type": ["integer", "null"],
                    "minimum": 1,
                    "description": "Plaats van het agendapunt in items (vanaf 1), of null.",
                },
                "kind": enum(AgendaChangeKind),
                "description": text(AgendaChange, "description", required=True),
                "at": MOMENT,
            }
        ),
        "minutes": obj(
            {
                "number": {"type": "integer", "minimum": 1, "maximum": 32767},
                "state": enum(MinutesState),
                "corrections": text(),
                "reason": text(),
                "adopted_at": MOMENT_OR_NULL,
                "adopted_on_item": ref("agenda_item_ref_or_null"),
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
                # version 3
                "minutes_text": text(),
                "adopts_minutes_of": key_ref(
                    "De key van een eerdere vergadering van hetzelfde gremium waarvan dit punt "
                    "het verslag vaststelt, of null."
                ),
            }
        ),
    }


def _attendance_sort_key(line: dict[str, Any]) -> tuple:
    member = line["member"]
    if member is None:
        return (1, 0, "", "", line["guest_name"], line["guest_organisation"])
    return (0, _ROLE_ORDER.get(member["role"], 99), s(member["person"]), s(member["start"]), "", "")


def export_meetings(region: Region, keys: RegionKeys) -> list[dict[str, Any]]:
    items: dict[str, list[AgendaItem]] = {}
    for (meeting_key, _position), item in keys.agenda_items.items():
        items.setdefault(meeting_key, []).append(item)  # already in the order of positions
    meeting_keys = {meeting.pk: key_ for key_, meeting in keys.meetings.items()}
    seats = {m.pk: m for body in keys.bodies.values() for m in body.memberships.all()}
    in_region = {"meeting__body__region": region}
    attendance: dict[int, list[Attendance]] = {}
    for line in Attendance.objects.filter(**in_region).order_by("pk"):
        attendance.setdefault(line.meeting_id, []).append(line)
    changes: dict[int, list[AgendaChange]] = {}
    for change in AgendaChange.objects.filter(**in_region).order_by("at", "pk"):
        changes.setdefault(change.meeting_id, []).append(change)
    minutes: dict[int, list[Minutes]] = {}
    for version in Minutes.objects.filter(**in_region).order_by("number", "pk"):
        minutes.setdefault(version.meeting_id, []).append(version)

    def position(pk: int | None) -> int | None:
        found = keys.agenda_item_ref(pk)
        return None if found is None else found["item"]

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
                    "minutes_text": item.minutes_text,
                    "adopts_minutes_of": meeting_keys.get(item.adopts_minutes_of_id),
                }
                for item in items.get(key_, [])
            ],
            "agenda_state": meeting.agenda_state,
            "agenda_submitted_at": moment(meeting.agenda_submitted_at),
            "agenda_published_at": moment(meeting.agenda_published_at),
            "agenda_publish_reason": meeting.agenda_publish_reason,
            "agenda_chair_remark": meeting.agenda_chair_remark,
            "attendance": sorted_items(
                (
                    {
                        "member": keys.membership_ref(seats.get(line.membership_id)),
                        "guest_name": line.guest_name,
                        "guest_organisation": line.guest_organisation,
                        "status": line.status,
                        "substitute_person": keys.person_key(line.substitute_person_id),
                        "substitute_name": line.substitute_name,
                        "announced_at": moment(line.announced_at),
                        "remark": line.remark,
                    }
                    for line in attendance.get(meeting.pk, [])
                ),
                _attendance_sort_key,
            ),
            "agenda_changes": [
                {
                    "item": position(change.agenda_item_id),
                    "kind": change.kind,
                    "description": change.description,
                    "at": moment(change.at),
                }
                for change in changes.get(meeting.pk, [])
            ],
            "minutes": [
                {
                    "number": version.number,
                    "state": version.state,
                    "corrections": version.corrections,
                    "reason": version.reason,
                    "adopted_at": moment(version.adopted_at),
                    "adopted_on_item": keys.agenda_item_ref(version.adopted_on_item_id),
                }
                for version in minutes.get(meeting.pk, [])
            ],
        }
        for key_, meeting in keys.meetings.items()
    ]


_MOMENTS = ("starts_at", "ends_at", "agenda_submitted_at", "agenda_published_at")


def _moment_problems(problems: Problems, at: tuple, item: dict, fields: tuple) -> None:
    for field in fields:
        try:
            parse_moment(item[field])
        except ValueError:
            problems.add((*at, field), invalid_moment(item[field]))


def _validate_attendance(
    problems: Problems, at: tuple, meeting: dict[str, Any], refs: DocumentRefs
) -> None:
    seen: set = set()
    for a, line in enumerate(meeting["attendance"]):
        here = (*at, "attendance", a)
        _moment_problems(problems, here, line, ("announced_at",))
        member = line["member"]
        if member is None:
            if not line["guest_name"].strip():
                problems.add(
                    (*here, "guest_name"),
                    _("Een regel zonder lid (‘member’ is null) is een gast: vul de naam in."),
                )
        else:
            problem = refs.membership(member)
            problems.check((*here, "member"), problem)
            if not problem and member["body"] != meeting["body"]:
                problems.add(
                    (*here, "member", "body"),
                    _(
                        "Dit lidmaatschap is van ‘%(member)s’, niet van ‘%(body)s’: alleen leden "
                        "van het gremium van de vergadering staan in de aanwezigheid."
                    )
                    % {"member": member["body"], "body": meeting["body"]},
                )
            for field in ("guest_name", "guest_organisation"):
                if line[field]:
                    problems.add(
                        (*here, field),
                        _("Een lid is geen gast: laat dit veld leeg als ‘member’ is ingevuld."),
                    )
            if membership_key(member) in seen:
                problems.add(
                    (*here, "member"),
                    _("Dit lid staat meer dan eens in de aanwezigheid van deze vergadering."),
                )
            seen.add(membership_key(member))
        problems.check((*here, "substitute_person"), refs.person(line["substitute_person"]))
        substitute = line["substitute_person"] is not None or line["substitute_name"]
        if substitute and line["status"] != AttendanceStatus.VERVANGEN:
            problems.add(
                (*here, "status"),
                _("Een vervanger hoort alleen bij de aanwezigheid ‘vervangen’."),
            )
        if line["substitute_person"] is not None and line["substitute_name"]:
            problems.add(
                (*here, "substitute_name"),
                _("Geef de vervanger als persoon óf als naam, niet allebei."),
            )


def _validate_minutes(
    problems: Problems,
    at: tuple,
    meeting: dict[str, Any],
    refs: DocumentRefs,
    bodies: dict[str, str],
) -> None:
    numbers: set[int] = set()
    for v, version in enumerate(meeting["minutes"]):
        here = (*at, "minutes", v)
        _moment_problems(problems, here, version, ("adopted_at",))
        if version["number"] in numbers:
            problems.add(
                (*here, "number"),
                _("Versie %s van het verslag komt meer dan eens voor.") % version["number"],
            )
        numbers.add(version["number"])
        adopted = version["state"] == MinutesState.VASTGESTELD
        if adopted and version["adopted_at"] is None:
            problems.add(
                (*here, "adopted_at"),
                _("Een vastgesteld verslag heeft een moment van vaststelling."),
            )
        if not adopted:
            for field in ("adopted_at", "adopted_on_item"):
                if version[field] is not None:
                    problems.add(
                        (*here, field),
                        _("Een conceptverslag is nog niet vastgesteld: dit veld is null."),
                    )
        reference = version["adopted_on_item"]
        found = refs.agenda_item(reference)
        if found:
            problems.add((*here, "adopted_on_item", *found[0]), found[1])
        elif reference is not None and bodies.get(reference["meeting"]) != meeting["body"]:
            problems.add(
                (*here, "adopted_on_item", "meeting"),
                _("Het verslag wordt vastgesteld in een vergadering van hetzelfde gremium (‘%s’).")
                % meeting["body"],
            )


def validate_meetings(data: list[dict], refs: DocumentRefs) -> Problems:
    problems = Problems()
    unique(problems, data, ("meetings",), "key", _("Vergadersleutel"))
    bodies = {meeting["key"]: meeting["body"] for meeting in data}
    for m, meeting in enumerate(data):
        at = ("meetings", m)
        problems.check((*at, "body"), refs.body(meeting["body"]))
        _moment_problems(problems, at, meeting, _MOMENTS)
        for i, item in enumerate(meeting["items"]):
            problems.check((*at, "items", i, "action"), refs.action(item["action"]))
            problems.check((*at, "items", i, "knelpunt"), refs.knelpunt(item["knelpunt"]))
            adopts = item["adopts_minutes_of"]
            here = (*at, "items", i, "adopts_minutes_of")
            problem = refs.meeting(adopts)
            problems.check(here, problem)
            if adopts is None or problem:
                continue
            if adopts == meeting["key"]:
                problems.add(here, _("Een vergadering stelt niet haar eigen verslag vast."))
            elif bodies[adopts] != meeting["body"]:
                problems.add(
                    here,
                    _("‘%(key)s’ is een vergadering van ‘%(other)s’, niet van ‘%(body)s’.")
                    % {"key": adopts, "other": bodies[adopts], "body": meeting["body"]},
                )
        _validate_attendance(problems, at, meeting, refs)
        for c, change in enumerate(meeting["agenda_changes"]):
            _moment_problems(problems, (*at, "agenda_changes", c), change, ("at",))
            count = len(meeting["items"])
            if change["item"] is not None and change["item"] > count:
                problems.add(
                    (*at, "agenda_changes", c, "item"),
                    _("Deze vergadering heeft geen agendapunt %(item)s (het heeft er %(count)s).")
                    % {"item": change["item"], "count": count},
                )
        _validate_minutes(problems, at, meeting, refs, bodies)
    return problems


def _snapshot_adopted(minutes_rows: list[Minutes]) -> None:
    """Adopted versions get the composed minutes of their meeting as ``content`` (the file
    does not carry it). Runs when the import finishes, after the actions that decisions
    created are linked to their agenda items, so that the composition names them."""
    adopted = [row for row in minutes_rows if row.state == MinutesState.VASTGESTELD]
    for row in adopted:
        row.content = compose_minutes(row.meeting)
    if adopted:
        Minutes.objects.bulk_update(adopted, ["content"])


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
            agenda_state=item["agenda_state"],
            agenda_submitted_at=parse_moment(item["agenda_submitted_at"]),
            agenda_published_at=parse_moment(item["agenda_published_at"]),
            agenda_publish_reason=item["agenda_publish_reason"],
            agenda_chair_remark=item["agenda_chair_remark"],
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
            adopts_ok, adopts = ctx.lookup(result.meetings, entry["adopts_minutes_of"])
            if not (action_ok and knelpunt_ok and adopts_ok):
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
                minutes_text=entry["minutes_text"],
                adopts_minutes_of=adopts,
            )
            positions[id(agenda_item)] = (item["key"], i + 1)
            pending.append((agenda_item, ("meetings", m, "items", i), entry))
    result.agenda_items = {positions[id(x)]: x for x in ctx.create(AgendaItem, pending)}
    _import_cycle(data, ctx)


def _import_cycle(data: list[dict], ctx: ImportContext) -> None:
    """Attendance, changes after publication and minutes of the meetings just created."""
    result = ctx.result
    lines: list[Pending] = []
    changes: list[Pending] = []
    versions: list[Pending] = []
    for m, item in enumerate(data):
        meeting = result.meetings.get(item["key"])
        if meeting is None:
            continue
        at = ("meetings", m)
        for a, line in enumerate(item["attendance"]):
            membership = None
            if line["member"] is not None:
                membership = result.memberships.get(membership_key(line["member"]))
            substitute_ok, substitute = ctx.lookup(result.persons, line["substitute_person"])
            if (line["member"] is not None and membership is None) or not substitute_ok:
                continue  # a refused seat or person: its error is recorded
            obj = Attendance(
                meeting=meeting,
                membership=membership,
                status=line["status"],
                substitute_person=substitute,
                substitute_name=line["substitute_name"],
                guest_name=line["guest_name"],
                guest_organisation=line["guest_organisation"],
                announced_at=parse_moment(line["announced_at"]),
                remark=line["remark"],
            )
            lines.append((obj, (*at, "attendance", a), line))
        for c, change in enumerate(item["agenda_changes"]):
            agenda_item = None
            if change["item"] is not None:
                agenda_item = result.agenda_items.get((item["key"], change["item"]))
                if agenda_item is None:
                    continue
            obj = AgendaChange(
                meeting=meeting,
                agenda_item=agenda_item,
                kind=change["kind"],
                description=change["description"],
                at=parse_moment(change["at"]),
            )
            changes.append((obj, (*at, "agenda_changes", c), change))
        for v, version in enumerate(item["minutes"]):
            obj = Minutes(
                meeting=meeting,
                number=version["number"],
                state=version["state"],
                corrections=version["corrections"],
                reason=version["reason"],
                adopted_at=parse_moment(version["adopted_at"]),
                adopted_on_item=result.agenda_item(version["adopted_on_item"]),
            )
            versions.append((obj, (*at, "minutes", v), version))
    ctx.create(Attendance, lines)
    ctx.create(AgendaChange, changes)
    created = ctx.create(Minutes, versions)
    ctx.defer(lambda: _snapshot_adopted(list(created)))


MEETINGS = Section(
    name="meetings",
    part="vergaderingen",
    requires=("werkagenda",),
    schema=meetings_schema,
    export=export_meetings,
    validate=validate_meetings,
    import_=import_meetings,
    # Agendas (concepts too), attendance remarks and minutes: like the pages, only for the
    # people of the region — never national readers or the functioneel beheerder without a
    # role there (DESIGN §2: what a user cannot see is not exported either).
    permission="governance.view_minutes",
)
