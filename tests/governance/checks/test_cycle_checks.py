"""Rules of the meeting cycle: attendance below the threshold over the last four meetings,
minutes not adopted within two meetings, agenda sent after the stukken term
(governance/checks/cycle.py)."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from governance import constants as c
from governance.models import Attendance, Minutes
from tests.factories import MembershipFactory
from tests.governance.checks.support import ON, about, assert_well_formed, at, meet, staffed

pytestmark = pytest.mark.django_db


def table(region):
    """A staffed body with a chair and four members: five voting seats."""
    body = staffed(region)
    body.voting = [m for m in body.memberships.all() if m.role == c.MembershipRole.VOORZITTER]
    body.voting += [MembershipFactory(body=body) for _ in range(4)]
    return body


def meeting_with(body, day, present: int, **kwargs):
    """A held meeting at which ``present`` of the five voting seats were there."""
    meeting = meet(body, day, **kwargs)
    for i, seat in enumerate(body.voting):
        status = (
            c.AttendanceStatus.AANWEZIG if i < present else c.AttendanceStatus.AFWEZIG_MET_BERICHT
        )
        Attendance.objects.create(meeting=meeting, membership=seat, status=status)
    return meeting


def four_meetings(body, present_counts, first=date(2025, 1, 10)):
    return [
        meeting_with(body, first + timedelta(days=30 * i), present)
        for i, present in enumerate(present_counts)
    ]


# attendance ---------------------------------------------------------------------------------


def test_attendance_below_threshold_fires(region):
    body = table(region)
    four_meetings(body, [3, 3, 3, 2])  # 60, 60, 60, 40 → 55 %
    [finding] = about(region, "attendance_below_threshold", body)
    assert_well_formed(replace(finding, fix_url=finding.fix_url.split("#")[0]), "middel")
    assert "55%" in finding.message
    assert finding.fix_url.endswith(f"/gremia/{body.pk}/#gezondheid")


def test_attendance_at_the_threshold_does_not_fire(region):
    body = table(region)
    four_meetings(body, [3, 3, 3, 3])  # exactly 60 %
    assert not about(region, "attendance_below_threshold", body)


def test_attendance_needs_four_recorded_meetings(region):
    body = table(region)
    four_meetings(body, [1, 1, 1])
    meet(body, date(2025, 5, 1))  # held, but no attendance recorded
    assert not about(region, "attendance_below_threshold", body)


def test_attendance_looks_at_the_last_four_only(region):
    body = table(region)
    meeting_with(body, date(2024, 12, 1), 0)  # long ago: poor
    four_meetings(body, [3, 3, 3, 3])
    assert not about(region, "attendance_below_threshold", body)


def test_substitutes_count_and_guests_and_advisers_do_not(region):
    body = table(region)
    meetings = four_meetings(body, [2, 2, 2, 2])  # 40 %
    adviser = MembershipFactory(body=body, role=c.MembershipRole.ADVISEUR)
    for meeting in meetings:
        Attendance.objects.create(
            meeting=meeting, membership=adviser, status=c.AttendanceStatus.AANWEZIG
        )
        Attendance.objects.create(
            meeting=meeting, guest_name="Gast", status=c.AttendanceStatus.AANWEZIG
        )
    assert about(region, "attendance_below_threshold", body)
    for meeting in meetings:  # a third voting member sends a substitute: 60 %
        line = Attendance.objects.get(meeting=meeting, membership=body.voting[2])
        line.status = c.AttendanceStatus.VERVANGEN
        line.save()
    assert not about(region, "attendance_below_threshold", body)


# minutes ------------------------------------------------------------------------------------


def test_minutes_not_adopted_after_two_later_meetings_fires(region):
    body = staffed(region)
    first = meet(body, date(2025, 1, 10))
    meet(body, date(2025, 2, 10))
    meet(body, date(2025, 3, 10))
    [finding] = about(region, "minutes_not_adopted", body)
    assert_well_formed(finding, "middel")
    assert f"/vergaderingen/{first.pk}/" in finding.fix_url
    assert "10-01-2025" in finding.message


def test_minutes_with_one_later_meeting_or_adopted_do_not_fire(region):
    body = staffed(region)
    first = meet(body, date(2025, 1, 10))
    second = meet(body, date(2025, 2, 10))
    meet(body, date(2025, 3, 10), status=c.MeetingStatus.GEANNULEERD)  # does not count
    meet(body, date(2025, 7, 10))  # not yet held on ON
    assert not about(region, "minutes_not_adopted", body)
    third = meet(body, date(2025, 4, 10))
    assert about(region, "minutes_not_adopted", body)
    Minutes.objects.create(meeting=first, number=1)  # a concept is not enough
    assert about(region, "minutes_not_adopted", body)
    Minutes.objects.create(meeting=first, number=2, state=c.MinutesState.VASTGESTELD)
    assert not about(region, "minutes_not_adopted", body)
    assert second and third


def test_minutes_older_than_twelve_months_are_not_judged(region):
    body = staffed(region)
    meet(body, date(2024, 5, 1))
    meet(body, date(2024, 5, 20))
    meet(body, date(2024, 5, 30))
    assert not about(region, "minutes_not_adopted", body)


# agenda term --------------------------------------------------------------------------------


def test_agenda_sent_after_the_term_fires(region):
    body = staffed(region)  # term: 7 days
    meet(body, date(2025, 3, 10), agenda_published_at=at(date(2025, 3, 4), 9))
    [finding] = about(region, "agenda_after_term", body)
    assert_well_formed(finding, "laag")
    assert "7 dagen" in finding.message
    assert "1 van de 1" in finding.message


def test_agenda_sent_on_the_last_day_of_the_term_does_not_fire(region):
    body = staffed(region, documents_term_days=10)
    meet(body, date(2025, 3, 10), agenda_published_at=at(date(2025, 2, 28), 23))
    meet(body, date(2025, 4, 10))  # no date of sending: before this feature, not judged
    assert not about(region, "agenda_after_term", body)
    meet(body, date(2025, 5, 10), agenda_published_at=at(date(2025, 5, 1), 8))
    assert about(region, "agenda_after_term", body)


def test_agenda_of_a_cancelled_or_old_meeting_is_not_judged(region):
    body = staffed(region)
    meet(
        body,
        date(2025, 3, 10),
        status=c.MeetingStatus.GEANNULEERD,
        agenda_published_at=at(date(2025, 3, 9)),
    )
    meet(body, date(2024, 5, 10), agenda_published_at=at(date(2024, 5, 9)))
    assert not about(region, "agenda_after_term", body)


def test_dissolved_bodies_are_not_judged(region):
    body = table(region)
    four_meetings(body, [0, 0, 0, 0])
    body.status = c.BodyStatus.OPGEHEVEN
    body.dissolved_on = date(2025, 5, 20)
    body.save()
    assert not about(region, "attendance_below_threshold", body)
    assert not about(region, "minutes_not_adopted", body)


# queries ------------------------------------------------------------------------------------


def test_query_count_does_not_grow_with_meetings(region, django_assert_max_num_queries):
    from governance.checks.run import run_checks

    counts = []
    for size in (2, 5):
        for _ in range(size):
            body = table(region)
            four_meetings(body, [1, 2, 1, 2])
            Minutes.objects.create(meeting=body.meetings.first(), number=1)
        # +1: the stamps under which the checks are kept (issue 22)
        with django_assert_max_num_queries(8) as captured:
            findings = run_checks(region, on=ON)
        counts.append(len(captured.captured_queries))
        assert len([f for f in findings if f.check == "attendance_below_threshold"]) == (
            2 if size == 2 else 7
        )
    assert counts[0] == counts[1]
