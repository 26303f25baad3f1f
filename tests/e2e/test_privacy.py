"""Privacyverzoeken in a real browser: the beheerder finds a person from the menu, reads the
inzage and erases the person after confirming; axe on every page."""

import pytest
from playwright.sync_api import expect

from governance.models import Person
from tests.e2e.conftest import assert_no_axe_violations, login
from tests.factories import RegionFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "geheim-wachtwoord-123"


@pytest.fixture
def beheerder(db):
    region = RegionFactory(name="Noord- en Oost-Gelderland", slug="nog")
    Person.objects.create(region=region, name="Hendrika Veldkamp", email="h.veldkamp@example.nl")
    user = UserFactory(username="beheerder", is_staff=True)
    user.set_password(PASSWORD)
    user.save()
    return user


def test_beheerder_inspects_and_erases_a_person(page, live_server, beheerder, console_errors):
    login(page, live_server, "beheerder", PASSWORD)
    page.get_by_role("link", name="Privacyverzoeken").click()
    expect(page.get_by_role("heading", level=1, name="Privacyverzoeken")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Naam of e-mailadres").fill("veldkamp")
    with page.expect_navigation():
        page.get_by_role("button", name="Zoeken").click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Inzage Hendrika Veldkamp").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hendrika Veldkamp")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Deze persoon wissen").click()
    assert_no_axe_violations(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Definitief wissen").click()
    expect(page.get_by_role("alert")).to_contain_text("Het formulier is niet opgeslagen")
    assert_no_axe_violations(page)
    page.get_by_label("Grond van het verzoek").select_option("bezwaar")
    page.get_by_label("Toelichting").fill("Verzoek 2026-3")
    page.get_by_label("Ik begrijp dat wissen niet ongedaan kan worden gemaakt.").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Definitief wissen").click()
    expect(page.get_by_text("Verwijderde persoon 1")).to_be_visible()
    assert not Person.objects.filter(name="Hendrika Veldkamp").exists()
