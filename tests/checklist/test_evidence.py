"""Derived evidence: every rule with a case where the register supports the item and one where
it does not; the mismatch flag; a constant number of queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from casereflection.models import quarter_bounds, quarter_of, shift_quarter
from checklist.evidence.outcomes import unrepresented_municipality_ids
from checklist.evidence.run import derived_evidence, mismatches
from governance import constants as c
from governance.models import RegionPartner, RegionTheme, Theme
from tests.factories import (
    ActionFactory,
    BodyFactory,
    CaseReflectionFactory,
    CostLineFactory,
    KnelpuntFactory,
    MandateFactory,
    MeetingFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    PersonFactory,
    trekker_membership,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def facts(region, code):
    return derived_evidence(region)[code]


def supported(region, code) -> bool:
    return any(f.supports for f in facts(region, code))


def texts(region, code) -> str:
    return " ".join(f.text for f in facts(region, code))


def held(body, days_ago: int, status=c.MeetingStatus.GEHOUDEN):
    return MeetingFactory(
        body=body, starts_at=timezone.now() - timedelta(days=days_ago), status=status
    )


def theme(n=0) -> Theme:
    return Theme.objects.order_by("pk")[n]


# --- I1 ------------------------------------------------------------------------------------


def test_i1_bestuurlijk_body_with_mandate_supports(region):
    body = BodyFactory(region=region, name="Stamtafel Z+V", level=c.Level.BESTUURLIJK)
    MandateFactory(body=body)
    assert supported(region, "I1")
    assert "Stamtafel Z+V" in texts(region, "I1")
    assert all(f.url.startswith(f"/regio/{region.slug}/gremia/") for f in facts(region, "I1")[:1])


def test_i1_without_mandate_or_body_does_not_support(region):
    assert not supported(region, "I1")
    assert "Geen actief bestuurlijk gremium" in texts(region, "I1")
    body = BodyFactory(region=region, name="Bestuurstafel", level=c.Level.BESTUURLIJK)
    MandateFactory(body=body, valid_to=TODAY - timedelta(days=1))  # no longer valid
    BodyFactory(region=region, level=c.Level.TACTISCH, name="Tactisch")
    MandateFactory(body__region=region, body__level=c.Level.TACTISCH)
    assert not supported(region, "I1")
    assert "zonder geldend mandaat: Bestuurstafel." in texts(region, "I1")


def test_i1_meetings_held_against_planned(region):
    body = BodyFactory(
        region=region,
        name="Stamtafel",
        level=c.Level.BESTUURLIJK,
        meeting_frequency_per_year=2,
        established_on=TODAY - timedelta(days=800),
    )
    MandateFactory(body=body)
    held(body, 30)
    meeting_fact = facts(region, "I1")[1]
    assert "Stamtafel 1 van 2" in meeting_fact.text
    assert not meeting_fact.supports
    held(body, 200)
    held(body, 100, status=c.MeetingStatus.GEANNULEERD)  # a cancelled one does not count
    meeting_fact = facts(region, "I1")[1]
    assert "Stamtafel 2 van 2" in meeting_fact.text
    assert meeting_fact.supports


# --- I2, I3 --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "level"), [("I2", c.Level.TACTISCH), ("I3", c.Level.OPERATIONEEL)]
)
def test_level_bodies(region, code, level):
    BodyFactory(region=region, level=c.Level.BESTUURLIJK)
    BodyFactory(region=region, level=level, status=c.BodyStatus.VOORGESTELD, name="Voorstel")
    assert not supported(region, code)
    BodyFactory(region=region, level=level, name="Netwerkoverleg")
    assert supported(region, code)
    assert "Netwerkoverleg" in texts(region, code)
    assert "Voorstel" not in texts(region, code)


# --- I4 ------------------------------------------------------------------------------------


def test_i4_theme_with_afwegingskader_supports(region):
    RegionTheme.objects.create(region=region, theme=theme(0), weighing="Regionaal, want ...")
    RegionTheme.objects.create(region=region, theme=theme(1), weighing="")
    assert supported(region, "I4")
    assert "1 van 2" in texts(region, "I4")
    assert f"Zonder afwegingskader: {theme(1).name}" in texts(region, "I4")


def test_i4_without_afwegingskader_does_not_support(region):
    assert not supported(region, "I4")
    RegionTheme.objects.create(region=region, theme=theme(0), weighing="  ")
    assert not supported(region, "I4")


# --- I5 ------------------------------------------------------------------------------------


def test_i5_partner_seated_supports(region):
    seated = OrganisationFactory(region=region, name="GGD Regio")
    via_person = OrganisationFactory(region=region, name="Politie-eenheid")
    outside = OrganisationFactory(region=region, name="Reclassering")
    for org in (seated, via_person, outside):
        RegionPartner.objects.create(region=region, organisation=org)
    body = BodyFactory(region=region)
    MembershipFactory(body=body, person=None, organisation=seated)
    MembershipFactory(body=body, person=PersonFactory(region=region, organisation=via_person))
    assert supported(region, "I5")
    text = texts(region, "I5")
    assert "2 van 3" in text and "GGD Regio" in text and "Politie-eenheid" in text
    assert "in geen enkel actief gremium: Reclassering" in text


def test_i5_partner_only_in_ended_membership_does_not_support(region):
    org = OrganisationFactory(region=region, name="GGZ")
    RegionPartner.objects.create(region=region, organisation=org)
    MembershipFactory(
        body__region=region,
        person=None,
        organisation=org,
        start=TODAY - timedelta(days=100),
        end=TODAY - timedelta(days=1),
    )
    assert not supported(region, "I5")
    assert "GGZ" in texts(region, "I5")


# --- A1.2 ----------------------------------------------------------------------------------


def test_a1_2_knelpunten_per_theme(region):
    assert not supported(region, "A1.2")
    KnelpuntFactory(region=region)
    KnelpuntFactory(region=region)
    assert supported(region, "A1.2")
    assert f"{theme(0).name} (2)" in texts(region, "A1.2")


# --- A2.1 ----------------------------------------------------------------------------------


def test_a2_1_fewer_tactical_bodies_than_a_year_ago_supports(region):
    two_years = TODAY - timedelta(days=730)
    BodyFactory(region=region, level=c.Level.TACTISCH, established_on=two_years)
    BodyFactory(
        region=region,
        name="Oud overleg",
        level=c.Level.TACTISCH,
        established_on=two_years,
        status=c.BodyStatus.OPGEHEVEN,
        dissolved_on=TODAY - timedelta(days=60),
    )
    assert supported(region, "A2.1")
    assert "1 nu, 2 op" in texts(region, "A2.1")
    assert "Oud overleg" in texts(region, "A2.1")


def test_a2_1_more_tactical_bodies_does_not_support(region):
    BodyFactory(region=region, level=c.Level.TACTISCH, established_on=TODAY - timedelta(days=30))
    assert not supported(region, "A2.1")
    assert "1 nu, 0 op" in texts(region, "A2.1")


# --- A2.3, A3.4 ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "level"), [("A2.3", c.Level.TACTISCH), ("A3.4", c.Level.OPERATIONEEL)]
)
def test_written_basis(region, code, level):
    BodyFactory(region=region, level=level, legal_basis_kind=c.LegalBasisKind.GEEN)
    assert not supported(region, code)
    BodyFactory(region=region, level=level, name="Veiligheidshuis", legal_basis_kind="convenant")
    assert supported(region, code)
    assert "Veiligheidshuis (convenant)" in texts(region, code)


# --- A3.1 ----------------------------------------------------------------------------------


def test_a3_1_casusoverleg(region):
    BodyFactory(region=region, level=c.Level.OPERATIONEEL, kind=c.BodyKind.WERKGROEP)
    assert not supported(region, "A3.1")
    body = BodyFactory(
        region=region,
        name="Casusoverleg Zorg en Veiligheid",
        level=c.Level.OPERATIONEEL,
        kind=c.BodyKind.UITVOERINGSOVERLEG,
    )
    held(body, 10)
    assert supported(region, "A3.1")
    assert "1 vergadering" in texts(region, "A3.1")


# --- A3.3 and O1 (werkagenda) --------------------------------------------------------------


def test_a3_3_actions_with_trekker(region):
    ActionFactory(region=region, list=c.ActionList.ACTIE)  # no trekker
    ActionFactory(region=region, list=c.ActionList.VOORRAAD, trekker=trekker_membership(region))
    assert not supported(region, "A3.3")
    assert not facts(region, "O1")[0].supports
    ActionFactory(region=region, list=c.ActionList.ACTIE, trekker=trekker_membership(region))
    assert supported(region, "A3.3")
    assert "1 actie op de actielijst met een bestuurlijk trekker (van 2)" in texts(region, "A3.3")
    assert facts(region, "O1")[0].supports


def test_a3_3_completed_actions(region):
    ActionFactory(
        region=region,
        list=c.ActionList.GEREED,
        closed_reason=c.ClosedReason.VERVALLEN,
        list_since=TODAY - timedelta(days=10),
    )
    assert not supported(region, "A3.3")
    ActionFactory(
        region=region,
        list=c.ActionList.GEREED,
        closed_reason=c.ClosedReason.AFGEROND,
        list_since=TODAY - timedelta(days=10),
    )
    assert supported(region, "A3.3")
    assert "1 actie afgerond" in texts(region, "A3.3")


def test_o1_documented_mandates_of_tactical_bodies(region):
    tactical = BodyFactory(region=region, level=c.Level.TACTISCH, name="Regiegroep")
    MandateFactory(body=tactical, source_document="")
    MandateFactory(  # a bestuurlijk mandate is not about tactical/operational mandating
        body__region=region, body__level=c.Level.BESTUURLIJK, source_document="GR"
    )
    assert not facts(region, "O1")[2].supports
    MandateFactory(body=tactical, source_document="Convenant 2024")
    assert facts(region, "O1")[2].supports
    assert "Regiegroep" in facts(region, "O1")[2].text


# --- O3 (knelpunten overview) --------------------------------------------------------------


def test_o3_overview_of_knelpunten(region):
    assert not supported(region, "O3")
    KnelpuntFactory(region=region)
    assert supported(region, "O3")


# --- O4 ------------------------------------------------------------------------------------


def test_o4_cost_lines_with_funder(region):
    body = BodyFactory(region=region)
    CostLineFactory(body=body, item="Secretaris", funded_by="")
    assert not supported(region, "O4")
    assert "Secretaris" in texts(region, "O4")
    CostLineFactory(body=body, item="Voorzitter", funded_by="Gemeenten naar inwonertal")
    assert supported(region, "O4")
    assert "Voorzitter (Gemeenten naar inwonertal)" in texts(region, "O4")


def test_o4_cost_line_of_dissolved_body_does_not_count(region):
    body = BodyFactory(
        region=region, status=c.BodyStatus.OPGEHEVEN, dissolved_on=TODAY - timedelta(days=5)
    )
    CostLineFactory(body=body, funded_by="Provincie")
    assert not supported(region, "O4")


# --- M1 ------------------------------------------------------------------------------------


def test_m1_no_high_findings_supports(region):
    BodyFactory(region=region, level=c.Level.TACTISCH, kind=c.BodyKind.WERKGROEP)
    assert supported(region, "M1")


def test_m1_high_findings_do_not_support(region):
    assert not supported(region, "M1")  # nothing at all
    BodyFactory(  # deciding without mandate or legal basis: severity hoog
        region=region,
        level=c.Level.TACTISCH,
        kind=c.BodyKind.WERKGROEP,
        decision_power=c.DecisionPower.BESLUITVORMEND,
    )
    assert not supported(region, "M1")
    assert "Beslist zonder vastgelegd mandaat (1)" in texts(region, "M1")
    assert facts(region, "M1")[0].url.endswith("/controles/")


# --- M6 ------------------------------------------------------------------------------------


def test_m6_fewer_bodies_and_meetings_supports(region):
    body = BodyFactory(region=region, established_on=TODAY - timedelta(days=900))
    BodyFactory(
        region=region,
        established_on=TODAY - timedelta(days=900),
        status=c.BodyStatus.OPGEHEVEN,
        dissolved_on=TODAY - timedelta(days=100),
    )
    held(body, 400)
    held(body, 500)
    held(body, 50)
    bodies_fact, meetings_fact = facts(region, "M6")
    assert bodies_fact.supports and "1 nu, 2 op" in bodies_fact.text
    assert meetings_fact.supports and "1 in de afgelopen 12 maanden, 2 in de 12" in (
        meetings_fact.text
    )


def test_m6_more_bodies_and_meetings_does_not_support(region):
    body = BodyFactory(region=region, established_on=TODAY - timedelta(days=30))
    held(body, 10)
    held(body, 20)
    bodies_fact, meetings_fact = facts(region, "M6")
    assert not bodies_fact.supports
    assert not meetings_fact.supports


# --- U3 ------------------------------------------------------------------------------------


def test_u3_all_municipalities_represented_supports(region):
    municipality = MunicipalityFactory(region=region, name="Zutphen")
    MembershipFactory(body__region=region, person=None, municipality=municipality)
    assert supported(region, "U3")
    assert unrepresented_municipality_ids(region) == set()


def test_u3_unrepresented_municipality_is_named(region):
    seated = MunicipalityFactory(region=region, name="Zutphen")
    alone = MunicipalityFactory(region=region, name="Lochem")
    MembershipFactory(body__region=region, person=None, municipality=seated)
    dissolved = BodyFactory(
        region=region, status=c.BodyStatus.OPGEHEVEN, dissolved_on=TODAY - timedelta(days=1)
    )
    MembershipFactory(body=dissolved, person=None, municipality=alone)
    assert not supported(region, "U3")
    assert "1 van 2 gemeenten" in texts(region, "U3") and "Lochem" in texts(region, "U3")
    assert unrepresented_municipality_ids(region) == {alone.pk}


# --- the date ------------------------------------------------------------------------------


def test_evidence_on_an_earlier_day(region):
    body = BodyFactory(
        region=region, level=c.Level.BESTUURLIJK, established_on=TODAY - timedelta(days=10)
    )
    MandateFactory(body=body)
    assert supported(region, "I1")
    earlier = derived_evidence(region, on=TODAY - timedelta(days=20))
    assert not any(f.supports for f in earlier["I1"])


# --- mismatches ----------------------------------------------------------------------------


def test_mismatch_only_for_realised_items_with_a_rule_and_no_support(region):
    judged = {"I1": "gerealiseerd", "I2": "verkend", "O2": "geborgd", "I4": "geborgd"}
    RegionTheme.objects.create(region=region, theme=theme(0), weighing="Waarom regionaal")
    assert mismatches(region, judged) == {"I1"}
    body = BodyFactory(region=region, level=c.Level.BESTUURLIJK)
    MandateFactory(body=body)
    evidence = derived_evidence(region)
    assert mismatches(region, judged, evidence=evidence) == set()


def test_every_rule_names_a_register_page(region):
    for code, items in derived_evidence(region).items():
        assert items, code
        for fact in items:
            assert fact.url.startswith(f"/regio/{region.slug}/"), (code, fact)
            assert fact.text.endswith("."), (code, fact.text)


# --- query count ---------------------------------------------------------------------------


def _populate(region, n: int) -> None:
    for i in range(n):
        body = BodyFactory(
            region=region,
            level=[c.Level.BESTUURLIJK, c.Level.TACTISCH, c.Level.OPERATIONEEL][i % 3],
            legal_basis_kind="convenant" if i % 2 else "geen",
        )
        municipality = MunicipalityFactory(region=region)
        org = OrganisationFactory(region=region)
        RegionPartner.objects.create(region=region, organisation=org)
        MembershipFactory(body=body, municipality=municipality)
        MembershipFactory(body=body, person=None, organisation=org)
        MandateFactory(body=body, source_document="Convenant")
        CostLineFactory(body=body, funded_by="Gemeenten")
        held(body, 30 + i)
        held(body, 400 + i)
        KnelpuntFactory(region=region)
        ActionFactory(region=region, list=c.ActionList.ACTIE, trekker=trekker_membership(region))
        # A reflection held recently with a delegation (A4.1/A4.2, from casereflection).
        year, quarter = shift_quarter(*quarter_of(timezone.localdate()), -i)
        reflection = CaseReflectionFactory(
            region=region,
            year=year,
            quarter=quarter,
            held_on=quarter_bounds(year, quarter)[0],
        )
        reflection.delegation.set([PersonFactory(region=region)])
    for i, t in enumerate(Theme.objects.order_by("pk")[: min(n, 5)]):
        RegionTheme.objects.create(region=region, theme=t, weighing=f"Kader {i}")


# 12 for the register + the structure checks' own, 3 for the reflections' facts.
# +1: the meetings of the meeting-cycle checks (issue 18); +1: the answers to findings (issue 19)
EVIDENCE_QUERIES = 21  # +1: the stamps under which the structure checks are kept (issue 22)


@pytest.mark.parametrize("size", [1, 8])
def test_derived_evidence_query_count_is_constant(region, size, django_assert_max_num_queries):
    _populate(region, size)
    with django_assert_max_num_queries(EVIDENCE_QUERIES):
        evidence = derived_evidence(region)
    assert len(evidence) >= 10
