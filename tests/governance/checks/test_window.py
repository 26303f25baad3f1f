"""Fair checks for new data: the rules that look back in time judge only the registered period,
and say once per region what they cannot judge yet (governance/checks/window.py)."""

import json
from datetime import date
from pathlib import Path

import pytest

from governance import constants as c
from governance.checks.base import covered_from
from governance.checks.run import run_checks
from governance.checks.window import check_region, pending_judgements
from governance.exchange import export_region, import_region
from tests.factories import BodyFactory, RegionFactory
from tests.governance.checks.support import ON, about, found, meet, staffed

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_region(db):
    """A region that has just moved in: no 'registratie sinds', no meetings yet."""
    return RegionFactory(name="Nieuwe regio", slug="nieuw", registration_since=None)


def tables(region, n=3, **kwargs):
    return [
        staffed(region, established_on=date(2015, 1, 1), meeting_frequency_per_year=6, **kwargs)
        for _ in range(n)
    ]


def notice(region, code, *, on=ON):
    return [n for n in pending_judgements(region, on=on) if n.check == code]


# the registration start ----------------------------------------------------------------------


def test_a_region_without_meetings_gets_one_notice_not_a_finding_per_table(new_region):
    tables(new_region, 4)
    assert not found(new_region, "meets_less_than_planned")
    [pending] = notice(new_region, "meets_less_than_planned")
    assert pending.title == "Vergadert minder vaak dan gepland"
    assert pending.message.startswith("kan nog niet worden beoordeeld.")
    assert "nog geen vergaderingen van Nieuwe regio. De regel oordeelt twaalf maanden na" in (
        pending.message
    )
    assert pending.judged_from is None


def test_an_imported_region_without_meetings_gets_no_frequency_findings(new_region, user):
    tables(new_region, 5)
    data = json.dumps(export_region(new_region, ["structuur"]))
    imported = import_region(data=data, user=user, slug="verhuisd").region
    result = check_region(imported)
    assert not [f for f in result.findings if f.check == "meets_less_than_planned"]
    assert [n.check for n in result.notices].count("meets_less_than_planned") == 1


def test_the_rule_still_fires_for_a_region_that_records_meetings_and_skips_them(new_region):
    rare, regular = tables(new_region, 2)
    meet(regular, date(2024, 3, 1))  # the first recorded meeting: more than 12 months ago
    for month in range(7, 13):
        meet(regular, date(2024, month, 15))
    meet(rare, date(2025, 2, 1))
    [finding] = about(new_region, "meets_less_than_planned", rare)
    assert "1 vergadering in de afgelopen 12 maanden; gepland: 6 per jaar" in finding.message
    assert not about(new_region, "meets_less_than_planned", regular)
    assert not notice(new_region, "meets_less_than_planned")


def test_a_recent_registration_since_gives_a_notice_with_the_dates_and_no_finding(region):
    region.registration_since = date(2024, 11, 3)
    region.save()
    body = tables(region, 1)[0]
    meet(body, date(2025, 1, 10))
    assert not about(region, "meets_less_than_planned", body)
    [pending] = notice(region, "meets_less_than_planned")
    assert pending.message == (
        "kan nog niet worden beoordeeld. Het portaal houdt de vergaderingen van Testregio bij "
        "sinds 3 november 2024; vanaf 3 november 2025 oordeelt deze regel."
    )
    assert pending.judged_from == date(2025, 11, 3)
    # From that day on the rule judges, and the notice is gone.
    assert about(region, "meets_less_than_planned", body, on=date(2025, 11, 3))
    assert not notice(region, "meets_less_than_planned", on=date(2025, 11, 3))
    assert notice(region, "meets_less_than_planned", on=date(2025, 11, 2))


def test_without_registration_since_the_first_recorded_meeting_starts_the_registration(
    new_region,
):
    quiet, busy = tables(new_region, 2)
    # A cancelled meeting counts as recorded: the region keeps its calendar in the portal.
    meet(busy, date(2024, 9, 20), status=c.MeetingStatus.GEANNULEERD)
    meet(busy, date(2024, 10, 1))
    result = check_region(new_region, on=ON)
    assert result.registration_start == date(2024, 9, 20)
    assert not result.registration_recorded
    assert not [f for f in result.findings if f.check == "meets_less_than_planned"]
    [pending] = [n for n in result.notices if n.check == "meets_less_than_planned"]
    assert "sinds 20 september 2024 (de eerste vastgelegde vergadering)" in pending.message
    assert "vanaf 20 september 2025 oordeelt deze regel" in pending.message
    later = date(2025, 9, 20)
    assert about(new_region, "meets_less_than_planned", quiet, on=later)
    assert not notice(new_region, "meets_less_than_planned", on=later)


def test_registration_since_overrides_an_earlier_first_meeting(new_region):
    body = tables(new_region, 1)[0]
    meet(body, date(2020, 1, 1))
    assert about(new_region, "meets_less_than_planned", body)
    new_region.registration_since = date(2025, 1, 1)
    new_region.save()
    assert not about(new_region, "meets_less_than_planned", body)
    assert check_region(new_region, on=ON).registration_recorded


def test_no_notice_when_no_table_would_be_judged_anyway(new_region):
    staffed(new_region, meeting_frequency_per_year=None)
    staffed(new_region, established_on=date(2025, 3, 1))  # younger than a year
    assert not notice(new_region, "meets_less_than_planned")


