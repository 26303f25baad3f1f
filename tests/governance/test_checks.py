from datetime import date, datetime, timedelta

import pytest
from django.urls import resolve, reverse
from django.utils import timezone

from governance import constants as c
from governance.checks import (
    CHECKS,
    Finding,
    findings_by_body,
    frequency_window,
    months_before,
    run_checks,
)
from governance.models import RegionPartner, Theme
from tests.factories import (
    BodyFactory,
    MandateFactory,
    MeetingFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    RelationFactory,
)

pytestmark = pytest.mark.django_db

ON = date(2025, 6, 1)


def found(region, code, *, on=ON) -> list[Finding]:
    return [f for f in run_checks(region, on=on) if f.check == code]


def about(region, code, body, *, on=ON) -> list[Finding]:
    return [f for f in found(region, code, on=on) if f.concerns(body.pk)]


def seat(body, office=c.Office.OVERIG, role=c.MembershipRole.LID, **kwargs):
    return MembershipFactory(body=body, person__office=office, role=role, **kwargs)


def staffed(region, **kwargs):
    """An active body with a chair and a secretary (so only the rule under test can fire)."""
    body = BodyFactory(region=region, **kwargs)
    seat(body, c.Office.ONAFHANKELIJK, c.MembershipRole.VOORZITTER)
    seat(body, c.Office.AMBTELIJK, c.MembershipRole.NETWERKSECRETARIS)
    return body


def assert_well_formed(finding: Finding, severity: str):
    assert finding.severity == severity
    assert finding.title
    assert finding.message
    # The fix link leads to a real page of the portal.
    assert resolve(finding.fix_url.split("?")[0]).namespace == "governance"
    assert finding.fix_label


# a. decides_without_mandate ------------------------------------------------------------------


def test_deciding_body_without_mandate_or_legal_basis_is_reported(region):
    body = staffed(region, name="Algemeen Bestuur", decision_power=c.DecisionPower.BESLUITVORMEND)
    [finding] = about(region, "decides_without_mandate", body)
    assert_well_formed(finding, "hoog")
    assert finding.body_id == body.pk
    assert "Algemeen Bestuur" in finding.message
    assert finding.fix_url == reverse(
        "governance:mandate_add", kwargs={"region": region.slug, "pk": body.pk}
    )


def test_weighty_advice_without_mandate_is_reported_and_expired_mandate_does_not_count(region):
    body = staffed(region, decision_power=c.DecisionPower.ZWAARWEGEND_ADVIES)
    MandateFactory(body=body, valid_to=date(2024, 1, 1))
    assert about(region, "decides_without_mandate", body)


def test_deciding_body_with_mandate_or_legal_basis_is_fine(region):
    with_mandate = staffed(region, decision_power=c.DecisionPower.BESLUITVORMEND)
    MandateFactory(body=with_mandate, power=c.Power.BESLUITEN)
    with_basis = staffed(
        region, decision_power=c.DecisionPower.BESLUITVORMEND, legal_basis_kind=c.LegalBasisKind.GR
    )
    coordinating = staffed(region, decision_power=c.DecisionPower.AFSTEMMEND)
    for body in (with_mandate, with_basis, coordinating):
        assert not about(region, "decides_without_mandate", body)


# b. advisory_without_advises -----------------------------------------------------------------


def test_advisory_body_without_advises_relation_is_reported(region):
    bac = staffed(region, name="BAC Zorg en Veiligheid", kind=c.BodyKind.BAC)
    adviser = staffed(region, decision_power=c.DecisionPower.ADVISEREND)
    dissolved = BodyFactory(
        region=region, status=c.BodyStatus.OPGEHEVEN, dissolved_on=date(2024, 1, 1)
    )
    RelationFactory(source=adviser, target=dissolved, kind=c.RelationKind.ADVISEERT)
    [finding] = about(region, "advisory_without_advises", bac)
    assert_well_formed(finding, "middel")
    assert "BAC Zorg en Veiligheid" in finding.message
    assert about(region, "advisory_without_advises", adviser)


def test_advisory_body_with_current_advises_relation_is_fine(region):
    bac = staffed(
        region,
        kind=c.BodyKind.BAC,
        decision_power=c.DecisionPower.ZWAARWEGEND_ADVIES,
        legal_basis_kind=c.LegalBasisKind.GR,
    )
    ab = staffed(
        region, kind=c.BodyKind.ALGEMEEN_BESTUUR, decision_power=c.DecisionPower.BESLUITVORMEND
    )
    RelationFactory(source=bac, target=ab, kind=c.RelationKind.ADVISEERT)
    assert not about(region, "advisory_without_advises", bac)


