"""The health of a table: meetings held against planned, attendance rate per meeting (voting
members present or substituted; guests and non-voting seats not counted), decisions per
meeting, open and overdue actions (governance/selectors/health.py)."""

from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from governance import constants as c
from governance.models import Action, Attendance, Minutes
from governance.selectors.health import body_health, region_health, regions_health
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db

ON = date(2025, 6, 1)


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=timezone.get_current_timezone())


def record(meeting, membership, status=c.AttendanceStatus.AANWEZIG, **kwargs):
    return Attendance.objects.create(
        meeting=meeting, membership=membership, status=status, **kwargs
    )


def guest(meeting, name="Gast"):
    return Attendance.objects.create(
        meeting=meeting, guest_name=name, status=c.AttendanceStatus.AANWEZIG
    )


@pytest.fixture
def table(region):
    """A body of four voting seats (chair and three members) and two non-voting seats."""
    body = BodyFactory(region=region, meeting_frequency_per_year=6, established_on=date(2020, 1, 1))
    body.voting = [MembershipFactory(body=body, role=c.MembershipRole.VOORZITTER)] + [
        MembershipFactory(body=body) for _ in range(3)
    ]
    body.others = [
        MembershipFactory(body=body, role=c.MembershipRole.SECRETARIS),
        MembershipFactory(body=body, role=c.MembershipRole.ADVISEUR),
    ]
    return body


def test_rate_counts_voting_members_present_or_substituted(table):
    meeting = MeetingFactory(body=table, starts_at=at(date(2025, 3, 1)))
    chair, m1, m2, m3 = table.voting
    record(meeting, chair)
    record(meeting, m1, c.AttendanceStatus.VERVANGEN, substitute_name="Invaller")
    record(meeting, m2, c.AttendanceStatus.AFWEZIG_MET_BERICHT)
    # m3 has no line: absent. The secretary and the adviser were there, and two guests:
    for seat in table.others:
        record(meeting, seat)
    guest(meeting)
    guest(meeting, "Tweede gast")
    health = body_health(table, on=ON)
    [figures] = health.meetings
    assert (figures.voting, figures.present) == (4, 2)
    assert figures.rate == 0.5
    assert figures.percentage == 50
    assert health.average_percentage == 50


def test_members_not_seated_on_the_meeting_day_do_not_count(table):
    MembershipFactory(body=table, start=date(2025, 4, 1))  # joined after the meeting
    MembershipFactory(body=table, end=date(2025, 2, 1))  # left before it
    meeting = MeetingFactory(body=table, starts_at=at(date(2025, 3, 1)))
    for seat in table.voting:
        record(meeting, seat)
    [figures] = body_health(table, on=ON).meetings
    assert (figures.voting, figures.present, figures.percentage) == (4, 4, 100)


def test_no_rate_without_recorded_attendance(table):
    meeting = MeetingFactory(body=table, starts_at=at(date(2025, 3, 1)))
    # An advance notice alone is not a recorded attendance.
    record(
        meeting,
        table.voting[0],
        c.AttendanceStatus.AFWEZIG_MET_BERICHT,
        announced_at=at(date(2025, 2, 25)),
    )
    health = body_health(table, on=ON)
    assert health.held == 1
    assert health.meetings[0].rate is None
    assert health.average_rate is None
    assert health.rated == []


def test_average_is_the_mean_of_the_meeting_rates(table):
    first = MeetingFactory(body=table, starts_at=at(date(2025, 1, 10)))
    second = MeetingFactory(body=table, starts_at=at(date(2025, 3, 10)))
    for seat in table.voting:
        record(first, seat)
    record(second, table.voting[0])
    health = body_health(table, on=ON)
    assert [m.percentage for m in health.meetings] == [100, 25]
    assert health.average_percentage == 62  # (100 + 25) / 2 = 62.5, rounded half to even


def test_held_against_planned_over_24_months(table):
    # Held: past and not cancelled, with or without the status ‘gehouden’.
    MeetingFactory(body=table, starts_at=at(date(2024, 1, 10)), status=c.MeetingStatus.GEHOUDEN)
    MeetingFactory(body=table, starts_at=at(date(2025, 1, 10)))
    MeetingFactory(body=table, starts_at=at(date(2025, 2, 10)), status=c.MeetingStatus.GEANNULEERD)
    MeetingFactory(body=table, starts_at=at(date(2023, 5, 31)))  # before the window
    MeetingFactory(body=table, starts_at=at(date(2025, 7, 1)))  # after ``on``
    health = body_health(table, on=ON)
    assert health.held == 2
    assert health.planned == 12  # 6 a year over two years


def test_planned_is_prorated_over_the_lifetime_and_none_when_unknown(region):
    young = BodyFactory(
        region=region, meeting_frequency_per_year=12, established_on=ON.replace(month=1)
    )
    unknown = BodyFactory(region=region, meeting_frequency_per_year=None)
    figures = region_health(region, on=ON)
    assert figures[young.pk].planned == 5  # 151 days of 12 a year
    assert figures[unknown.pk].planned is None


