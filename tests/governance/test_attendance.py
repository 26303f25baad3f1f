"""Attendance services: the secretary's sheet, guests, absence announced in advance, and the
quorum (in members and in municipalities)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.locking import StaleEdit
from governance.models import Attendance, Minutes
from governance.selectors.attendance import (
    attendance_sheet,
    meetings_without_quorum,
    substitute_candidates,
)
from governance.services.attendance import (
    Line,
    StaleSheet,
    absence_announce,
    absence_withdraw,
    attendance_record,
    guest_add,
    guest_remove,
)
from tests.factories import (
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(region, secretary):
    """A body with three members on a meeting held yesterday: one of an organisation, one
    for a municipality, one chair; a person of each who may replace them, and one who may
    not."""
    body = BodyFactory(region=region)
    org = OrganisationFactory(region=region)
    town = MunicipalityFactory(region=region)
    member_user = UserFactory(username="lid")
    org_member = MembershipFactory(
        body=body, person=PersonFactory(region=region, organisation=org, user=member_user)
    )
    town_member = MembershipFactory(body=body, municipality=town)
    chair = MembershipFactory(body=body, role="voorzitter")
    colleague = PersonFactory(region=region, organisation=org, name="Collega")
    # Sits for the same municipality at another body: may replace the town's member.
    alderman = PersonFactory(region=region, name="Wethouder")
    MembershipFactory(body=BodyFactory(region=region), person=alderman, municipality=town)
    stranger = PersonFactory(region=region, organisation=OrganisationFactory(region=region))
    meeting = MeetingFactory(body=body, starts_at=timezone.now() - timedelta(days=1))
    return {
        "body": body,
        "meeting": meeting,
        "org_member": org_member,
        "town_member": town_member,
        "chair": chair,
        "colleague": colleague,
        "alderman": alderman,
        "stranger": stranger,
        "member_user": member_user,
        "secretary": secretary,
    }


def present_all(w, **overrides):
    lines = []
    for key in ("org_member", "town_member", "chair"):
        m = w[key]
        lines.append(overrides.get(key, Line(membership_id=m.pk, status="aanwezig")))
    return lines


def record(w, lines, seen=None):
    seen = seen or {w[k].pk: None for k in ("org_member", "town_member", "chair")}
    return attendance_record(
        meeting=w["meeting"], lines=lines, seen_versions=seen, user=w["secretary"]
    )


def test_record_saves_every_line(world):
    w = world
    lines = present_all(
        w,
        org_member=Line(
            membership_id=w["org_member"].pk,
            status="vervangen",
            substitute_person=w["colleague"],
        ),
        town_member=Line(
            membership_id=w["town_member"].pk, status="vervangen", substitute_person=w["alderman"]
        ),
        chair=Line(membership_id=w["chair"].pk, status="afwezig_zonder_bericht", remark="ziek"),
    )
    record(w, lines)
    sheet = attendance_sheet(w["meeting"])
    statuses = {m.pk: a.status for m, a in sheet.members}
    assert statuses == {
        w["org_member"].pk: "vervangen",
        w["town_member"].pk: "vervangen",
        w["chair"].pk: "afwezig_zonder_bericht",
    }
    assert sheet.recorded and sheet.rate == pytest.approx(2 / 3)


def test_substitute_free_name_when_not_in_register(world):
    w = world
    lines = present_all(
        w,
        org_member=Line(
            membership_id=w["org_member"].pk, status="vervangen", substitute_name="Mevr. Extern"
        ),
    )
    record(w, lines)
    line = Attendance.objects.get(membership=w["org_member"])
    assert line.substitute_display == "Mevr. Extern"


@pytest.mark.parametrize(
    ("line_kwargs", "field"),
    [
        ({"status": "vervangen", "substitute": "stranger"}, "substitute_person"),
        ({"status": "vervangen"}, "substitute_person"),
        ({"status": "vervangen", "substitute_name": "Collega"}, "substitute_name"),
        ({"status": "aanwezig", "substitute": "colleague"}, "substitute_person"),
        ({"status": "aanwezig", "substitute_name": "X"}, "substitute_name"),
        (
            {"status": "vervangen", "substitute": "colleague", "substitute_name": "X"},
            "substitute_name",
        ),
        ({"status": "op vakantie"}, "status"),
    ],
)
def test_record_refuses_bad_line_and_saves_nothing(world, line_kwargs, field):
    w = world
    kwargs = dict(line_kwargs)
    substitute = kwargs.pop("substitute", None)
    bad = Line(
        membership_id=w["org_member"].pk,
        substitute_person=w[substitute] if substitute else None,
        **kwargs,
    )
    with pytest.raises(ValidationError) as exc:
        record(w, present_all(w, org_member=bad))
    assert f"{field}_{w['org_member'].pk}" in exc.value.message_dict
    assert not Attendance.objects.exists()


def test_substitute_of_another_municipality_refused(world):
    w = world
    line = Line(
        membership_id=w["town_member"].pk, status="vervangen", substitute_person=w["colleague"]
    )
    with pytest.raises(ValidationError) as exc:
        record(w, present_all(w, town_member=line))
    message = exc.value.message_dict[f"substitute_person_{w['town_member'].pk}"][0]
    assert "niet van dezelfde organisatie of gemeente" in message


def test_substitute_not_allowed_for_the_seat(world):
    w = world
    w["chair"].substitute_allowed = False
    w["chair"].save()
    line = Line(membership_id=w["chair"].pk, status="vervangen", substitute_name="Iemand")
    with pytest.raises(ValidationError) as exc:
        record(w, present_all(w, chair=line))
    assert f"status_{w['chair'].pk}" in exc.value.message_dict


def test_membership_of_another_body_or_date_refused(world, region):
    w = world
    foreign = MembershipFactory(body=BodyFactory(region=region))
    ended = MembershipFactory(body=w["body"], end=date(2000, 1, 1))
    for intruder in (foreign, ended):
        lines = [*present_all(w), Line(membership_id=intruder.pk, status="aanwezig")]
        with pytest.raises(ValidationError, match="hoort op"):
            record(w, lines)
    assert not Attendance.objects.exists()


def test_member_missing_from_sheet_refused(world):
    w = world
    with pytest.raises(ValidationError, match="gewijzigd sinds"):
        record(w, present_all(w)[:2])


def test_record_refused_for_cancelled_meeting_and_after_adoption(world):
    w = world
    w["meeting"].status = "geannuleerd"
    w["meeting"].save()
    with pytest.raises(ValidationError, match="geannuleerd"):
        record(w, present_all(w))
    w["meeting"].status = "gehouden"
    w["meeting"].save()
    Minutes.objects.create(meeting=w["meeting"], state="vastgesteld")
    with pytest.raises(ValidationError, match="vastgesteld"):
        record(w, present_all(w))
    with pytest.raises(ValidationError, match="vastgesteld"):
        guest_add(meeting=w["meeting"], name="Gast", user=w["secretary"])
    assert not Attendance.objects.exists()


def test_record_refused_before_the_meeting_day(world):
    w = world
    w["meeting"].starts_at = timezone.now() + timedelta(days=3)
    w["meeting"].save()
    with pytest.raises(ValidationError, match="vanaf de dag"):
        record(w, present_all(w))


def test_stale_line_refused_and_nothing_saved(world):
    w = world
    record(w, present_all(w))
    versions = {a.membership_id: a.version for a in Attendance.objects.all()}
    # Someone else changes the chair's line in between.
    other = dict(versions)
    chair_absent = Line(membership_id=w["chair"].pk, status="afwezig_met_bericht")
    record(w, present_all(w, chair=chair_absent), seen=other)
    town_absent = Line(membership_id=w["town_member"].pk, status="afwezig_zonder_bericht")
    with pytest.raises(StaleSheet) as exc:
        record(w, present_all(w, town_member=town_absent), seen=versions)
    assert isinstance(exc.value, StaleEdit)
    assert exc.value.versions == {f"version_{w['chair'].pk}": versions[w["chair"].pk] + 1}
    assert Attendance.objects.get(membership=w["town_member"]).status == "aanwezig"


def test_line_created_since_the_form_is_stale(world):
    w = world
    held = w["meeting"].starts_at
    w["meeting"].starts_at = timezone.now() + timedelta(days=2)
    w["meeting"].save()
    # The member announced before the meeting; the secretary's form (shown without that
    # line) is posted after it.
    absence_announce(meeting=w["meeting"], membership=w["org_member"], user=w["member_user"])
    w["meeting"].starts_at = held
    w["meeting"].save()
    with pytest.raises(StaleSheet):
        record(w, present_all(w))


def test_unchanged_lines_are_not_saved_again(world):
    w = world
    record(w, present_all(w))
    versions = {a.membership_id: a.version for a in Attendance.objects.all()}
    record(w, present_all(w), seen=versions)
    assert {a.membership_id: a.version for a in Attendance.objects.all()} == versions


def test_guests_add_and_remove(world):
    w = world
    guest = guest_add(meeting=w["meeting"], name="  Gast  ", organisation="GGD", user=None)
    assert guest.guest_name == "Gast" and attendance_sheet(w["meeting"]).guests == [guest]
    with pytest.raises(ValidationError) as exc:
        guest_add(meeting=w["meeting"], name="   ", user=None)
    assert "guest_name" in exc.value.message_dict
    with pytest.raises(StaleEdit):
        guest_remove(guest=guest, seen_version=guest.version + 5, user=None)
    guest_remove(guest=guest, seen_version=guest.version, user=None)
    assert not Attendance.objects.exists()


@pytest.fixture
def upcoming(world):
    world["meeting"].starts_at = timezone.now() + timedelta(days=3)
    world["meeting"].save()
    return world


def test_announce_and_withdraw(upcoming):
    w = upcoming
    line = absence_announce(
        meeting=w["meeting"], membership=w["org_member"], user=w["member_user"], remark="Op reis"
    )
    assert line.status == "afwezig_met_bericht" and line.announced_by == w["member_user"]
    assert attendance_sheet(w["meeting"]).announced == [(w["org_member"], line)]
    assert not attendance_sheet(w["meeting"]).recorded
    line = absence_announce(
        meeting=w["meeting"],
        membership=w["org_member"],
        user=w["member_user"],
        substitute=w["colleague"],
    )
    assert line.status == "vervangen" and line.substitute_person == w["colleague"]
    assert Attendance.objects.count() == 1
    absence_withdraw(meeting=w["meeting"], membership=w["org_member"], user=w["member_user"])
    assert not Attendance.objects.exists()
    with pytest.raises(ValidationError, match="niet afgemeld"):
        absence_withdraw(meeting=w["meeting"], membership=w["org_member"], user=w["member_user"])


def test_announce_for_someone_else_refused(upcoming):
    w = upcoming
    with pytest.raises(ValidationError) as exc:
        absence_announce(meeting=w["meeting"], membership=w["chair"], user=w["member_user"])
    assert "membership" in exc.value.message_dict
    assert not Attendance.objects.exists()


def test_announce_substitute_of_another_organisation_refused(upcoming):
    w = upcoming
    with pytest.raises(ValidationError) as exc:
        absence_announce(
            meeting=w["meeting"],
            membership=w["org_member"],
            user=w["member_user"],
            substitute=w["stranger"],
        )
    assert "substitute_person" in exc.value.message_dict


def test_announce_after_start_refused(world):
    w = world  # the meeting began yesterday
    with pytest.raises(ValidationError, match="al begonnen"):
        absence_announce(meeting=w["meeting"], membership=w["org_member"], user=w["member_user"])
    with pytest.raises(ValidationError, match="al begonnen"):
        absence_withdraw(meeting=w["meeting"], membership=w["org_member"], user=w["member_user"])


def test_announce_for_cancelled_meeting_refused(upcoming):
    w = upcoming
    w["meeting"].status = "geannuleerd"
    w["meeting"].save()
    with pytest.raises(ValidationError, match="geannuleerd"):
        absence_announce(meeting=w["meeting"], membership=w["org_member"], user=w["member_user"])


def test_candidates(world):
    w = world
    found = substitute_candidates(w["meeting"], [w["org_member"], w["town_member"], w["chair"]])
    assert found[w["org_member"].pk] == [w["colleague"]]
    assert found[w["town_member"].pk] == [w["alderman"]]
    assert found[w["chair"].pk] == []


# Quorum


def _statuses(w, **status):
    lines = [
        Line(membership_id=w[k].pk, status=status.get(k, "aanwezig"))
        for k in ("org_member", "town_member", "chair")
    ]
    record(w, lines)
    return attendance_sheet(w["meeting"]).quorum


def test_no_quorum(world):
    q = _statuses(world, chair="afwezig_zonder_bericht", town_member="afwezig_met_bericht")
    assert not q.applies and q.met and not q.missed and q.message == ""


@pytest.mark.parametrize(("required", "missed"), [(2, False), (3, True)])
def test_quorum_in_members(world, required, missed):
    body = world["body"]
    body.quorum, body.quorum_unit = required, "leden"
    body.save()
    q = _statuses(world, chair="afwezig_zonder_bericht")
    assert q.applies and q.present == 2 and q.missed is missed
    assert "Quorum" in q.message
    assert meetings_without_quorum([world["meeting"]]) == (
        {world["meeting"].pk} if missed else set()
    )


@pytest.mark.parametrize(
    ("present", "missed"), [("aanwezig", False), ("afwezig_met_bericht", True)]
)
def test_quorum_in_municipalities(world, present, missed):
    body = world["body"]
    body.quorum, body.quorum_unit = 1, "gemeenten"
    body.save()
    # Only the town's member sits for a municipality: it decides the quorum.
    q = _statuses(world, town_member=present)
    assert q.present == (0 if missed else 1) and q.missed is missed
    assert meetings_without_quorum([world["meeting"]]) == (
        {world["meeting"].pk} if missed else set()
    )


def test_quorum_not_judged_before_recording(upcoming):
    w = upcoming
    w["body"].quorum = 2
    w["body"].save()
    absence_announce(meeting=w["meeting"], membership=w["org_member"], user=w["member_user"])
    q = attendance_sheet(w["meeting"]).quorum
    assert not q.met and not q.recorded and not q.missed
    assert meetings_without_quorum([w["meeting"]]) == set()


def test_meetings_without_quorum_constant_queries(world, django_assert_num_queries):
    body = world["body"]
    body.quorum = 3
    body.save()
    _statuses(world, chair="afwezig_zonder_bericht")
    meetings = [world["meeting"], *(MeetingFactory(body=body) for _ in range(5))]
    for m in meetings:
        m.body = body
    with django_assert_num_queries(2):
        assert meetings_without_quorum(meetings) == {world["meeting"].pk}
