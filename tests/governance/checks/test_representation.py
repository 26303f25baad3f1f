"""Rules about who sits at the tables (governance/checks/representation.py)."""

from datetime import date

import pytest
from django.urls import reverse

from governance import constants as c
from governance.models import RegionPartner
from tests.factories import BodyFactory, MembershipFactory, MunicipalityFactory, OrganisationFactory
from tests.governance.checks.support import about, assert_well_formed, found, seat, staffed

pytestmark = pytest.mark.django_db


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
