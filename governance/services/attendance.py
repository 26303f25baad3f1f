"""Writes of a meeting's attendance: the secretary's sheet, guests, and a member's absence
announced in advance.

Errors of the sheet are keyed by the form's field names: ``status_<membership pk>``,
``substitute_person_<pk>``, ``substitute_name_<pk>`` and ``remark_<pk>``
(``governance.forms.attendance.AttendanceForm``). Once the minutes of the meeting are
adopted, its attendance does not change any more.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.events import send_after_commit
from core.locking import StaleEdit, describe_changes, save_versioned
from governance.constants import AttendanceStatus, MeetingStatus
from governance.models import Attendance, Meeting, Membership, Person
from governance.selectors.attendance import members_on_meeting_day, substitute_candidates
from governance.signals import absence_announced


@dataclass
class Line:
    """What the sheet says about one membership."""

    membership_id: int
    status: str
    substitute_person: Person | None = None
    substitute_name: str = ""
    remark: str = ""


class StaleSheet(StaleEdit):
    """Lines of the sheet were changed by someone else since the form was shown. ``versions``
    maps the version field of every such line to its current version (0: a line that did not
    exist then), so that the form can show them all at once."""

    def __init__(self, first: StaleEdit, versions: dict[str, int]):
        super().__init__(
            changes=first.changes, editors=first.editors, current_version=first.current_version
        )
        self.versions = versions
        self.version_field = next(iter(versions))


def _lock_meeting(meeting: Meeting) -> Meeting:
    """The meeting's row under a lock: two writers of one sheet take turns."""
    return Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)


def _check_open(meeting: Meeting, field=None) -> None:
    """Attendance may change: the meeting is not cancelled, its minutes are not adopted."""
    message = None
    if meeting.status == MeetingStatus.GEANNULEERD:
        message = _("Deze vergadering is geannuleerd; er is geen aanwezigheid vast te leggen.")
    elif meeting.has_adopted_minutes():
        message = _(
            "Het verslag van deze vergadering is vastgesteld; de aanwezigheid verandert niet meer."
        )
    if message:
        raise ValidationError({field: message} if field else message)


def _check_substitute(
    meeting: Meeting,
    membership: Membership,
    status: str,
    person: Person | None,
    name: str,
    *,
    candidates: list[Person],
    suffix: str = "",
) -> dict:
    """The errors of one line's substitute, keyed ``substitute_person<suffix>`` and
    ``substitute_name<suffix>`` (and ``status<suffix>``)."""
    errors: dict = {}
    person_field, name_field = f"substitute_person{suffix}", f"substitute_name{suffix}"
    if status != AttendanceStatus.VERVANGEN:
        if person is not None:
            errors[person_field] = _("Alleen bij ‘vervangen door’ is er een vervanger.")
        if name:
            errors[name_field] = _("Alleen bij ‘vervangen door’ is er een vervanger.")
        return errors
    if not membership.substitute_allowed:
        errors[f"status{suffix}"] = _(
            "Voor dit lidmaatschap is gemandateerde vervanging niet toegestaan."
        )
        return errors
    if person is None and not name:
        errors[person_field] = _(
            "Kies de vervanger, of vul de naam in als die niet bij de personen staat."
        )
    elif person is not None and name:
        errors[name_field] = _("Kies een vervanger uit de lijst óf vul een naam in, niet allebei.")
    elif person is not None:
        if person.region_id != meeting.body.region_id:
            errors[person_field] = _("Deze persoon is van een andere regio.")
        elif person.pk == membership.person_id:
            errors[person_field] = _("Een lid vervangt zichzelf niet.")
        elif person.pk not in {p.pk for p in candidates}:
            errors[person_field] = _(
                "%(person)s is niet van dezelfde organisatie of gemeente als het lid."
            ) % {"person": person.name}
    elif Person.objects.filter(region_id=meeting.body.region_id, name__iexact=name).exists():
        errors[name_field] = _(
            "%(name)s staat bij de personen van de regio: kies de vervanger uit de lijst."
        ) % {"name": name}
    return errors


def _apply(line: Attendance, status, person, name, remark) -> bool:
    """Put the values on ``line``; True when anything changed."""
    values = {
        "status": status,
        "substitute_person_id": person.pk if person else None,
        "substitute_name": name,
        "remark": remark,
    }
    changed = any(getattr(line, k) != v for k, v in values.items())
    for k, v in values.items():
        setattr(line, k, v)
    return changed