# c. hulpstructuur_unaccountable --------------------------------------------------------------


def test_portfolio_holder_not_accountable_is_reported(region):
    holder = BodyFactory(
        region=region, name="Portefeuillehouder mensenhandel", kind=c.BodyKind.PORTEFEUILLEHOUDER
    )
    table = staffed(region, kind=c.BodyKind.STAMTAFEL)
    RelationFactory(
        source=holder, target=table, kind=c.RelationKind.VERANTWOORDING, valid_to=date(2025, 1, 1)
    )  # ended
    [finding] = about(region, "hulpstructuur_unaccountable", holder)
    assert_well_formed(finding, "hoog")
    assert "Portefeuillehouder mensenhandel" in finding.message


def test_hulpstructuur_accountable_to_active_table_is_fine(region):
    team = BodyFactory(region=region, kind=c.BodyKind.PROJECTTEAM)
    table = staffed(region, kind=c.BodyKind.STAMTAFEL)
    RelationFactory(source=team, target=table, kind=c.RelationKind.VERANTWOORDING)
    ordinary = staffed(region, kind=c.BodyKind.WERKGROEP)
    assert not about(region, "hulpstructuur_unaccountable", team)
    assert not about(region, "hulpstructuur_unaccountable", ordinary)


# d. no_chair_or_secretary --------------------------------------------------------------------


def test_body_without_chair_and_secretary_is_reported(region):
    body = BodyFactory(
        region=region,
        name="Secretarissenoverleg",
        level=c.Level.TACTISCH,
        kind=c.BodyKind.SECRETARISSENOVERLEG,
    )
    seat(body)
    [finding] = about(region, "no_chair_or_secretary", body)
    assert_well_formed(finding, "middel")
    assert "voorzitter" in finding.message and "secretaris" in finding.message


def test_body_with_chair_but_no_secretary_names_the_missing_role(region):
    body = BodyFactory(region=region, kind=c.BodyKind.WERKGROEP)
    seat(body, role=c.MembershipRole.VOORZITTER)
    seat(body, role=c.MembershipRole.SECRETARIS, end=date(2025, 3, 1))  # left
    [finding] = about(region, "no_chair_or_secretary", body)
    assert "geen secretaris" in finding.message
    assert "geen voorzitter" not in finding.message


def test_body_with_chair_and_secretary_or_exempt_kind_is_fine(region):
    complete = staffed(region, kind=c.BodyKind.WERKGROEP)
    holder = BodyFactory(region=region, kind=c.BodyKind.PORTEFEUILLEHOUDER)
    seat(holder, c.Office.WETHOUDER, c.MembershipRole.PORTEFEUILLEHOUDER)
    empty = BodyFactory(region=region, kind=c.BodyKind.WERKGROEP)  # reported as without members
    for body in (complete, holder, empty):
        assert not about(region, "no_chair_or_secretary", body)


# e. theme_decided_twice ----------------------------------------------------------------------


@pytest.fixture
def theme(db):
    return Theme.objects.create(name="Testthema mensenhandel")


def test_theme_decided_at_two_tables_is_reported_once_naming_both(region, theme):
    one = staffed(region, name="Stuurgroep A")
    two = staffed(region, name="Stuurgroep B")
    MandateFactory(body=one, power=c.Power.BESLUITEN, theme=theme)
    MandateFactory(body=one, power=c.Power.BESLUITEN, theme=theme)
    MandateFactory(body=two, power=c.Power.BESLUITEN, theme=theme)
    [finding] = found(region, "theme_decided_twice")
    assert_well_formed(finding, "middel")
    assert finding.body_id is None
    assert set(finding.body_ids) == {one.pk, two.pk}
    assert "Testthema mensenhandel" in finding.message
    assert "Stuurgroep A en Stuurgroep B" in finding.message


def test_theme_decided_at_one_table_is_fine(region, theme):
    decider = staffed(region)
    adviser = staffed(region)
    gone = BodyFactory(region=region, status=c.BodyStatus.OPGEHEVEN, dissolved_on=date(2024, 1, 1))
    MandateFactory(body=decider, power=c.Power.BESLUITEN, theme=theme)
    MandateFactory(body=adviser, power=c.Power.ADVISEREN, theme=theme)
    MandateFactory(body=gone, power=c.Power.BESLUITEN, theme=theme, valid_to=date(2024, 1, 1))
    assert not found(region, "theme_decided_twice")


