"""The minutes pages in a real browser: the verslag and besluitenlijst of a held meeting, and
the besluitenregister with a filter — axe on each."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from governance.constants import AttendanceStatus
from governance.models import Attendance
from tests.e2e.conftest import assert_no_axe_violations, login
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    RegionFactory,
    RoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "geheim-wachtwoord-123"


@pytest.fixture
def world(db):
    region = RegionFactory(name="Noord- en Oost-Gelderland", slug="nog")
    stamtafel = BodyFactory(region=region, name="Stamtafel", quorum=2)
    seat = MembershipFactory(body=stamtafel, person__name="Wethouder Jansen")
    meeting = MeetingFactory(
        body=stamtafel, starts_at=timezone.now() - timedelta(days=7), status="gehouden"
    )
    Attendance.objects.create(meeting=meeting, membership=seat, status=AttendanceStatus.AANWEZIG)
    item = AgendaItemFactory(
        meeting=meeting,
        kind="besluiten",
        title="Aanpak dagbesteding",
        outcome="Pilot starten",
        minutes_text="Besproken met de partners.",
    )
    ActionFactory(region=region, origin_agenda_item=item, title="Pilot dagbesteding", trekker=seat)
    user = UserFactory(username="bestuurder")
    user.set_password(PASSWORD)
    user.save()
    RoleFactory(user=user, role="bestuurder", region=region)
    return {"region": region, "meeting": meeting}


def test_minutes_pages_and_register_are_accessible(page, live_server, world, console_errors):
    login(page, live_server, "bestuurder", PASSWORD)
    slug, pk = world["region"].slug, world["meeting"].pk
    page.goto(live_server.url + f"/regio/{slug}/rapportages/verslag/{pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verslag")
    expect(page.get_by_text("Besproken met de partners.")).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(live_server.url + f"/regio/{slug}/rapportages/besluitenlijst/{pk}/")
    expect(page.get_by_text("Besloten zonder quorum")).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(live_server.url + f"/regio/{slug}/besluiten/?tekst=pilot")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Besluitenregister")
    expect(page.get_by_role("link", name="Pilot dagbesteding")).to_be_visible()
    assert_no_axe_violations(page)
    assert console_errors == []
