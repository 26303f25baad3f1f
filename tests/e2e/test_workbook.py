"""The spreadsheet round trip in a real browser: the secretary downloads the workbook, changes
it (openpyxl, as Excel would), uploads it, reads the preview and confirms; axe on the upload
and preview pages."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from playwright.sync_api import expect

from governance import constants as c
from governance.models import Membership, Person
from tests.e2e.conftest import assert_no_axe_violations, login
from tests.governance.workbook_data import append, build_region, column, find_row, secretary_of

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "geheim-wachtwoord-123"


def test_secretary_downloads_changes_uploads_and_confirms_a_workbook(
    page, live_server, console_errors
):
    region = build_region("oost")
    secretary_of(region, "secretaris")
    login(page, live_server, "secretaris", PASSWORD)
    page.goto(live_server.url + region.get_absolute_url())
    page.get_by_role("link", name="Werkmap (Excel)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Werkmap (Excel)")
    assert_no_axe_violations(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Werkmap met de huidige structuur downloaden").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    with open(download.value.path(), "rb") as downloaded:
        workbook = load_workbook(io.BytesIO(downloaded.read()))
    append(
        workbook["Personen"],
        {"Naam": "Fatima Bakker", "Soort functie": "Wethouder", "Functie": "wethouder van Lochem"},
    )
    append(
        workbook["Lidmaatschappen"],
        {
            "Gremium": "Stamtafel",
            "Persoon": "Fatima Bakker",
            "Rol": "Lid",
            "Gemeente": "Lochem",
            "Begin": date(2025, 2, 1),
        },
    )
    seats = workbook["Lidmaatschappen"]
    seats.delete_rows(find_row(seats, {"Organisatie": "GGZ Oost"}))
    people = workbook["Personen"]
    people.cell(
        row=find_row(people, {"Naam": "Jan Jansen"}),
        column=column("Personen", "Functie"),
        value="burgemeester van Zutphen",
    )
    changed = io.BytesIO()
    workbook.save(changed)

    page.get_by_label("Werkmap (XLSX)").set_input_files(
        files=[
            {
                "name": "werkmap-oost.xlsx",
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "buffer": changed.getvalue(),
            }
        ]
    )
    page.get_by_role("button", name="Uploaden en voorbeeld bekijken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Voorbeeld van de werkmap")
    expect(page.locator("#telling")).to_contain_text("2 toegevoegd, 1 gewijzigd, 1 beëindigd")
    expect(page.get_by_role("cell", name="burgemeester van Zutphen")).to_be_visible()
    expect(page.get_by_text("Werkgroep wonen: GGZ Oost (Lid)")).to_be_visible()
    assert_no_axe_violations(page)
    assert not Person.objects.filter(name="Fatima Bakker").exists()

    page.get_by_role("button", name="Bevestigen en opslaan").click()
    expect(
        page.get_by_text("De werkmap is verwerkt: 2 toegevoegd, 1 gewijzigd, 1 beëindigd")
    ).to_be_visible()
    person = Person.objects.get(region=region, name="Fatima Bakker")
    assert Membership.objects.get(person=person).role == c.MembershipRole.LID
    assert Person.objects.get(name="Jan Jansen").function == "burgemeester van Zutphen"
    assert Membership.objects.get(organisation__name="GGZ Oost").end is not None
    assert console_errors == [], console_errors


def test_a_refused_workbook_shows_the_errors_per_cell(page, live_server):
    region = build_region("oost")
    secretary_of(region, "secretaris")
    login(page, live_server, "secretaris", PASSWORD)
    page.goto(
        live_server.url + reverse("governance:workbook_upload", kwargs={"region": region.slug})
    )
    page.get_by_label("Werkmap (XLSX)").set_input_files(
        files=[{"name": "lijst.csv", "mimeType": "text/csv", "buffer": b"Naam;Code\nA;1\n"}]
    )
    page.get_by_role("button", name="Uploaden en voorbeeld bekijken").click()
    expect(page.get_by_role("heading", name="Fouten in de werkmap")).to_be_visible()
    expect(page.get_by_text("Dit is geen Excel-werkmap (XLSX)")).to_be_visible()
    assert_no_axe_violations(page)
