"""The register in a real browser: the secretary's day-one work, scoping, and axe on the
main pages."""

import re
from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from governance.constants import BodyStatus, Office
from governance.models import Body, BodyRelation, Membership
from tests.e2e.conftest import assert_no_axe_violations, login
from tests.factories import (
    BodyFactory,
    MembershipFactory,
    PersonFactory,
    RegionFactory,
    RelationFactory,
    RoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "geheim-wachtwoord-123"


@pytest.fixture
def world(db):
    region = RegionFactory(name="Noord- en Oost-Gelderland", slug="nog")
    other = RegionFactory(name="Voorbeeldregio", slug="voorbeeld")
    stamtafel = BodyFactory(
        region=region,
        name="Stamtafel zorg en veiligheid",
        short_name="Stamtafel",
        kind="stamtafel",
        established_on=date(2022, 1, 1),
    )
    stuurgroep = BodyFactory(
        region=region,
        name="Stuurgroep Zorg- en Veiligheidshuis",
        kind="stuurgroep",
        established_on=date(2010, 1, 1),
    )
    regiegroep = BodyFactory(
        region=region,
        name="Regiegroep gedwongen zorg",
        kind="regiegroep",
        level="tactisch",
        established_on=date(2022, 4, 19),
    )
    RelationFactory(source=regiegroep, target=stamtafel, kind="adviseert")
    MembershipFactory(
        body=stamtafel,
        role="voorzitter",
        person=PersonFactory(region=region, name="Ineke Voorzitter", office=Office.ONAFHANKELIJK),
    )
    PersonFactory(
        region=region,
        name="Pieter de Wethouder",
        office=Office.WETHOUDER,
        function="wethouder van Zutphen",
    )
    BodyFactory(region=other, name="Bestuurlijke netwerktafel Voorbeeld", kind="bnt")
    users = {}
    for username, role, reg in [
        ("secretaris", "secretary", region),
        ("bestuurder", "bestuurder", region),
    ]:
        users[username] = UserFactory(username=username)
        RoleFactory(user=users[username], role=role, region=reg)
    return {
        "region": region,
        "other": other,
        "stamtafel": stamtafel,
        "stuurgroep": stuurgroep,
        "users": users,
    }


def test_secretary_builds_and_changes_the_structure(page, live_server, world, console_errors):
    login(page, live_server, "secretaris", PASSWORD)
    page.goto(live_server.url + reverse("governance:body_list", kwargs={"region": "nog"}))

    # Create a body.
    page.get_by_role("link", name="Gremium toevoegen").click()
    page.locator("#id_name").fill("Portefeuillehouder mensenhandel")
    page.locator("#id_kind").select_option("portefeuillehouder")
    page.locator("#id_level").select_option("bestuurlijk")
    page.get_by_label("Vergaderingen per jaar").fill("2")
    page.get_by_label("Signaleren").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Portefeuillehouder mensenhandel")
    body = Body.objects.get(name="Portefeuillehouder mensenhandel")

    # Add a member; first a bad date to see the Dutch error next to the field.
    members = page.locator("section[aria-labelledby=leden]")
    members.get_by_role("link", name="Lid toevoegen").click()
    page.get_by_label("Persoon").select_option(label="Pieter de Wethouder")
    page.locator("#id_role").select_option("portefeuillehouder")
    page.get_by_label("Begin").fill("2021-01-01")
    page.get_by_label("Einde per").fill("2020-01-01")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#id_end-fout")).to_contain_text("De einddatum moet na de begindatum")
    page.get_by_label("Einde per").fill("")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("table").first).to_be_visible()
    assert Membership.objects.filter(body=body, person__name="Pieter de Wethouder").exists()
    cell = page.get_by_role("cell", name="Pieter de Wethouder wethouder van Zutphen")
    expect(cell).to_be_visible()

    # End the Stuurgroep ZVH: it goes up in the Stamtafel.
    page.goto(live_server.url + world["stuurgroep"].get_absolute_url())
    page.get_by_role("link", name="Opheffen", exact=True).click()
    page.locator("#id_dissolved_on").fill("2023-12-06")
    page.get_by_label("Gaat op in").select_option(label="Stamtafel zorg en veiligheid")
    page.get_by_role("button", name="Gremium opheffen").click()
    expect(page.get_by_text("Opgeheven", exact=True).first).to_be_visible()
    stuurgroep = Body.objects.get(pk=world["stuurgroep"].pk)
    assert stuurgroep.status == BodyStatus.OPGEHEVEN
    assert BodyRelation.objects.filter(source=stuurgroep, kind="gaat_op_in").exists()

    # The diagram shows today's structure, and the Stuurgroep on an earlier date.
    page.get_by_role("link", name="Structuur", exact=True).click()
    diagram = page.locator("figure.diagram svg")
    expect(diagram).to_be_visible()
    expect(diagram).to_have_attribute("aria-labelledby", re.compile(".+"))
    expect(diagram).not_to_contain_text("Stuurgroep")
    page.get_by_label("Stand op datum").fill("2023-01-01")
    page.get_by_role("button", name="Toon structuur").click()
    expect(page.locator("figure.diagram svg")).to_contain_text("Stuurgroep")
    assert console_errors == [], console_errors


def test_bestuurder_gets_404_on_another_region(page, live_server, world):
    login(page, live_server, "bestuurder", PASSWORD)
    response = page.goto(
        live_server.url + reverse("governance:region", kwargs={"region": "voorbeeld"})
    )
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Pagina niet gevonden")
    other_body = Body.objects.get(region=world["other"])
    response = page.goto(live_server.url + other_body.get_absolute_url())
    assert response.status == 404


def test_main_pages_have_no_axe_violations(page, live_server, world, console_errors):
    page.goto(live_server.url + reverse("login"))
    assert_no_axe_violations(page)
    login(page, live_server, "secretaris", PASSWORD)
    stamtafel = world["stamtafel"]
    urls = [
        reverse("home"),
        reverse("governance:region", kwargs={"region": "nog"}),
        reverse("governance:body_list", kwargs={"region": "nog"}),
        stamtafel.get_absolute_url(),
        reverse("governance:structure", kwargs={"region": "nog"}),
        reverse("governance:checks", kwargs={"region": "nog"}),
        reverse("governance:drukte", kwargs={"region": "nog"}),
        reverse("governance:body_add", kwargs={"region": "nog"}),
        reverse("governance:organisation_list", kwargs={"region": "nog"}),
        reverse("governance:person_list", kwargs={"region": "nog"}),
        reverse("governance:region_partners", kwargs={"region": "nog"}),
        reverse("governance:region_export_page", kwargs={"region": "nog"}),
        reverse("permissions"),
    ]
    for url in urls:
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        assert_no_axe_violations(page)
    # A form with errors is accessible too.
    page.goto(live_server.url + reverse("governance:body_add", kwargs={"region": "nog"}))
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".alert--error")).to_be_visible()
    assert_no_axe_violations(page)
    assert console_errors == [], console_errors
