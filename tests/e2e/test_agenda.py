"""The agenda's way out in a real browser (issue 18): the secretary offers the agenda, the
chair approves it from the meeting page, a member sees it only then; axe on every page of it."""

from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from governance.constants import AgendaState, Office
from governance.models import Meeting
from tests.e2e.conftest import assert_no_axe_violations, login
from tests.factories import (
    AgendaItemFactory,
    BodyFactory,
    DocumentFactory,
    MeetingFactory,
    MembershipFactory,
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
        ("voorzitter", "bestuurder"),
        ("lid", "participant"),
    ]:
        users[username] = UserFactory(username=username)
        RoleFactory(user=users[username], role=role, region=region)
    body = BodyFactory(
        region=region, name="Stamtafel zorg en veiligheid", established_on=date(2022, 1, 1)
    )
    for username, role in [("voorzitter", "voorzitter"), ("lid", "lid")]:
        person = PersonFactory(region=region, office=Office.WETHOUDER, user=users[username])
        MembershipFactory(body=body, person=person, role=role)
    meeting = MeetingFactory(body=body, agenda_state=AgendaState.CONCEPT)
    item = AgendaItemFactory(meeting=meeting, title="Acute inzet GGZ en politie")
    DocumentFactory(agenda_item=item, title="Notitie acute inzet")
    return {"region": region, "meeting": meeting, "item": item}


def _url(name, world, **kwargs):
    return reverse(name, kwargs={"region": world["region"].slug, **kwargs})


def test_offer_approve_and_publish(page, live_server, world, console_errors):
    meeting = world["meeting"]
    meeting_url = live_server.url + _url("governance:meeting", world, pk=meeting.pk)
    login(page, live_server, "secretaris", PASSWORD)
    page.goto(meeting_url)
    assert_no_axe_violations(page)
    for name in ("governance:agenda_publish", "governance:agenda_submit"):
        page.goto(live_server.url + _url(name, world, pk=meeting.pk))
        assert_no_axe_violations(page)
    page.goto(live_server.url + _url("governance:agendaitem_remove", world, obj=world["item"].pk))
    assert_no_axe_violations(page)
    page.goto(live_server.url + _url("governance:agenda_submit", world, pk=meeting.pk))
    page.get_by_role("button", name="Aanbieden aan de voorzitter").click()
    expect(page.locator(".alert--success")).to_contain_text("ter vaststelling aangeboden")

    page.context.clear_cookies()
    login(page, live_server, "lid", PASSWORD)
    page.goto(meeting_url)
    expect(page.get_by_text("Agenda volgt.")).to_be_visible()
    assert_no_axe_violations(page)

    page.context.clear_cookies()
    login(page, live_server, "voorzitter", PASSWORD)
    page.goto(live_server.url + reverse("preparation"))
    expect(page.get_by_text("Agenda wacht op uw vaststelling")).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(meeting_url)
    expect(page.get_by_text("Agenda ter vaststelling").first).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(live_server.url + _url("governance:agenda_return", world, pk=meeting.pk))
    assert_no_axe_violations(page)
    page.goto(meeting_url)
    page.get_by_role("button", name="Agenda vaststellen").click()
    expect(page.get_by_text("De agenda is vastgesteld en verzonden.")).to_be_visible()
    assert Meeting.objects.get(pk=meeting.pk).agenda_state == AgendaState.DEFINITIEF

    page.context.clear_cookies()
    login(page, live_server, "lid", PASSWORD)
    page.goto(meeting_url)
    expect(page.get_by_text("Acute inzet GGZ en politie").first).to_be_visible()
    page.goto(live_server.url + _url("meeting_preparation", world, pk=meeting.pk))
    assert_no_axe_violations(page)
    assert console_errors == []
