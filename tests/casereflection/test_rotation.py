"""The rotation planner: longest-waiting sub-region first, warnings about variety."""

from datetime import date

import pytest

from casereflection.rotation import plan, proposed_sub_region
from governance.constants import OrganisationDomain
from governance.models import RegionPartner
from tests.factories import (
    CaseReflectionFactory,
    OrganisationFactory,
    RegionFactory,
    SubRegionFactory,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)  # K4 2026


@pytest.fixture
def region():
    return RegionFactory()


@pytest.fixture
def subs(region):
    return [
        SubRegionFactory(region=region, name=name)
        for name in ("Achterhoek", "Midden-IJssel", "Noord-Veluwe")
    ]


def reflect(region, sub, year, quarter, kind="systeem", **kwargs):
    return CaseReflectionFactory(
        region=region, sub_region=sub, year=year, quarter=quarter, case_kind=kind, **kwargs
    )


def names(rotation):
    return [q.sub_region.name for q in rotation.quarters]


def test_without_history_the_sub_regions_take_turns_in_name_order(region, subs):
    rotation = plan(region, quarters=4, today=TODAY)
    assert [q.label for q in rotation.quarters] == ["K4 2026", "K1 2027", "K2 2027", "K3 2027"]
    assert names(rotation) == ["Achterhoek", "Midden-IJssel", "Noord-Veluwe", "Achterhoek"]


def test_the_rotation_continues_after_what_happened(region, subs):
    a, m, n = subs
    reflect(region, a, 2026, 1)
    reflect(region, m, 2026, 2)
    reflect(region, n, 2026, 3)
    assert names(plan(region, quarters=3, today=TODAY)) == [
        "Achterhoek",
        "Midden-IJssel",
        "Noord-Veluwe",
    ]


def test_a_passed_over_sub_region_is_first_in_line(region, subs):
    """Noord-Veluwe was due in K3 but Achterhoek took the turn: nobody is skipped."""
    a, m, n = subs
    reflect(region, a, 2026, 1)
    reflect(region, m, 2026, 2)
    reflect(region, a, 2026, 3, rotation_note="Urgente casus uit de Achterhoek.")
    assert names(plan(region, quarters=3, today=TODAY)) == [
        "Noord-Veluwe",
        "Midden-IJssel",
        "Achterhoek",
    ]


def test_planned_quarters_keep_their_sub_region_and_flag_a_silent_deviation(region, subs):
    a, m, n = subs
    reflect(region, a, 2026, 3)
    planned = reflect(region, a, 2026, 4)
    rotation = plan(region, quarters=2, today=TODAY)
    first = rotation.quarters[0]
    assert first.reflection == planned
    assert first.proposed == m
    assert first.deviates
    assert any("zonder reden" in w for w in first.warnings)
    # The next quarter follows from the planned one.
    assert rotation.quarters[1].sub_region == m
    assert proposed_sub_region(region, 2026, 4, today=TODAY) == m
    assert proposed_sub_region(region, 2025, 4, today=TODAY) is None


def test_the_same_kind_twice_in_a_row_is_warned(region, subs):
    a, m, n = subs
    reflect(region, a, 2026, 3, kind="persoon")
    row = plan(region, quarters=1, today=TODAY).quarters[0]
    assert row.warnings == []
    reflect(region, m, 2026, 4, kind="persoon")
    row = plan(region, quarters=1, today=TODAY).quarters[0]
    assert any("persoonscasus" in w for w in row.warnings)


def test_kinds_and_domains_that_did_not_come_up(region, subs):
    a, m, n = subs
    zorg = OrganisationFactory(region=region, domain=OrganisationDomain.ZORG)
    wonen = OrganisationFactory(region=region, domain=OrganisationDomain.WONEN)
    for org in (zorg, wonen):
        RegionPartner.objects.create(region=region, organisation=org)
    recent = reflect(region, a, 2026, 2, kind="persoon", held_on=date(2026, 5, 12))
    recent.organisations.set([zorg])
    old = reflect(region, m, 2025, 1, kind="beleid", held_on=date(2025, 2, 3))
    old.organisations.set([wonen])
    rotation = plan(region, quarters=1, today=TODAY)
    assert "Persoonscasus" not in rotation.missing_kinds
    assert {"Systeemcasus", "Gebiedscasus", "Beleidscasus"} <= set(rotation.missing_kinds)
    assert rotation.idle_domains == ["Wonen"]


def test_the_planner_reads_in_a_fixed_number_of_queries(
    region, subs, django_assert_max_num_queries
):
    for i in range(8):
        reflect(region, subs[i % 3], 2024 + i // 4, i % 4 + 1, kind=["persoon", "gebied"][i % 2])
    with django_assert_max_num_queries(4):
        plan(region, quarters=4, today=TODAY)
