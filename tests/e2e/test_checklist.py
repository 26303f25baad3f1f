"""The checklist in a real browser: the secretary judges an item and freezes a peilmoment, the
VNG advisor opens the national comparison; axe on the overview, the item page and the
comparison."""

from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from checklist.models import Assessment, Snapshot
from tests.e2e.conftest import assert_no_axe_violations, login
from tests.factories import BodyFactory, MandateFactory, RegionFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "geheim-wachtwoord-123"


def ensure_framework() -> None:
    """Transactional tests start from a flushed database: load the framework of the data
    migration again when an earlier test emptied it."""
    from importlib import import_module

    from django.apps import apps

    from checklist.models import Framework

    if Framework.current() is None:
        migration = import_module("checklist.migrations.0002_framework_2020")
        migration.create_framework(apps, None)


@pytest.fixture
def world(db):
    ensure_framework()
    region = RegionFactory(name="Noord- en Oost-Gelderland", slug="nog")
    RegionFactory(name="Voorbeeldregio", slug="voorbeeld")
    stamtafel = BodyFactory(
        region=region, name="Stamtafel zorg en veiligheid", established_on=date(2022, 1, 1)
    )
    MandateFactory(body=stamtafel, subject="Regionale werkagenda Z+V")
    users = {}
    for username, role, reg in [
        ("secretaris", "secretary", region),
        ("vng", "vng_advisor", None),
    ]:
        users[username] = UserFactory(username=username)
        RoleFactory(user=users[username], role=role, region=reg)
    return {"region": region, "users": users}


def test_secretary_judges_an_item_and_freezes_a_peilmoment(
    page, live_server, world, console_errors
):
    login(page, live_server, "secretaris", PASSWORD)
    region = world["region"]
    page.goto(live_server.url + reverse("checklist:overview", kwargs={"region": region.slug}))
    expect(page.get_by_role("heading", name="1. Input")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="I1", exact=False).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("I1")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Beoordelen").click()
    page.get_by_label("Gerealiseerd").check()
    page.get_by_label("Onderbouwing").fill("De Stamtafel heeft een vastgesteld mandaat.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".alert--success")).to_be_visible()
    assessment = Assessment.objects.get(region=region, code="I1", municipality=None)
    assert assessment.status == "gerealiseerd"

    page.goto(live_server.url + reverse("checklist:snapshot_list", kwargs={"region": region.slug}))
    page.get_by_role("link", name="Peilmoment vastleggen").click()
    page.get_by_role("button", name="Peilmoment vastleggen").click()
    expect(page.locator(".alert--success")).to_be_visible()
    snapshot = Snapshot.objects.get(region=region)
    assert snapshot.scores.get(code="I1", municipality=None).status == "gerealiseerd"
    assert_no_axe_violations(page)
    assert console_errors == []


def test_vng_advisor_opens_the_comparison(page, live_server, world, console_errors):
    login(page, live_server, "vng", PASSWORD)
    page.goto(live_server.url + reverse("home"))
    page.get_by_role("link", name="Vergelijking").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    heatmap = page.locator("table.heatmap")
    expect(heatmap.get_by_role("rowheader", name="Noord- en Oost-Gelderland")).to_be_visible()
    # The health of each region's tables follows, a row per region as well (numbers only).
    health = page.get_by_role("table", name="Gezondheid van de tafels")
    expect(health.get_by_role("rowheader", name="Noord- en Oost-Gelderland")).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(live_server.url + reverse("checklist:comparison") + "?bron=actueel&fase=input")
    expect(heatmap.get_by_role("rowheader", name="Voorbeeldregio")).to_be_visible()
    assert_no_axe_violations(page)
    assert console_errors == []
