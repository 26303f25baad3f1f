"""A region that has just moved in, in a real browser: the checks page and the region page say
once, calmly, what cannot be judged yet; the secretary sets 'registratie sinds'; axe on all."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, login
from tests.factories import BodyFactory, RegionFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "geheim-wachtwoord-123"


@pytest.fixture
def moved_in(db):
    region = RegionFactory(name="Verhuisde regio", slug="verhuisd", registration_since=None)
    for i in range(4):
        BodyFactory(
            region=region,
            name=f"Tafel {i}",
            kind="bnt",
            established_on=date(2015, 1, 1),
            meeting_frequency_per_year=6,
        )
    RoleFactory(user=UserFactory(username="secretaris"), role="secretary", region=region)
    return region


def test_notices_and_registratie_sinds(page, live_server, moved_in, console_errors):
    login(page, live_server, "secretaris", PASSWORD)
    checks = live_server.url + reverse("governance:checks", kwargs={"region": "verhuisd"})
    page.goto(checks)
    notices = page.locator("ul.notices li")
    expect(page.get_by_role("heading", name="Nog niet te beoordelen")).to_be_visible()
    expect(notices.filter(has_text="Vergadert minder vaak dan gepland")).to_have_count(1)
    expect(page.locator(".findings li", has_text="Vergadert minder vaak")).to_have_count(0)
    assert_no_axe_violations(page)

    page.goto(live_server.url + reverse("governance:region", kwargs={"region": "verhuisd"}))
    expect(page.locator("ul.notices li", has_text="kan nog niet worden beoordeeld")).to_have_count(
        2
    )
    assert_no_axe_violations(page)

    page.goto(live_server.url + reverse("governance:region_edit", kwargs={"region": "verhuisd"}))
    since = timezone.localdate() - timedelta(days=30)
    page.get_by_label("Registratie sinds").fill(since.isoformat())
    page.get_by_role("button", name="Opslaan").click()
    page.goto(checks)
    expect(page.locator("#registratie-stand")).to_contain_text("(vastgelegd bij de regiogegevens)")
    expect(notices.filter(has_text="Vergadert minder vaak dan gepland")).to_contain_text(
        "oordeelt deze regel"
    )
    assert console_errors == [], console_errors
