"""Reports in a real browser: the secretary finds the reports through the region navigation,
reads the werkagenda report as a page, downloads its PDF (with the wait indication of the
download script) and is told next to the field when the stand per lies in the future; axe on
the reports page, two report pages and the page with the error."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from governance.constants import ActionList, ActionUpdateKind
from governance.models import ActionUpdate
from tests.e2e.conftest import assert_no_axe_violations, login
from tests.factories import (
    ActionFactory,
    BodyFactory,
    MembershipFactory,
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
    stamtafel = BodyFactory(region=region, name="Stamtafel", established_on=date(2022, 1, 1))
    overleg = BodyFactory(region=region, name="Secretarissenoverleg", level="tactisch")
    RelationFactory(source=overleg, target=stamtafel)
    trekker = MembershipFactory(body=stamtafel, person__name="Wethouder Jansen")
    action = ActionFactory(
        region=region,
        title="Regionale aanpak personen met verward gedrag",
        trekker=trekker,
        created_on=timezone.localdate() - timedelta(days=20),
    )
    ActionUpdate.objects.create(
        action=action,
        date=action.created_on,
        kind=ActionUpdateKind.AANGEMAAKT,
        to_list=ActionList.VOORRAAD,
    )
    user = UserFactory(username="secretaris")
    user.set_password(PASSWORD)
    user.save()
    RoleFactory(user=user, role="secretary", region=region)
    return {"region": region, "action": action}


def test_secretary_reads_and_downloads_the_werkagenda_report(
    page, live_server, world, console_errors
):
    login(page, live_server, "secretaris", PASSWORD)
    page.goto(live_server.url + world["region"].get_absolute_url())
    page.get_by_role("navigation", name="Onderdelen van Noord- en Oost-Gelderland").get_by_role(
        "link", name="Rapportages"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rapportages")
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Bekijken").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Werkagenda")
    expect(page.get_by_text(world["action"].title).first).to_be_visible()
    assert_no_axe_violations(page)

    with page.expect_download(timeout=60_000) as download_info:
        page.get_by_role("link", name="PDF downloaden").click()
    download = download_info.value
    assert download.suggested_filename == f"werkagenda-nog-{timezone.localdate().isoformat()}.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    expect(page.locator("[data-report-status]")).to_contain_text("De PDF is klaar")

    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    page.get_by_label("Stand per").fill(future)
    page.get_by_role("button", name="Toon rapportage").click()
    expect(page.locator(".field-error")).to_contain_text(
        "De stand per kan niet in de toekomst liggen."
    )
    expect(page.get_by_role("link", name="PDF downloaden")).to_have_count(0)
    assert_no_axe_violations(page)
    assert console_errors == []


def test_structure_report_page_is_accessible(page, live_server, world, console_errors):
    login(page, live_server, "secretaris", PASSWORD)
    page.goto(live_server.url + f"/regio/{world['region'].slug}/rapportages/structuur/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Structuuroverzicht")
    expect(page.get_by_role("img").first).to_be_visible()
    assert_no_axe_violations(page)
    assert console_errors == []
