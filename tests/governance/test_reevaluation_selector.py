"""The selector of bodies and mandates due for re-evaluation (governance/selectors/
reevaluation.py), for the digest: what a line needs, which are due, and a constant number of
queries for any number of regions."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from governance import constants as c
from governance.selectors.reevaluation import (
    NADERT,
    VERLOPEN,
    due_for_reevaluation,
    evaluation_state,
)
from tests.factories import BodyFactory, MandateFactory, RegionFactory

pytestmark = pytest.mark.django_db

ON = date(2026, 3, 1)


def test_evaluation_state():
    assert evaluation_state(None, ON) is None
    assert evaluation_state(ON + timedelta(days=61), ON) is None
    assert evaluation_state(ON + timedelta(days=60), ON) == NADERT
    assert evaluation_state(ON + timedelta(days=1), ON) == NADERT
    assert evaluation_state(ON, ON) == VERLOPEN
    assert evaluation_state(ON - timedelta(days=9), ON) == VERLOPEN


def test_lines_carry_what_the_digest_needs(region, other_region):
    body = BodyFactory(region=region, name="Stamtafel", evaluate_before=ON + timedelta(days=10))
    mandate = MandateFactory(
        body=body,
        power=c.Power.BESLUITEN,
        subject="Aanpak mensenhandel",
        evaluate_before=ON - timedelta(days=3),
    )
    BodyFactory(region=other_region, name="Elders", evaluate_before=ON)
    lines = due_for_reevaluation([region], ON)
    assert [(i.body_name, i.mandate_id, i.state, i.days) for i in lines] == [
        ("Stamtafel", mandate.pk, VERLOPEN, -3),
        ("Stamtafel", None, NADERT, 10),
    ]
    overdue, approaching = lines
    assert overdue.mandate_description == "Besluiten: Aanpak mensenhandel"
    assert overdue.overdue and not approaching.overdue
    assert approaching.mandate_description == ""
    for line in lines:
        assert (line.region_id, line.region_name, line.region_slug) == (
            region.pk,
            "Testregio",
            "test",
        )
        assert line.url == reverse("governance:body", kwargs={"region": "test", "pk": body.pk})
    assert approaching.evaluate_before == ON + timedelta(days=10)


def test_only_what_is_due_of_active_bodies_and_current_mandates(region):
    BodyFactory(region=region, evaluate_before=ON + timedelta(days=61))  # not yet
    BodyFactory(region=region)  # no date
    BodyFactory(region=region, status=c.BodyStatus.VOORGESTELD, evaluate_before=ON)
    BodyFactory(
        region=region,
        status=c.BodyStatus.OPGEHEVEN,
        dissolved_on=ON - timedelta(days=1),
        evaluate_before=ON,
    )
    BodyFactory(region=region, established_on=ON + timedelta(days=5), evaluate_before=ON)
    body = BodyFactory(region=region)
    MandateFactory(body=body, valid_to=ON, evaluate_before=ON)  # ended
    MandateFactory(body=body, valid_from=ON + timedelta(days=1), evaluate_before=ON)  # future
    gone = BodyFactory(region=region, status=c.BodyStatus.OPGEHEVEN, dissolved_on=ON)
    MandateFactory(body=gone, evaluate_before=ON)  # its body has been dissolved
    assert due_for_reevaluation([region], ON) == []
    assert due_for_reevaluation([], ON) == []


def _populate(regions, per_region):
    for region in regions:
        for i in range(per_region):
            body = BodyFactory(region=region, evaluate_before=ON + timedelta(days=i))
            MandateFactory(body=body, evaluate_before=ON - timedelta(days=i))


@pytest.mark.parametrize(("regions", "per_region"), [(1, 1), (6, 5)])
def test_queries_do_not_grow_with_regions_or_bodies(regions, per_region, django_assert_num_queries):
    all_regions = [RegionFactory() for _ in range(regions)]
    _populate(all_regions, per_region)
    with django_assert_num_queries(2):
        lines = due_for_reevaluation([r.pk for r in all_regions], ON)
        assert [line.url for line in lines]  # the urls need no query either
    assert len(lines) == regions * per_region * 2
    assert {line.region_name for line in lines} == {r.name for r in all_regions}