def test_decisions_per_meeting(table):
    meeting = MeetingFactory(body=table, starts_at=at(date(2025, 3, 1)))
    MeetingFactory(body=table, starts_at=at(date(2025, 4, 1)))
    AgendaItemFactory(meeting=meeting, kind=c.AgendaItemKind.BESLUITEN, outcome="Akkoord.")
    AgendaItemFactory(meeting=meeting, kind=c.AgendaItemKind.BESLUITEN)  # no outcome yet
    AgendaItemFactory(meeting=meeting, kind=c.AgendaItemKind.BESPREKEN, outcome="Besproken.")
    discussed = AgendaItemFactory(meeting=meeting, kind=c.AgendaItemKind.BESPREKEN)
    ActionFactory(region=table.region, origin_agenda_item=discussed)
    health = body_health(table, on=ON)
    assert [m.decisions for m in health.meetings] == [2, 0]
    assert health.decisions_per_meeting == 1.0


def test_open_and_overdue_actions_it_owns(table):
    ActionFactory(region=table.region, owning_body=table, due_date=ON - timedelta(days=1))
    ActionFactory(region=table.region, owning_body=table, due_date=ON)
    ActionFactory(region=table.region, owning_body=table, list=c.ActionList.GEREED)
    ActionFactory(region=table.region)  # nobody's
    health = body_health(table, on=ON)
    assert (health.open_actions, health.overdue_actions) == (2, 1)
    assert Action.objects.count() == 4


def test_minutes_adopted_is_read(table):
    meeting = MeetingFactory(body=table, starts_at=at(date(2025, 3, 1)))
    Minutes.objects.create(meeting=meeting, number=1)
    assert not body_health(table, on=ON).meetings[0].minutes_adopted
    Minutes.objects.create(meeting=meeting, number=2, state=c.MinutesState.VASTGESTELD)
    assert body_health(table, on=ON).meetings[0].minutes_adopted


def test_region_figures_aggregate_the_tables(table, region, other_region):
    meeting = MeetingFactory(body=table, starts_at=at(date(2025, 3, 1)))
    for seat in table.voting[:3]:
        record(meeting, seat)
    MeetingFactory(body=table, starts_at=at(date(2025, 4, 1)))
    AgendaItemFactory(meeting=meeting, kind=c.AgendaItemKind.BESLUITEN, outcome="Akkoord.")
    ActionFactory(region=region, owning_body=table, due_date=date(2025, 1, 1))
    BodyFactory(region=region, status=c.BodyStatus.VOORGESTELD)  # a proposal is no table
    figures = regions_health([region.pk, other_region.pk], on=ON)
    own = figures[region.pk]
    assert (own.bodies, own.held, own.planned) == (1, 2, 12)
    assert own.average_percentage == 75
    assert own.decisions_per_meeting == 0.5
    assert (own.open_actions, own.overdue_actions) == (1, 1)
    empty = figures[other_region.pk]
    assert (empty.bodies, empty.held, empty.planned, empty.average_percentage) == (0, 0, None, None)


@pytest.mark.parametrize("size", [2, 10])
def test_query_counts_are_constant(region, size, django_assert_max_num_queries):
    for _ in range(size):
        body = BodyFactory(region=region)
        seats = MembershipFactory.create_batch(3, body=body)
        for month in (1, 2, 3):
            meeting = MeetingFactory(body=body, starts_at=at(date(2025, month, 5)))
            for seat in seats:
                record(meeting, seat)
            AgendaItemFactory(meeting=meeting, kind=c.AgendaItemKind.BESLUITEN, outcome="Ja.")
        ActionFactory(region=region, owning_body=body)
    with django_assert_max_num_queries(2):
        body_health(body, on=ON)
    with django_assert_max_num_queries(3):
        figures = region_health(region, on=ON)
    assert len(figures) == size
    with django_assert_max_num_queries(3):
        assert regions_health([region.pk], on=ON)[region.pk].held == 3 * size


# pages --------------------------------------------------------------------------------------


def recent(days_ago: int) -> datetime:
    return timezone.now() - timedelta(days=days_ago)


def busy_table(region, name="Stamtafel Test"):
    """A body with four voting seats, three held meetings with attendance, a decision with a
    secret outcome text, minutes and an overdue action it owns."""
    body = BodyFactory(region=region, name=name, meeting_frequency_per_year=6)
    seats = [MembershipFactory(body=body) for _ in range(4)]
    for i, days in enumerate((200, 120, 40)):
        meeting = MeetingFactory(body=body, starts_at=recent(days), title=f"Geheime titel {i}")
        for seat in seats[: 1 + i]:
            record(meeting, seat)
        AgendaItemFactory(
            meeting=meeting,
            title=f"Agendapunt-geheim-{i}",
            kind=c.AgendaItemKind.BESLUITEN,
            outcome=f"Besluittekst-geheim-{i}",
            minutes_text=f"Verslagtekst-geheim-{i}",
        )
        Minutes.objects.create(meeting=meeting, number=1)
    ActionFactory(region=region, owning_body=body, due_date=date(2020, 1, 1))
    return body


