"""Attendance of a meeting and its quorum.

Every membership of the body on the meeting date gets a line (recorded or not yet); guests
follow. The attendance rate and the quorum count only the seats that take part in the
decision (``VOTING_ROLES``): advisers, secretaries and agendaleden are listed but not counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from governance.constants import PRESENT_STATUSES, MembershipRole, QuorumUnit
from governance.models import Attendance, Meeting, Membership, Person

VOTING_ROLES = (
    MembershipRole.VOORZITTER,
    MembershipRole.PLV_VOORZITTER,
    MembershipRole.LID,
    MembershipRole.PORTEFEUILLEHOUDER,
)


@dataclass
class Quorum:
    """Whether a meeting had its quorum. ``required`` is None when the body has none."""

    required: int | None
    unit: str
    present: int
    unit_label: str = ""
    # Attendance was recorded by the secretary (announcements alone do not count): before
    # that, ``present`` is no finding yet and ``missed`` stays False.
    recorded: bool = True

    @property
    def applies(self) -> bool:
        return self.required is not None

    @property
    def met(self) -> bool:
        return self.required is None or self.present >= self.required

    @property
    def missed(self) -> bool:
        """The body has a quorum, the attendance was recorded and the quorum was not met: a
        decision of this meeting was taken without quorum."""
        return self.applies and self.recorded and not self.met

    @property
    def message(self) -> str:
        if self.required is None:
            return ""
        return _("Quorum %(required)s %(unit)s, aanwezig of vervangen: %(present)s.") % {
            "required": self.required,
            "unit": self.unit_label,
            "present": self.present,
        }


@dataclass
class AttendanceSheet:
    meeting: Meeting
    # (membership, Attendance or None), in the order of the body's member list
    members: list[tuple[Membership, Attendance | None]] = field(default_factory=list)
    guests: list[Attendance] = field(default_factory=list)
    quorum: Quorum | None = None

    @property
    def recorded(self) -> bool:
        return any(line is not None and line.announced_at is None for _m, line in self.members)

    @property
    def voting(self) -> list[tuple[Membership, Attendance | None]]:
        return [(m, a) for m, a in self.members if m.role in VOTING_ROLES]

    @property
    def present_count(self) -> int:
        return sum(1 for _m, a in self.voting if a is not None and a.status in PRESENT_STATUSES)

    @property
    def rate(self) -> float | None:
        """Voting members present or substituted ÷ voting members; None without members."""
        voting = self.voting
        return self.present_count / len(voting) if voting else None

    @property
    def announced(self) -> list[tuple[Membership, Attendance]]:
        """Members who announced their absence in advance."""
        return [(m, a) for m, a in self.members if a is not None and a.announced_at]


def members_on_meeting_day(meeting: Meeting):
    day = timezone.localdate(meeting.starts_at)
    return (
        Membership.objects.filter(body_id=meeting.body_id)
        .valid_on(day)
        .select_related("person", "organisation", "municipality")
        .order_by("role", "person__name", "pk")
    )


def quorum_of(body, present_memberships, *, recorded: bool = True) -> Quorum:
    """The quorum of ``body`` given the voting memberships that were present or substituted."""
    present_memberships = [m for m in present_memberships if m.role in VOTING_ROLES]
    if body.quorum_unit == QuorumUnit.GEMEENTEN:
        present = len({m.municipality_id for m in present_memberships if m.municipality_id})
        unit_label = _("gemeenten")
    else:
        present = len(present_memberships)
        unit_label = _("leden")
    return Quorum(
        required=body.quorum,
        unit=body.quorum_unit,
        present=present,
        unit_label=unit_label,
        recorded=recorded,
    )


def attendance_sheet(meeting: Meeting) -> AttendanceSheet:
    """The attendance of ``meeting``: two queries (members, lines), at any size."""
    members = list(members_on_meeting_day(meeting))
    lines = list(
        Attendance.objects.filter(meeting=meeting).select_related(
            "substitute_person", "announced_by"
        )
    )
    by_membership = {a.membership_id: a for a in lines if a.membership_id}
    sheet = AttendanceSheet(meeting=meeting)
    sheet.members = [(m, by_membership.get(m.pk)) for m in members]
    sheet.guests = sorted((a for a in lines if a.membership_id is None), key=lambda a: a.pk)
    present = [m for m, a in sheet.members if a is not None and a.status in PRESENT_STATUSES]
    sheet.quorum = quorum_of(meeting.body, present, recorded=sheet.recorded)
    return sheet


def meetings_without_quorum(meetings) -> set[int]:
    """The pks of those ``meetings`` whose body has a quorum that was not met (attendance
    recorded). For lists of decisions over many meetings (besluitenlijst, register): two
    queries at any size, whatever the number of meetings or members."""
    meetings = [m for m in meetings if m.body.quorum is not None]
    if not meetings:
        return set()
    lines = (
        Attendance.objects.filter(meeting__in=[m.pk for m in meetings], membership__isnull=False)
        .values_list("meeting_id", "membership_id", "status", "announced_at")
        .order_by()
    )
    per_meeting: dict[int, dict[int, tuple[str, bool]]] = {}
    for meeting_id, membership_id, status, announced_at in lines:
        per_meeting.setdefault(meeting_id, {})[membership_id] = (status, announced_at is None)
    memberships = list(
        Membership.objects.filter(body_id__in={m.body_id for m in meetings})
        .only("pk", "body_id", "role", "municipality_id", "start", "end")
        .order_by()
    )
    missed = set()
    for meeting in meetings:
        recorded_lines = per_meeting.get(meeting.pk, {})
        if not any(secretary for _status, secretary in recorded_lines.values()):
            continue
        day = timezone.localdate(meeting.starts_at)
        present = [
            m
            for m in memberships
            if m.body_id == meeting.body_id
            and (m.start is None or m.start <= day)
            and (m.end is None or m.end > day)
            and recorded_lines.get(m.pk, ("", False))[0] in PRESENT_STATUSES
        ]
        if quorum_of(meeting.body, present).missed:
            missed.add(meeting.pk)
    return missed


def substitute_candidates(meeting: Meeting, memberships) -> dict[int, list[Person]]:
    """Per membership: the persons of the region who may replace that member — of the same
    organisation as the seat or its person, or sitting for the seat's municipality in a
    membership of the region on the meeting date. Two queries at any size."""
    memberships = list(memberships)
    region_id = meeting.body.region_id
    day = timezone.localdate(meeting.starts_at)
    persons = list(Person.objects.filter(region_id=region_id).order_by("name", "pk"))
    by_municipality: dict[int, set[int]] = {}
    for municipality_id, person_id in (
        Membership.objects.filter(
            body__region_id=region_id, municipality__isnull=False, person__isnull=False
        )
        .valid_on(day)
        .values_list("municipality_id", "person_id")
        .order_by()
    ):
        by_municipality.setdefault(municipality_id, set()).add(person_id)
    result = {}
    for membership in memberships:
        organisations = {
            o
            for o in (
                membership.organisation_id,
                membership.person.organisation_id if membership.person_id else None,
            )
            if o
        }
        of_municipality = by_municipality.get(membership.municipality_id, set())
        result[membership.pk] = [
            p
            for p in persons
            if p.pk != membership.person_id
            and (p.organisation_id in organisations or p.pk in of_municipality)
        ]
    return result
