"""The werkagenda and meetings in a real browser: moving an action under the list rules, a
participant writing progress on their own action (and refused on another's), and axe on the
board, action, meeting, preparation and home pages."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from governance.constants import ActionList, Office
from governance.models import Action
from tests.e2e.conftest import assert_no_axe_violations, login
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    BodyFactory,
    KnelpuntFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    RegionFactory,
    RoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "geheim-wachtwoord-123"


@pytest.fixture
def world(db):
    region = RegionFactory(name="Noord- en Oost-Gelderland", slug="nog")
    users = {}
    for username, role in [
        ("secretaris", "secretary"),
        ("bestuurder", "bestuurder"),
        ("deelnemer", "participant"),
    ]:
        users[username] = UserFactory(username=username)
        RoleFactory(user=users[username], role=role, region=region)
    stamtafel = BodyFactory(
        region=region,
        name="Stamtafel zorg en veiligheid",
        kind="stamtafel",
        established_on=date(2022, 1, 1),
    )
    wethouder = PersonFactory(
        region=region,
        name="Pieter de Wethouder",
        office=Office.WETHOUDER,
        user=users["bestuurder"],
    )
    MembershipFactory(body=stamtafel, person=wethouder, role="portefeuillehouder")
    adviseur = PersonFactory(
        region=region, name="Anna Adviseur", office=Office.AMBTELIJK, user=users["deelnemer"]
    )
    ggz = OrganisationFactory(region=region, name="GGZ Oost")
    knelpunt = KnelpuntFactory(region=region, title="Wachttijd beoordeling acute situaties")
    mine = ActionFactory(
        region=region,
        title="Afspraken acute inzet tussen GGZ en politie",
        owner=adviseur,
        importance=3,
        feasibility=2,
        impact=3,
        due_date=timezone.localdate() + timedelta(days=30),
    )
    mine.knelpunten.add(knelpunt)
    theirs = ActionFactory(region=region, title="Inventarisatie woonplekken", owner=None)
    meeting = MeetingFactory(body=stamtafel, title="", location="Stadhuis Zutphen")
    AgendaItemFactory(meeting=meeting, title="Acute inzet", kind="besluiten", action=mine)
    return {
        "region": region,
        "users": users,
        "stamtafel": stamtafel,
        "ggz": ggz,
        "mine": mine,
        "theirs": theirs,
        "meeting": meeting,
    }


def _url(name, world, **kwargs):
    return reverse(name, kwargs={"region": world["region"].slug, **kwargs})


def test_secretary_moves_action_to_actie_only_with_trekker(
    page, live_server, world, console_errors
):
    login(page, live_server, "secretaris", PASSWORD)
    action = world["mine"]
    page.goto(live_server.url + _url("governance:werkagenda", world))
    expect(page.get_by_role("heading", name="Voorraad")).to_be_visible()
    assert_no_axe_violations(page)

    page.goto(live_server.url + _url("governance:action", world, pk=action.pk))
    page.get_by_role("link", name="Verplaatsen naar actielijst").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verplaatsen")
    page.get_by_label("Eigenaar (gremium)").select_option(label=world["stamtafel"].name)
    page.get_by_label("GGZ Oost").check()
    with page.expect_response(lambda r: r.request.method == "POST") as response:
        page.get_by_role("button", name="Verplaatsen naar de actielijst").click()
    assert response.value.status == 400
    expect(page.locator(".field-error").first).to_contain_text("bestuurlijk trekker")
    assert_no_axe_violations(page)
    action.refresh_from_db()
    assert action.list == ActionList.VOORRAAD

    page.get_by_label("Bestuurlijk trekker").select_option(index=1)
    page.get_by_role("button", name="Verplaatsen naar de actielijst").click()
    expect(page.locator(".alert--success")).to_be_visible()
    action.refresh_from_db()
    assert action.list == ActionList.ACTIE
    assert action.trekker.person.name == "Pieter de Wethouder"
    assert action.updates.filter(kind="verplaatsing", to_list="actie").exists()
    assert_no_axe_violations(page)
    assert console_errors == []


def test_participant_updates_own_action_and_is_refused_on_another(
    page, live_server, world, console_errors
):
    login(page, live_server, "deelnemer", PASSWORD)
    page.goto(live_server.url + _url("governance:action", world, pk=world["mine"].pk))
    page.get_by_role("textbox", name="Voortgang").fill("Eerste overleg met politie en GGZ gevoerd.")
    page.get_by_role("button", name="Voortgang vastleggen").click()
    expect(page.get_by_text("Eerste overleg met politie en GGZ gevoerd.").first).to_be_visible()
    assert Action.objects.get(pk=world["mine"].pk).updates.filter(kind="voortgang").count() == 1

    # Someone else's action: no progress form, and the progress page itself is refused.
    page.goto(live_server.url + _url("governance:action", world, pk=world["theirs"].pk))
    expect(page.get_by_role("button", name="Voortgang vastleggen")).to_have_count(0)
    response = page.goto(
        live_server.url + _url("governance:action_progress", world, pk=world["theirs"].pk)
    )
    assert response.status == 403
    assert not world["theirs"].updates.filter(kind="voortgang").exists()
    assert console_errors == []


@pytest.mark.parametrize("username", ["secretaris", "bestuurder"])
def test_meeting_preparation_and_home_are_accessible(
    page, live_server, world, console_errors, username
):
    login(page, live_server, username, PASSWORD)
    for url in [
        reverse("home"),
        _url("governance:meeting", world, pk=world["meeting"].pk),
        _url("meeting_preparation", world, pk=world["meeting"].pk),
        reverse("preparation"),
        _url("governance:meeting_list", world),
        _url("governance:knelpunt_list", world),
    ]:
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        assert_no_axe_violations(page)
    page.goto(live_server.url + reverse("preparation"))
    expect(page.get_by_text(world["stamtafel"].name).first).to_be_visible()
    assert console_errors == []