@transaction.atomic
def attendance_record(
    *, meeting: Meeting, lines: list[Line], seen_versions: dict[int, int | None], user
) -> list[Attendance]:
    """Record the attendance of every member of the body on the meeting date, all at once.

    ``seen_versions``: per membership pk, the version of its line when the form was shown
    (None: there was no line). A line changed by someone else since is refused (StaleSheet);
    any refusal saves nothing."""
    meeting = _lock_meeting(meeting)
    _check_open(meeting)
    if timezone.localdate(meeting.starts_at) > timezone.localdate():
        raise ValidationError(
            _(
                "De aanwezigheid wordt vastgelegd vanaf de dag van de vergadering. Leden die "
                "vooraf afmelden, staan al op de lijst."
            )
        )
    members = {m.pk: m for m in members_on_meeting_day(meeting)}
    posted = {}
    for line in lines:
        if line.membership_id not in members or line.membership_id in posted:
            raise ValidationError(
                _("Dit lidmaatschap hoort op %(date)s niet bij %(body)s.")
                % {
                    "date": timezone.localdate(meeting.starts_at).strftime("%d-%m-%Y"),
                    "body": meeting.body.name,
                }
            )
        posted[line.membership_id] = line
    if set(posted) != set(members):
        raise ValidationError(
            _(
                "De leden van %(body)s zijn gewijzigd sinds dit formulier werd getoond. "
                "Controleer de lijst en sla opnieuw op."
            )
            % {"body": meeting.body.name}
        )
    candidates = substitute_candidates(meeting, members.values())
    errors: dict = {}
    for pk, line in posted.items():
        if line.status not in AttendanceStatus.values:
            errors[f"status_{pk}"] = _("Kies een van de mogelijkheden.")
            continue
        errors.update(
            _check_substitute(
                meeting,
                members[pk],
                line.status,
                line.substitute_person,
                line.substitute_name,
                candidates=candidates[pk],
                suffix=f"_{pk}",
            )
        )
    if errors:
        raise ValidationError(errors)
    existing = {
        a.membership_id: a
        for a in Attendance.objects.select_for_update()
        .filter(meeting=meeting, membership_id__in=list(members))
        .order_by("pk")  # the default ordering joins the membership (outer): no lock there
    }
    stale: dict[str, int] = {}
    first: StaleEdit | None = None
    for pk in members:
        current = existing.get(pk)
        seen = seen_versions.get(pk)
        if (current.version if current else None) != seen:
            stale[f"version_{pk}"] = current.version if current else 0
            if first is None:
                first = (
                    describe_changes(current, seen or 0)
                    if current
                    else StaleEdit(changes=[], editors=[], current_version=0)
                )
    if stale:
        raise StaleSheet(first, stale)
    saved = []
    for pk, line in posted.items():
        record = existing.get(pk) or Attendance(meeting=meeting, membership=members[pk])
        if _apply(record, line.status, line.substitute_person, line.substitute_name, line.remark):
            save_versioned(record, seen_version=record.version if record.pk else None, user=user)
        saved.append(record)
    return saved


@transaction.atomic
def guest_add(*, meeting: Meeting, name: str, organisation: str = "", user) -> Attendance:
    meeting = _lock_meeting(meeting)
    _check_open(meeting, "guest_name")
    name = (name or "").strip()
    if not name:
        raise ValidationError({"guest_name": _("Vul de naam van de gast in.")})
    guest = Attendance(
        meeting=meeting,
        status=AttendanceStatus.AANWEZIG,
        guest_name=name,
        guest_organisation=(organisation or "").strip(),
    )
    save_versioned(guest, seen_version=None, user=user)
    return guest


@transaction.atomic
def guest_remove(*, guest: Attendance, seen_version: int | None, user) -> None:
    if not guest.is_guest:
        raise ValidationError(_("Dit is geen gast: een lid blijft op de lijst."))
    meeting = _lock_meeting(guest.meeting)
    _check_open(meeting)
    current = Attendance.objects.select_for_update().get(pk=guest.pk)
    if seen_version is None or current.version != seen_version:
        raise describe_changes(current, seen_version or 0)
    current._history_user = user
    current.delete()


def _own_seat(meeting: Meeting, membership: Membership, user) -> None:
    day = timezone.localdate(meeting.starts_at)
    own = (
        Membership.objects.filter(pk=membership.pk, body_id=meeting.body_id, person__user=user)
        .valid_on(day)
        .exists()
    )
    if not own:
        raise ValidationError(
            {"membership": _("U kunt zich alleen afmelden voor uw eigen lidmaatschap.")}
        )


def _before_start(meeting: Meeting, field=None) -> None:
    _check_open(meeting, field)
    if timezone.now() >= meeting.starts_at:
        message = _(
            "De vergadering is al begonnen; afmelden kan niet meer. Laat het de secretaris weten."
        )
        raise ValidationError({field: message} if field else message)


@transaction.atomic
def absence_announce(
    *,
    meeting: Meeting,
    membership: Membership,
    user,
    substitute: Person | None = None,
    substitute_name: str = "",
    remark: str = "",
) -> Attendance:
    """A member announces in advance that they will not be there, optionally naming who
    replaces them. Announcing again changes the earlier announcement."""
    meeting = _lock_meeting(meeting)
    _before_start(meeting, "membership")
    _own_seat(meeting, membership, user)
    membership = Membership.objects.select_related("person").get(pk=membership.pk)
    status = (
        AttendanceStatus.VERVANGEN
        if substitute is not None or substitute_name
        else AttendanceStatus.AFWEZIG_MET_BERICHT
    )
    errors = _check_substitute(
        meeting,
        membership,
        status,
        substitute,
        substitute_name,
        candidates=substitute_candidates(meeting, [membership])[membership.pk],
    )
    if errors:
        raise ValidationError(errors)
    line = (
        Attendance.objects.select_for_update()
        .filter(meeting=meeting, membership=membership)
        .order_by("pk")
        .first()
    )
    if line is None:
        line = Attendance(meeting=meeting, membership=membership)
    _apply(line, status, substitute, substitute_name, remark)
    line.announced_at = timezone.now()
    line.announced_by = user
    save_versioned(line, seen_version=line.version if line.pk else None, user=user)
    send_after_commit(
        absence_announced, sender=Attendance, meeting_id=meeting.pk, attendance_id=line.pk
    )
    return line


@transaction.atomic
def absence_withdraw(*, meeting: Meeting, membership: Membership, user) -> None:
    """The member will be there after all: the announcement goes."""
    meeting = _lock_meeting(meeting)
    _before_start(meeting, "membership")
    _own_seat(meeting, membership, user)
    line = (
        Attendance.objects.select_for_update()
        .filter(meeting=meeting, membership=membership, announced_at__isnull=False)
        .order_by("pk")
        .first()
    )
    if line is None:
        raise ValidationError({"membership": _("U had zich voor deze vergadering niet afgemeld.")})
    line._history_user = user
    line.delete()