# f. admin_table_missing_mayor_or_alderman ----------------------------------------------------


def test_regional_admin_table_without_alderman_is_reported(region):
    table = staffed(region, name="Stamtafel", kind=c.BodyKind.STAMTAFEL)
    seat(table, c.Office.BURGEMEESTER)
    seat(table, c.Office.WETHOUDER, end=date(2025, 1, 1))  # left before ON
    [finding] = about(region, "admin_table_missing_mayor_or_alderman", table)
    assert_well_formed(finding, "hoog")
    assert "geen wethouder" in finding.message
    assert "geen burgemeester" not in finding.message


def test_regional_admin_table_with_mayor_and_alderman_is_fine(region):
    table = staffed(region, kind=c.BodyKind.BNT)
    seat(table, c.Office.BURGEMEESTER)
    seat(table, c.Office.WETHOUDER)
    dvo = staffed(region, kind=c.BodyKind.DVO)  # mayors only by design: not checked
    tactical = staffed(region, kind=c.BodyKind.STUURGROEP, level=c.Level.TACTISCH)
    for body in (table, dvo, tactical):
        assert not about(region, "admin_table_missing_mayor_or_alderman", body)


# g. partner_in_no_body -----------------------------------------------------------------------


def test_chosen_partner_in_no_active_body_is_reported(region):
    org = OrganisationFactory(region=region, name="GGZ Oost")
    RegionPartner.objects.create(region=region, organisation=org)
    gone = BodyFactory(region=region, status=c.BodyStatus.OPGEHEVEN, dissolved_on=date(2024, 1, 1))
    MembershipFactory(body=gone, organisation=org, person=None, end=date(2024, 1, 1))
    [finding] = found(region, "partner_in_no_body")
    assert_well_formed(finding, "laag")
    assert "GGZ Oost" in finding.message
    assert finding.fix_url == reverse("governance:region_partners", kwargs={"region": region.slug})


def test_partner_seated_as_organisation_or_through_a_person_is_fine(region):
    direct = OrganisationFactory(region=region)
    via_person = OrganisationFactory(region=None, name="Reclassering Nederland")
    for org in (direct, via_person):
        RegionPartner.objects.create(region=region, organisation=org)
    body = staffed(region)
    MembershipFactory(body=body, organisation=direct, person=None)
    seat(body, person__organisation=via_person)
    assert not found(region, "partner_in_no_body")


# h. municipality_unrepresented ---------------------------------------------------------------


def test_municipality_in_no_body_is_reported(region):
    MunicipalityFactory(region=region, name="Zutphen")
    [finding] = found(region, "municipality_unrepresented")
    assert_well_formed(finding, "middel")
    assert "Zutphen" in finding.message


def test_municipality_with_a_seat_is_fine(region):
    municipality = MunicipalityFactory(region=region)
    body = staffed(region)
    seat(body, c.Office.WETHOUDER, municipality=municipality)
    assert not found(region, "municipality_unrepresented")


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


# j. body_without_members ---------------------------------------------------------------------


def test_body_without_current_members_is_reported(region):
    body = BodyFactory(region=region, name="Regiegroep gedwongen zorg")
    seat(body, end=date(2025, 1, 1))
    [finding] = about(region, "body_without_members", body)
    assert_well_formed(finding, "middel")
    assert "Regiegroep gedwongen zorg" in finding.message
    assert finding.fix_url == reverse(
        "governance:membership_add", kwargs={"region": region.slug, "pk": body.pk}
    )


def test_body_with_members_is_fine(region):
    body = BodyFactory(region=region)
    seat(body, start=date(2025, 1, 1))
    assert not about(region, "body_without_members", body)


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


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=timezone.get_current_timezone())


def meet(body, day: date, **kwargs):
    return MeetingFactory(body=body, starts_at=at(day), **kwargs)


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
    assert len(codes) == len(set(codes)) == 12
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
    with django_assert_max_num_queries(6):  # the meeting counts ride along with the bodies
        findings = run_checks(region, on=ON)
    assert findings  # the data set triggers several rules
    rarely = {f.body_id for f in findings if f.check == "meets_less_than_planned"}
    assert len(rarely) == (size + 1) // 2
