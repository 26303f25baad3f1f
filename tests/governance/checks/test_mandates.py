"""Rules about mandates and the lines between tables (governance/checks/mandates.py)."""

from datetime import date

import pytest
from django.urls import reverse

from governance import constants as c
from governance.models import Framework
from tests.factories import BodyFactory, MandateFactory, RelationFactory
from tests.governance.checks.support import ON, about, assert_well_formed, found, staffed

pytestmark = pytest.mark.django_db


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


# e. theme_decided_twice ----------------------------------------------------------------------


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


# steers_without_mandate ----------------------------------------------------------------------


def test_steering_body_without_mandate_or_legal_basis_is_reported(region):
    body = staffed(
        region,
        name="Netwerktafel",
        kind=c.BodyKind.BNT,
        roles=[c.BodyRole.SIGNALEREN, c.BodyRole.OPDRACHTGEVEN, c.BodyRole.AANJAGEN],
    )
    [finding] = about(region, "steers_without_mandate", body)
    assert_well_formed(finding, "middel")
    assert "Netwerktafel heeft de rol ‘aanjagen’ en ‘opdrachtgeven’" in finding.message
    assert finding.fix_url == reverse(
        "governance:mandate_add", kwargs={"region": region.slug, "pk": body.pk}
    )


def test_steering_body_with_expired_mandate_is_reported(region):
    body = staffed(region, kind=c.BodyKind.BNT, roles=[c.BodyRole.BESLUITEN])
    MandateFactory(body=body, valid_to=date(2025, 1, 1))
    assert about(region, "steers_without_mandate", body)


def test_steering_body_with_mandate_or_legal_basis_or_without_steering_role_is_fine(region):
    with_mandate = staffed(region, kind=c.BodyKind.BNT, roles=[c.BodyRole.AANJAGEN])
    MandateFactory(body=with_mandate, valid_from=date(2024, 1, 1))
    with_basis = staffed(
        region,
        kind=c.BodyKind.BNT,
        roles=[c.BodyRole.AANJAGEN],
        legal_basis_kind=c.LegalBasisKind.CONVENANT,
    )
    not_steering = staffed(
        region, kind=c.BodyKind.BNT, roles=[c.BodyRole.SIGNALEREN, c.BodyRole.ADVISEREN]
    )
    dissolved = BodyFactory(
        region=region,
        roles=[c.BodyRole.AANJAGEN],
        status=c.BodyStatus.OPGEHEVEN,
        dissolved_on=date(2025, 1, 1),
    )
    for body in (with_mandate, with_basis, not_steering, dissolved):
        assert not about(region, "steers_without_mandate", body)


def test_a_deciding_steering_body_is_reported_once_by_decides_without_mandate(region):
    body = staffed(
        region,
        kind=c.BodyKind.BNT,
        decision_power=c.DecisionPower.BESLUITVORMEND,
        roles=[c.BodyRole.BESLUITEN],
    )
    codes = [f.check for f in about(region, "decides_without_mandate", body)] + [
        f.check for f in about(region, "steers_without_mandate", body)
    ]
    assert codes == ["decides_without_mandate"]


# decides_outside_framework -------------------------------------------------------------------


def test_stuurgroep_outside_every_framework_reporting_to_no_table_is_reported(region):
    body = staffed(region, name="Stuurgroep ZVH", kind=c.BodyKind.STUURGROEP)
    [finding] = about(region, "decides_outside_framework", body)
    assert_well_formed(finding, "middel")
    assert "Stuurgroep ZVH stuurt of besluit" in finding.message
    assert finding.fix_url.endswith("?kind=legt_verantwoording_af_aan")


def test_deciding_body_of_another_kind_outside_every_framework_is_reported(region):
    body = staffed(
        region, kind=c.BodyKind.BESTUURLIJK_OVERLEG, decision_power=c.DecisionPower.BESLUITVORMEND
    )
    assert about(region, "decides_outside_framework", body)
    advising = staffed(
        region, kind=c.BodyKind.BESTUURLIJK_OVERLEG, decision_power=c.DecisionPower.ADVISEREND
    )
    assert not about(region, "decides_outside_framework", advising)


def test_body_in_a_framework_or_accountable_to_an_active_table_is_fine(region):
    convenant = Framework.objects.create(
        region=region, name="Convenant ZVH", kind=c.FrameworkKind.CONVENANT
    )
    in_framework = staffed(region, kind=c.BodyKind.STUURGROEP, framework=convenant)
    accountable = staffed(region, kind=c.BodyKind.STUURGROEP)
    RelationFactory(
        source=accountable,
        target=in_framework,
        kind=c.RelationKind.VERANTWOORDING,
        valid_from=date(2024, 1, 1),
    )
    dissolved = BodyFactory(
        region=region,
        kind=c.BodyKind.STUURGROEP,
        status=c.BodyStatus.OPGEHEVEN,
        dissolved_on=date(2025, 1, 1),
    )
    for body in (in_framework, accountable, dissolved):
        assert not about(region, "decides_outside_framework", body)


def test_expired_or_other_relations_or_a_dissolved_target_do_not_count(region):
    gone = BodyFactory(region=region, status=c.BodyStatus.OPGEHEVEN, dissolved_on=date(2025, 1, 1))
    expired, to_gone, advising = (staffed(region, kind=c.BodyKind.STUURGROEP) for _ in range(3))
    target = staffed(region, kind=c.BodyKind.BNT, decision_power=c.DecisionPower.AFSTEMMEND)
    RelationFactory(source=expired, target=target, kind=c.RelationKind.VERANTWOORDING, valid_to=ON)
    RelationFactory(
        source=to_gone,
        target=gone,
        kind=c.RelationKind.VERANTWOORDING,
        valid_to=date(2025, 1, 1),
    )
    RelationFactory(source=advising, target=target, kind=c.RelationKind.ADVISEERT)
    for body in (expired, to_gone, advising):
        assert about(region, "decides_outside_framework", body)


def test_a_deciding_hulpstructuur_is_left_to_hulpstructuur_unaccountable(region):
    body = staffed(
        region, kind=c.BodyKind.PARTNERGROEP, decision_power=c.DecisionPower.BESLUITVORMEND
    )
    assert not about(region, "decides_outside_framework", body)
    assert about(region, "hulpstructuur_unaccountable", body)
