"""Frameworks in a real browser: a bestuurder opens the structure page, switches the diagram
from the level view to the framework view and back (axe on both), and downloads the printed
structure overview in the framework view; the PDF names the view and the frameworks. The
secretary's Kaders page passes axe too."""

import shutil
import subprocess
from datetime import date

import pytest
from playwright.sync_api import expect

from governance.constants import FrameworkKind, Level
from tests.e2e.conftest import assert_no_axe_violations, login
from tests.factories import (
    BodyFactory,
    FrameworkFactory,
    RegionFactory,
    RelationFactory,
    RoleFactory,
    UserFactory,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot not installed"),
]
PASSWORD = "geheim-wachtwoord-123"


@pytest.fixture
def world(db):
    region = RegionFactory(name="Voorbeeldregio", slug="voorbeeld")
    gr = FrameworkFactory(
        region=region,
        name="Gemeenschappelijke regeling Voorbeeldregio",
        kind=FrameworkKind.GR,
        source_document="GR Voorbeeldregio 2019",
    )
    convenant = FrameworkFactory(
        region=region, name="Convenant Zorg- en Veiligheidshuis", kind=FrameworkKind.CONVENANT
    )
    ab = BodyFactory(region=region, name="Algemeen Bestuur", framework=gr)
    bac = BodyFactory(region=region, name="Bestuursadviescommissie", framework=gr)
    stuurgroep = BodyFactory(region=region, name="Stuurgroep ZVH", framework=convenant)
    partnergroep = BodyFactory(
        region=region,
        name="Partnergroep ZVH",
        level=Level.TACTISCH,
        established_on=date(2023, 1, 1),
    )
    RelationFactory(source=bac, target=ab, kind="adviseert")
    RelationFactory(source=partnergroep, target=stuurgroep, kind="bereidt_voor")
    for username, role in (("bestuurder", "bestuurder"), ("secretaris", "secretary")):
        user = UserFactory(username=username)
        user.set_password(PASSWORD)
        user.save()
        RoleFactory(user=user, role=role, region=region)
    return {"region": region, "gr": gr}


def test_switching_the_structure_view_and_printing_it_per_framework(
    page, live_server, world, console_errors, tmp_path
):
    login(page, live_server, "bestuurder", PASSWORD)
    page.goto(live_server.url + "/regio/voorbeeld/structuur/")
    expect(page.get_by_role("heading", level=2, name="Diagram per niveau")).to_be_visible()
    switch = page.get_by_role("navigation", name="Weergave van het diagram")
    expect(switch.get_by_role("link", name="per niveau")).to_have_attribute("aria-current", "true")
    assert_no_axe_violations(page)

    switch.get_by_role("link", name="per kader").click()
    expect(page).to_have_url(live_server.url + "/regio/voorbeeld/structuur/?weergave=kader")
    expect(page.get_by_role("heading", level=2, name="Diagram per kader")).to_be_visible()
    expect(switch.get_by_role("link", name="per kader")).to_have_attribute("aria-current", "true")
    diagram = page.locator("svg.structure-diagram")
    expect(diagram.locator("#zvd-kader-geen")).to_be_visible()
    expect(diagram.locator(f"#zvd-kader-{world['gr'].pk}")).to_contain_text(
        "Gemeenschappelijke regeling Voorbeeldregio"
    )
    table = page.get_by_role("table")
    expect(table.get_by_role("columnheader", name="Kader")).to_be_visible()
    row = table.locator("tr", has=page.get_by_role("rowheader", name="Stuurgroep ZVH", exact=True))
    expect(row).to_contain_text("Convenant Zorg- en Veiligheidshuis")
    assert_no_axe_violations(page)

    # the choice of view survives choosing a date
    page.get_by_label("Stand op datum").fill("2024-06-01")
    page.get_by_role("button", name="Toon structuur").click()
    expect(page.get_by_role("heading", level=2, name="Diagram per kader")).to_be_visible()
    page.get_by_role("navigation", name="Weergave van het diagram").get_by_role(
        "link", name="per niveau"
    ).click()
    expect(page.get_by_role("heading", level=2, name="Diagram per niveau")).to_be_visible()
    assert "datum=2024-06-01" in page.url and "weergave" not in page.url

    # the printed overview in the framework view
    page.goto(live_server.url + "/regio/voorbeeld/structuur/?weergave=kader")
    page.get_by_role("link", name="Rapportage (PDF)").click()
    expect(page.get_by_text("Weergave: per kader.")).to_be_visible()
    expect(page.get_by_role("radio", name="per kader")).to_be_checked()
    assert_no_axe_violations(page)
    with page.expect_download(timeout=90_000) as download_info:
        page.get_by_role("link", name="PDF downloaden").click()
    download = download_info.value
    assert download.suggested_filename.startswith("structuuroverzicht-voorbeeld-per-kader-")
    path = tmp_path / "structuur.pdf"
    download.save_as(path)
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext (poppler-utils) is missing"
    text = subprocess.run(
        [pdftotext, "-raw", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout.decode("utf-8")
    assert "Weergave: per kader." in text
    assert "Gemeenschappelijke regeling Voorbeeldregio" in text
    assert "Zonder kader" in text
    assert not console_errors


def test_the_kaders_page_passes_axe(page, live_server, world, console_errors):
    login(page, live_server, "secretaris", PASSWORD)
    page.goto(live_server.url + "/regio/voorbeeld/")
    expect(
        page.locator(".decision-lines").get_by_text("Gemeenschappelijke regeling Voorbeeldregio")
    ).to_be_visible()
    page.get_by_role("navigation", name="Onderdelen van Voorbeeldregio").get_by_role(
        "link", name="Kaders"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kaders")
    expect(page.get_by_role("row", name="Convenant Zorg- en Veiligheidshuis")).to_contain_text(
        "Stuurgroep ZVH"
    )
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Kader toevoegen").click()
    page.get_by_label("Naam").fill("Netwerktafel")
    page.get_by_label("Soort").select_option("informeel_netwerk")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("row", name="Netwerktafel")).to_contain_text("Informeel netwerk")
    assert not console_errors
