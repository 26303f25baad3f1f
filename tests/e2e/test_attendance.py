"""Attendance in a real browser: a member announces absence from the meeting preparation page,
the secretary records the sheet (a refusal next to the row first) and the meeting page warns
that decisions were taken without quorum; axe on the preparation page, the sheet and the
meeting page."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from governance.models import Attendance
from tests.e2e.conftest import assert_no_axe_violations, login
from tests.factories import (
    AgendaItemFactory,
    BodyFactory,
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
    for username, role in [("secretaris", "secretary"), ("bestuurder", "bestuurder")]:
        users[username] = UserFactory(username=username)
        RoleFactory(user=users[username], role=role, region=region)
    body = BodyFactory(region=region, name="Stamtafel", established_on=date(2022, 1, 1), quorum=2)
    ggz = OrganisationFactory(region=region, name="GGZ Oost")
    member = MembershipFactory(
        body=body,
        person=PersonFactory(
            region=region, name="Pieter de Wethouder", organisation=ggz, user=users["bestuurder"]
        ),
    )
    other = MembershipFactory(body=body, person=PersonFactory(region=region, name="Els Lid"))
    PersonFactory(region=region, name="Carla Collega", organisation=ggz)
    upcoming = MeetingFactory(body=body, starts_at=timezone.now() + timedelta(days=5))
    held = MeetingFactory(body=body, starts_at=timezone.now() - timedelta(hours=2))
    AgendaItemFactory(meeting=held, title="Acute inzet", kind="besluiten", outcome="Akkoord.")
    return {
        "region": region,
        "member": member,
        "other": other,
        "upcoming": upcoming,
        "held": held,
    }


def _url(name, world, **kwargs):
    return reverse(name, kwargs={"region": world["region"].slug, **kwargs})


def test_member_announces_absence(page, live_server, world, console_errors):
    login(page, live_server, "bestuurder", PASSWORD)
    page.goto(live_server.url + _url("meeting_preparation", world, pk=world["upcoming"].pk))
    expect(page.get_by_role("heading", name="Afmelden")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Vervanger (optioneel)").select_option(label="Carla Collega")
    page.get_by_label("Opmerking voor de secretaris (optioneel)").fill("Werkbezoek")
    page.get_by_role("button", name="Ik ben verhinderd").click()
    expect(page.locator(".alert--success")).to_be_visible()
    expect(page.get_by_text("Carla Collega vervangt u")).to_be_visible()
    line = Attendance.objects.get()
    assert line.status == "vervangen" and line.announced_at is not None
    assert_no_axe_violations(page)
    assert console_errors == []


def test_secretary_records_and_sees_the_quorum_warning(page, live_server, world, console_errors):
    login(page, live_server, "secretaris", PASSWORD)
    page.goto(live_server.url + _url("governance:attendance", world, pk=world["held"].pk))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Aanwezigheid")
    assert_no_axe_violations(page)
    page.get_by_label("Aanwezigheid van Pieter de Wethouder").select_option("vervangen")
    page.get_by_label("Aanwezigheid van Els Lid").select_option("afwezig_met_bericht")
    with page.expect_response(lambda r: r.request.method == "POST") as response:
        page.get_by_role("button", name="Aanwezigheid opslaan").click()
    assert response.value.status == 400
    expect(page.locator(".field-error").first).to_contain_text("Kies de vervanger")
    assert_no_axe_violations(page)
    page.get_by_label("Vervanger van Pieter de Wethouder", exact=True).select_option(
        label="Carla Collega"
    )
    page.get_by_role("button", name="Aanwezigheid opslaan").click()
    expect(page.locator(".alert--success")).to_be_visible()
    expect(page.get_by_role("heading", name="Vergadering zonder quorum")).to_be_visible()
    expect(page.get_by_text("Besluit genomen zonder quorum")).to_be_visible()
    assert_no_axe_violations(page)
    assert console_errors == []
