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
from governance.models import Attendance, Meeting, Membership

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

    @property
    def applies(self) -> bool:
        return self.required is not None

    @property
    def met(self) -> bool:
        return self.required is None or self.present >= self.required

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


def quorum_of(body, present_memberships) -> Quorum:
    """The quorum of ``body`` given the voting memberships that were present or substituted."""
    present_memberships = [m for m in present_memberships if m.role in VOTING_ROLES]
    if body.quorum_unit == QuorumUnit.GEMEENTEN:
        present = len({m.municipality_id for m in present_memberships if m.municipality_id})
        unit_label = _("gemeenten")
    else:
        present = len(present_memberships)
        unit_label = _("leden")
    return Quorum(
        required=body.quorum, unit=body.quorum_unit, present=present, unit_label=unit_label
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
    sheet.quorum = quorum_of(meeting.body, present)
    return sheet
