"""Rules about tables over time (governance/checks/lifecycle.py)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from governance import constants as c
from governance.checks.base import months_before
from governance.checks.structure import frequency_window
from tests.factories import BodyFactory, MeetingFactory, RelationFactory
from tests.governance.checks.support import about, assert_well_formed, found, meet, staffed

pytestmark = pytest.mark.django_db


# i. tables_added_not_retired -----------------------------------------------------------------


def test_more_administrative_tables_added_than_retired_is_reported(region):
    BodyFactory(region=region, established_on=date(2024, 2, 1))
    BodyFactory(region=region, established_on=date(2025, 5, 1))
    BodyFactory(
        region=region,
        established_on=date(2020, 1, 1),
        status=c.BodyStatus.OPGEHEVEN,
        dissolved_on=date(2024, 9, 1),
    )
    [finding] = found(region, "tables_added_not_retired")
    assert_well_formed(finding, "middel")
    assert "2 bestuurlijke gremia" in finding.message
    assert "1 gremium" in finding.message


def test_tables_added_and_retired_in_balance_is_fine(region):
    BodyFactory(region=region, established_on=date(2024, 2, 1))
    BodyFactory(
        region=region,
        established_on=date(2020, 1, 1),
        status=c.BodyStatus.OPGEHEVEN,
        dissolved_on=date(2024, 9, 1),
    )
    BodyFactory(region=region, established_on=date(2022, 1, 1))  # outside the window
    BodyFactory(region=region, established_on=date(2025, 1, 1), level=c.Level.TACTISCH)
    BodyFactory(region=region, established_on=date(2025, 1, 1), status=c.BodyStatus.VOORGESTELD)
    assert not found(region, "tables_added_not_retired")


# k. dissolved_without_successor --------------------------------------------------------------


def test_recently_dissolved_body_without_successor_is_reported(region):
    body = BodyFactory(
        region=region,
        name="Oude tafel",
        status=c.BodyStatus.OPGEHEVEN,
        dissolved_on=date(2025, 1, 1),
    )
    [finding] = about(region, "dissolved_without_successor", body)
    assert_well_formed(finding, "laag")
    assert "01-01-2025" in finding.message


def test_dissolved_body_merged_into_another_or_long_ago_is_fine(region):
    merged = BodyFactory(
        region=region, status=c.BodyStatus.OPGEHEVEN, dissolved_on=date(2025, 1, 1)
    )
    RelationFactory(
        source=merged,
        target=staffed(region),
        kind=c.RelationKind.GAAT_OP_IN,
        valid_to=date(2025, 1, 1),
    )
    old = BodyFactory(region=region, status=c.BodyStatus.OPGEHEVEN, dissolved_on=date(2019, 1, 1))
    for body in (merged, old):
        assert not about(region, "dissolved_without_successor", body)


# l. meets_less_than_planned ------------------------------------------------------------------


def test_body_meeting_less_often_than_planned_is_reported(region):
    body = staffed(region, name="Stamtafel", meeting_frequency_per_year=6)
    for day in (date(2024, 9, 1), date(2025, 1, 15), date(2025, 5, 31)):
        meet(body, day)
    meet(body, date(2024, 5, 31))  # more than 12 months before ON
    meet(body, date(2025, 6, 2))  # after ON
    [finding] = about(region, "meets_less_than_planned", body)
    assert_well_formed(finding, "middel")
    assert finding.body_id == body.pk
    assert "3 vergaderingen in de afgelopen 12 maanden; gepland: 6 per jaar" in finding.message
    assert finding.fix_label == "Vergadering plannen"
    assert finding.fix_url == reverse(
        "governance:meeting_add", kwargs={"region": region.slug, "pk": body.pk}
    )


def test_body_meeting_often_enough_is_fine(region):
    body = staffed(region, meeting_frequency_per_year=2)
    meet(body, date(2024, 6, 1))  # the first day of the window counts
    meet(body, date(2025, 6, 1))  # ON itself counts
    assert not about(region, "meets_less_than_planned", body)
    no_plan = staffed(region, meeting_frequency_per_year=None)
    assert not about(region, "meets_less_than_planned", no_plan)


def test_cancelled_meetings_do_not_count(region):
    body = staffed(region, meeting_frequency_per_year=2)
    meet(body, date(2025, 1, 1))
    meet(body, date(2025, 3, 1), status=c.MeetingStatus.GEANNULEERD)
    [finding] = about(region, "meets_less_than_planned", body)
    assert "1 vergadering in de afgelopen 12 maanden; gepland: 2 per jaar" in finding.message


def test_young_or_inactive_bodies_are_not_judged_on_frequency(region):
    young = staffed(region, established_on=date(2024, 9, 1))
    year_old = staffed(region, established_on=date(2024, 6, 1))
    gone = BodyFactory(region=region, status=c.BodyStatus.OPGEHEVEN, dissolved_on=date(2025, 1, 1))
    proposal = BodyFactory(region=region, status=c.BodyStatus.VOORGESTELD)
    for body in (young, gone, proposal):
        assert not about(region, "meets_less_than_planned", body)
    assert about(region, "meets_less_than_planned", year_old)


def test_frequency_window_today_ends_now():
    today = timezone.localdate()
    start, end = frequency_window(today)
    assert end <= timezone.now()
    assert timezone.localtime(start).date() == months_before(today, 12)
    # A meeting later today has not happened yet: it does not count.
    assert frequency_window(today - timedelta(days=1))[1] <= end


def test_meetings_of_today_count_only_once_held(region):
    body = staffed(region, meeting_frequency_per_year=1)
    MeetingFactory(body=body, starts_at=timezone.now() + timedelta(hours=1))
    assert about(region, "meets_less_than_planned", body, on=timezone.localdate())
    MeetingFactory(body=body, starts_at=timezone.now() - timedelta(days=30))
    assert not about(region, "meets_less_than_planned", body, on=timezone.localdate())