def test_body_page_shows_health_with_chart_and_table(client, secretary, region):
    body = busy_table(region)
    client.force_login(secretary)
    response = client.get(reverse("governance:body", kwargs={"region": region.slug, "pk": body.pk}))
    html = response.content.decode()
    assert "Gezondheid van deze tafel" in html
    # The chart: an image with a title and a description in words, and the same numbers in
    # a table with a caption and row headers.
    assert 'role="img"' in html
    assert '<title id="opkomst-grafiek-title">Opkomst per vergadering' in html
    assert "3 vergaderingen met vastgelegde aanwezigheid" in html
    assert "Ondergrens 60%" in html
    health = response.context["health"]
    assert [m.percentage for m in health.meetings] == [25, 50, 75]
    assert "<caption>Opkomst en besluiten per gehouden vergadering" in html
    for present in ("1 / 4", "2 / 4", "3 / 4"):
        assert present in html
    assert "3 keer, gepland 12" in html
    assert "1 open, waarvan 1 over de termijn" in html


def test_chart_without_attendance_says_so(client, secretary, region):
    body = BodyFactory(region=region)
    MeetingFactory(body=body, starts_at=recent(10))
    client.force_login(secretary)
    response = client.get(reverse("governance:body", kwargs={"region": region.slug, "pk": body.pk}))
    html = response.content.decode()
    assert "bij geen enkele vergadering de aanwezigheid vastgelegd" in html
    assert "aanwezigheid niet vastgelegd" in html


def test_body_list_has_health_columns(client, secretary, region):
    body = busy_table(region)
    client.force_login(secretary)
    response = client.get(reverse("governance:body_list", kwargs={"region": region.slug}))
    html = response.content.decode()
    assert "Vergaderd / gepland" in html and "Opkomst" in html
    [listed] = [b for b in response.context["bodies"] if b.pk == body.pk]
    assert (listed.health.held, listed.health.planned, listed.health.average_percentage) == (
        3,
        12,
        50,
    )
    assert "3 / 12" in html
    assert "50%" in html


def test_vng_sees_numbers_and_no_texts(client, vng_advisor, region, other_region):
    busy_table(region)
    client.force_login(vng_advisor)
    response = client.get(reverse("checklist:comparison"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gezondheid van de tafels per regio" in html
    figures = dict((r.pk, h) for r, h in response.context["health_rows"])
    own = figures[region.pk]
    assert (own.bodies, own.held, own.planned, own.average_percentage) == (1, 3, 12, 50)
    assert (own.decisions_per_meeting, own.open_actions, own.overdue_actions) == (1.0, 1, 1)
    assert figures[other_region.pk].held == 0
    for secret in ("geheim", "Geheime titel", "Stamtafel Test"):
        assert secret not in html


def test_readers_without_national_role_cannot_open_the_comparison(client, secretary):
    client.force_login(secretary)
    assert client.get(reverse("checklist:comparison")).status_code == 403


def _grow_with_meetings(region, n):
    for _ in range(n):
        busy_table(region, name=f"Tafel {BodyFactory._meta.model.objects.count()}")


@pytest.mark.parametrize(
    ("name", "needs_body", "limit"),
    [
        ("governance:body", True, 28),  # +1 answers to findings (19), +1 checks' stamps (22)
        ("governance:body_list", False, 11),
        ("governance:checks", False, 14),
        ("checklist:comparison", None, 13),
    ],
)
def test_page_query_counts_constant_with_meetings(
    name, needs_body, limit, client, secretary, vng_advisor, region, django_assert_max_num_queries
):
    client.force_login(vng_advisor if needs_body is None else secretary)
    counts = []
    for size in (1, 4):
        _grow_with_meetings(region, size)
        if needs_body is None:
            url = reverse(name)
        else:
            kwargs = {"region": region.slug}
            if needs_body:
                kwargs["pk"] = region.bodies.order_by("pk").first().pk
            url = reverse(name, kwargs=kwargs)
        with django_assert_max_num_queries(limit) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1], f"{name}: {counts}"


def test_nothing_counts_before_the_region_registers_its_meetings():
    """A region that moved in recently: planned and held count only from 'registratie sinds'
    (issue 19), on the body page, in the body list and in the national figures."""
    on = date(2026, 6, 1)
    region = RegionFactory(registration_since=date(2026, 3, 1))
    body = BodyFactory(region=region, meeting_frequency_per_year=12, established_on=None)
    for day in (date(2025, 12, 10), date(2026, 4, 10), date(2026, 5, 10)):
        MeetingFactory(
            body=body,
            starts_at=timezone.make_aware(datetime.combine(day, time(14))),
            status="gehouden",
        )
    health = body_health(body, on=on)
    assert health.start == date(2026, 3, 1)
    assert (health.held, health.planned) == (2, 3)  # March..May: 3 of 12 a year
    assert region_health(region, on=on)[body.pk].planned == 3
    national = regions_health([region.pk], on=on)[region.pk]
    assert (national.held, national.planned) == (2, 3)

    region.registration_since = None  # not recorded: the whole 24 months count
    region.save()
    body.refresh_from_db()
    health = body_health(body, on=on)
    assert (health.held, health.planned) == (3, 24)
    assert regions_health([region.pk], on=on)[region.pk].planned == 24