def test_a_registration_start_in_the_future_says_from_when(new_region):
    body = tables(new_region, 1)[0]
    meet(body, date(2025, 9, 1))  # only a planned meeting
    [pending] = notice(new_region, "meets_less_than_planned")
    assert "bij vanaf 1 september 2025" in pending.message
    [tables_pending] = notice(new_region, "tables_added_not_retired")
    assert tables_pending.message.startswith("kan nog niet worden beoordeeld.")
    assert not found(new_region, "tables_added_not_retired")


def test_covered_from_on_a_leap_day():
    assert covered_from(date(2024, 11, 3), 12) == date(2025, 11, 3)
    # 28 February 2025 looks back to 28 February 2024, before the start: one day later.
    assert covered_from(date(2024, 2, 29), 12) == date(2025, 3, 1)
    assert covered_from(date(2023, 8, 31), 24) == date(2025, 8, 31)


# tables added, not retired ------------------------------------------------------------------


def test_tables_added_before_the_registration_do_not_count(new_region):
    for established in (date(2023, 9, 1), date(2024, 1, 1), date(2024, 2, 1)):
        BodyFactory(region=new_region, established_on=established)
    assert not found(new_region, "tables_added_not_retired")
    [pending] = notice(new_region, "tables_added_not_retired")
    assert pending.message.startswith("kan nog niet worden beoordeeld.")
    new_region.registration_since = date(2024, 1, 15)
    new_region.save()
    # Only the table established after the start counts: one added, none retired.
    [finding] = found(new_region, "tables_added_not_retired")
    assert finding.message.startswith(
        "Sinds het begin van de registratie op 15 januari 2024: 1 bestuurlijk gremium "
        "ingesteld, 0 gremia opgeheven."
    )
    [pending] = notice(new_region, "tables_added_not_retired")
    assert pending.message.startswith("telt voorlopig alleen wat sinds het begin")
    assert "vanaf 15 januari 2026 overziet deze regel de volle 24 maanden" in pending.message


def test_tables_added_over_the_full_window_once_registered_long_enough(region):
    BodyFactory(region=region, established_on=date(2024, 2, 1))
    [finding] = found(region, "tables_added_not_retired")
    assert finding.message.startswith("In de afgelopen 24 maanden:")
    assert not notice(region, "tables_added_not_retired")


def test_a_region_without_bodies_gets_no_notices(new_region):
    assert pending_judgements(new_region, on=ON) == []


# the cycle rules ----------------------------------------------------------------------------


def test_meetings_before_registration_since_are_not_judged(new_region):
    body = staffed(new_region)
    for day in (date(2024, 10, 1), date(2024, 11, 1), date(2024, 12, 1)):
        meet(body, day)  # imported history: no adopted minutes
    assert about(new_region, "minutes_not_adopted", body)
    new_region.registration_since = date(2024, 12, 1)
    new_region.save()
    assert not about(new_region, "minutes_not_adopted", body)
    later = [meet(body, day) for day in (date(2025, 1, 1), date(2025, 2, 1))]
    [finding] = about(new_region, "minutes_not_adopted", body)
    assert "01-12-2024" in finding.message  # the first registered meeting, not October
    assert "de verslagen van 1 vergadering" in finding.message or "het verslag van 1" in (
        finding.message
    )
    assert later


# the public functions -----------------------------------------------------------------------


def test_check_region_gives_the_findings_of_run_checks_and_the_notices(new_region):
    tables(new_region, 2, decision_power=c.DecisionPower.BESLUITVORMEND)
    result = check_region(new_region, on=ON)
    assert result.findings == run_checks(new_region, on=ON)
    assert result.notices == pending_judgements(new_region, on=ON)
    assert [n.check for n in result.notices] == [
        "tables_added_not_retired",
        "meets_less_than_planned",
    ]
    assert result.registration_start is None


@pytest.mark.parametrize("size", [3, 30])
def test_check_region_costs_the_queries_of_run_checks(
    new_region, size, django_assert_max_num_queries
):
    for body in tables(new_region, size):
        meet(body, date(2025, 1, 1))
    with django_assert_max_num_queries(7):
        result = check_region(new_region, on=ON)
    assert len(result.notices) == 2


def test_no_tables_notice_without_administrative_tables(new_region):
    staffed(new_region, level=c.Level.TACTISCH, meeting_frequency_per_year=None)
    assert not notice(new_region, "tables_added_not_retired")
    BodyFactory(region=new_region, level=c.Level.BESTUURLIJK, meeting_frequency_per_year=None)
    [pending] = notice(new_region, "tables_added_not_retired")
    assert "vanaf de eerste vergadering die wordt vastgelegd" in pending.message


def test_the_hand_written_second_region_without_meetings(user):
    """Proefregio (tests/governance/data, format v1, no meetings) as a secretary imports it."""
    data = (Path(__file__).parents[1] / "data" / "proefregio-v1.json").read_text(encoding="utf-8")
    region = import_region(data=data, user=user).region
    result = check_region(region)
    assert not [f for f in result.findings if f.check == "meets_less_than_planned"]
    frequency = [n for n in result.notices if n.check == "meets_less_than_planned"]
    assert len(frequency) == 1
    assert not [f for f in result.findings if f.check == "tables_added_not_retired"]
