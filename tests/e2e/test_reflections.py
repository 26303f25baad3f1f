"""Case reflections in a real browser: the gespreksleider fills in the three questions and is
stopped by the personal-data guard, the secretary records the Stamtafel's conclusion and finds
the action on the werkagenda; axe on the overview, the reflection and the conclusion form."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from casereflection.models import CaseReflection, quarter_of, shift_quarter
from governance.constants import ActionList, Office
from governance.models import Action
from tests.e2e.conftest import assert_no_axe_violations, login
from tests.factories import (
    AgendaItemFactory,
    BodyFactory,
    CaseReflectionFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    RegionFactory,
    RoleFactory,
    SubRegionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "geheim-wachtwoord-123"


@pytest.fixture
def world(db):
    region = RegionFactory(name="Noord- en Oost-Gelderland", slug="nog")
    users = {}
    for username, role in [("secretaris", "secretary"), ("gespreksleider", "participant")]:
        users[username] = UserFactory(username=username)
        RoleFactory(user=users[username], role=role, region=region)
    stamtafel = BodyFactory(
        region=region,
        name="Stamtafel zorg en veiligheid",
        kind="stamtafel",
        established_on=date(2022, 1, 1),
    )
    burgemeester = PersonFactory(region=region, name="Els Burgemeester", office=Office.BURGEMEESTER)
    MembershipFactory(body=stamtafel, person=burgemeester, role="lid")
    leader = PersonFactory(
        region=region,
        name="Noor Gespreksleider",
        office=Office.AMBTELIJK,
        user=users["gespreksleider"],
    )
    ggz = OrganisationFactory(region=region, name="GGZ Oost")
    achterhoek = SubRegionFactory(region=region, name="Achterhoek")
    year, quarter = shift_quarter(*quarter_of(timezone.localdate()), -1)
    prepared = CaseReflectionFactory(
        region=region,
        year=year,
        quarter=quarter,
        sub_region=achterhoek,
        title="Terugkeer na opname zonder dagbesteding",
        facilitator=leader,
        status="voorbereid",
    )
    prepared.organisations.set([ggz])
    offered = CaseReflectionFactory(
        region=region,
        year=year - 1,
        quarter=quarter,
        sub_region=achterhoek,
        title="Overlast in een woonwijk",
        facilitator=leader,
        status="aangeboden",
        held_on=date(year - 1, 3 * quarter - 1, 10),
        proposal="Maak een gezamenlijke aanpak voor woonoverlast.",
    )
    offered.organisations.set([ggz])
    meeting = MeetingFactory(body=stamtafel, starts_at=timezone.now() - timedelta(days=7), title="")
    AgendaItemFactory(meeting=meeting, title="Bespreekvoorstel woonoverlast", kind="besluiten")
    return {
        "region": region,
        "prepared": prepared,
        "offered": offered,
        "ggz": ggz,
        "stamtafel": stamtafel,
    }


def _url(name, world, **kwargs):
    return reverse(name, kwargs={"region": world["region"].slug, **kwargs})


def test_gespreksleider_is_stopped_by_the_guard(page, live_server, world, console_errors):
    reflection = world["prepared"]
    login(page, live_server, "gespreksleider", PASSWORD)
    page.goto(live_server.url + _url("casereflection:reflection_edit", world, pk=reflection.pk))
    page.get_by_label("De casus in algemene termen").fill(
        "Een inwoner keert na een opname terug zonder dagbesteding. "
        "Zijn broer is bereikbaar op 06-12345678."
    )
    page.get_by_label("leidende principes", exact=False).fill(
        "Op papier wel, in de praktijk kwam de samenwerking te laat op gang."
    )
    page.get_by_label("rugdekking", exact=False).fill(
        "Er ontbreekt een afspraak over wie de regie neemt na ontslag."
    )
    page.get_by_label("meeste recht", exact=False).fill(
        "Dagbesteding regelen vóór het ontslag, ook als dat de wachtlijst doorbreekt."
    )
    with page.expect_response(lambda r: r.request.method == "POST") as response:
        page.get_by_role("button", name="Opslaan").click()
    assert response.value.status == 400
    expect(page.locator(".field-error").first).to_contain_text("06-12345678")
    expect(page.locator(".field-error").first).to_contain_text("elefoonnummer")
    assert_no_axe_violations(page)
    reflection.refresh_from_db()
    assert reflection.version == 1 and reflection.summary == ""

    page.get_by_label("De casus in algemene termen").fill(
        "Een inwoner keert na een opname terug zonder dagbesteding; de familie is betrokken."
    )
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".alert--success")).to_be_visible()
    reflection.refresh_from_db()
    assert "familie is betrokken" in reflection.summary
    assert "rugdekking" not in reflection.answer_administration
    assert reflection.answer_justice.startswith("Dagbesteding regelen")
    assert_no_axe_violations(page)
    assert console_errors == []


def test_secretary_records_a_conclusion_that_lands_on_the_werkagenda(
    page, live_server, world, console_errors
):
    login(page, live_server, "secretaris", PASSWORD)
    page.goto(live_server.url + _url("casereflection:reflection_list", world))
    expect(page.get_by_role("heading", level=1)).to_have_text("Casusreflecties")
    assert_no_axe_violations(page)

    reflection = world["offered"]
    page.goto(live_server.url + _url("casereflection:reflection", world, pk=reflection.pk))
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Conclusie vastleggen").click()
    assert_no_axe_violations(page)
    page.get_by_label("Agendapunt van de Stamtafel").select_option(index=1)
    page.get_by_label("Korte titel").fill("Gezamenlijke aanpak woonoverlast")
    page.get_by_label("Gemeenschappelijke uitdaging").fill(
        "Signalen van overlast komen bij drie organisaties binnen, maar niemand pakt door."
    )
    page.locator("textarea[name=assignment]").fill(
        "Werk een gezamenlijke aanpak uit met woningcorporaties, GGZ en politie."
    )
    page.get_by_label("Opdracht aan (organisatie)").select_option(label="GGZ Oost")
    page.get_by_label("Bestuurlijk aanspreekpunt").select_option(index=1)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".alert--success")).to_be_visible()
    action = Action.objects.get(title="Gezamenlijke aanpak woonoverlast")
    assert action.list == ActionList.ACTIE
    assert action.trekker.person.name == "Els Burgemeester"
    assert CaseReflection.objects.get(pk=reflection.pk).conclusions.get().action == action

    page.goto(live_server.url + _url("governance:werkagenda", world))
    expect(page.get_by_text("Gezamenlijke aanpak woonoverlast").first).to_be_visible()
    page.goto(live_server.url + action.get_absolute_url())
    expect(page.get_by_role("link", name="naar de reflectie", exact=False)).to_be_visible()
    assert console_errors == []
