"""Running all rules: dates, regions, order, legend, grouping, query count (checks/run.py)."""

from datetime import date, timedelta

import pytest

from governance import constants as c
from governance.checks.base import CHECKS, months_before
from governance.checks.run import findings_by_body, run_checks
from governance.models import Body, RegionPartner
from tests.factories import (
    BodyFactory,
    MandateFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    RelationFactory,
)
from tests.governance.checks.support import ON, about, meet, seat, staffed

pytestmark = pytest.mark.django_db


# general -------------------------------------------------------------------------------------


def test_proposals_and_dissolved_bodies_are_not_checked_as_active(region):
    proposal = BodyFactory(
        region=region,
        status=c.BodyStatus.VOORGESTELD,
        decision_power=c.DecisionPower.BESLUITVORMEND,
    )
    future = BodyFactory(region=region, established_on=date(2026, 1, 1))
    for body in (proposal, future):
        assert not [f for f in run_checks(region, on=ON) if f.body_id == body.pk]


def test_as_of_an_earlier_date(region):
    body = BodyFactory(
        region=region,
        status=c.BodyStatus.OPGEHEVEN,
        established_on=date(2020, 1, 1),
        dissolved_on=date(2025, 1, 1),
    )
    assert about(region, "body_without_members", body, on=date(2024, 6, 1))
    assert not about(region, "body_without_members", body, on=ON)


def test_other_regions_are_not_included(region, other_region):
    BodyFactory(region=other_region)
    MunicipalityFactory(region=other_region)
    assert run_checks(region, on=ON) == []


def test_findings_are_sorted_by_severity_then_title(region):
    BodyFactory(region=region, decision_power=c.DecisionPower.BESLUITVORMEND)
    BodyFactory(region=region, kind=c.BodyKind.PORTEFEUILLEHOUDER)
    MunicipalityFactory(region=region)
    RegionPartner.objects.create(region=region, organisation=OrganisationFactory(region=region))
    findings = run_checks(region, on=ON)
    order = {"hoog": 0, "middel": 1, "laag": 2}
    keys = [(order[f.severity], f.title) for f in findings]
    assert keys == sorted(keys)
    assert {f.severity for f in findings} == {"hoog", "middel", "laag"}


def test_legend_lists_every_check_once():
    codes = [check.code for check in CHECKS]
    assert len(codes) == len(set(codes)) == 19
    for _code, severity, title, explanation in CHECKS:
        assert severity in ("hoog", "middel", "laag")
        assert str(title) and str(explanation)


def test_findings_by_body_groups_multi_body_findings(region, theme):
    one, two = staffed(region), staffed(region)
    for body in (one, two):
        MandateFactory(body=body, power=c.Power.BESLUITEN, theme=theme)
    grouped = findings_by_body(run_checks(region, on=ON))
    assert any(f.check == "theme_decided_twice" for f in grouped[one.pk])
    assert any(f.check == "theme_decided_twice" for f in grouped[two.pk])


def test_months_before_clamps_to_month_end():
    assert months_before(date(2025, 6, 1), 24) == date(2023, 6, 1)
    assert months_before(date(2024, 2, 29), 12) == date(2023, 2, 28)
    assert months_before(date(2025, 3, 31), 1) == date(2025, 2, 28)


def _populate(region, size, theme):
    """``size`` bodies; every other one meets enough, so the frequency rule fires for some."""
    partner = OrganisationFactory(region=region)
    RegionPartner.objects.create(region=region, organisation=partner)
    previous = None
    for i in range(size):
        municipality = MunicipalityFactory(region=region)
        body = BodyFactory(
            region=region,
            kind=c.BodyKind.STAMTAFEL if i % 2 else c.BodyKind.BAC,
            decision_power=c.DecisionPower.BESLUITVORMEND,
        )
        seat(body, c.Office.BURGEMEESTER, c.MembershipRole.VOORZITTER, municipality=municipality)
        seat(body, c.Office.WETHOUDER, person__organisation=partner)
        MembershipFactory(body=body, organisation=partner, person=None)
        MandateFactory(body=body, power=c.Power.BESLUITEN, theme=theme)
        if previous:
            RelationFactory(source=body, target=previous)
        for month in range(1, 13 if i % 2 else 3):
            meet(body, date(2024, 6, 1) + timedelta(days=30 * month))
        previous = body
    BodyFactory(region=region, status=c.BodyStatus.OPGEHEVEN, dissolved_on=date(2025, 1, 1))


@pytest.mark.parametrize("size", [3, 30])
def test_query_count_does_not_grow_with_region_size(
    region, theme, size, django_assert_max_num_queries
):
    _populate(region, size, theme)
    # The meeting counts ride along with the bodies; the meetings of the cycle rules are one more.
    # +1: the stamps under which the checks are kept (issue 22)
    with django_assert_max_num_queries(8):
        findings = run_checks(region, on=ON)
    assert findings  # the data set triggers several rules
    rarely = {f.body_id for f in findings if f.check == "meets_less_than_planned"}
    assert len(rarely) == (size + 1) // 2


def test_kept_findings_follow_every_write_to_the_register_and_the_meetings(
    region, theme, django_assert_max_num_queries
):
    """run_checks is kept under the region's structuur and vergaderingen stamps (issue 22):
    asked again it reads one query; a write to either domain gives the new findings; a write to
    the werkagenda leaves the kept ones (the checks do not read it)."""
    from tests.factories import ActionFactory

    _populate(region, 3, theme)
    first = run_checks(region, on=ON)
    with django_assert_max_num_queries(1):  # the stamps; the findings come from the cache
        assert [f.message for f in run_checks(region, on=ON)] == [f.message for f in first]
    rarely = [f for f in first if f.check == "meets_less_than_planned"]
    body = Body.objects.get(pk=rarely[0].body_id)
    for month in range(3, 13):  # it meets enough now
        meet(body, date(2024, 6, 1) + timedelta(days=30 * month))
    after_meetings = run_checks(region, on=ON)
    assert body.pk not in {
        f.body_id for f in after_meetings if f.check == "meets_less_than_planned"
    }
    body.name = "Hernoemd gremium"
    body.save()
    assert any("Hernoemd gremium" in f.message for f in run_checks(region, on=ON))
    ActionFactory(region=region)
    with django_assert_max_num_queries(1):
        run_checks(region, on=ON)
