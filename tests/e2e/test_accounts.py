"""The account pages in a real browser: Mijn sessies, the account list and an account, and the
audit log pass axe (WCAG 2.1 A/AA) and work by keyboard-reachable forms."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, login
from tests.factories import RegionFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "geheim-wachtwoord-123"


def test_my_sessions_page(page, live_server, console_errors):
    UserFactory(username="e2e-sessies")
    login(page, live_server, "e2e-sessies", PASSWORD)
    page.get_by_role("link", name="Mijn sessies").click()
    expect(page.get_by_role("heading", level=1, name="Mijn sessies")).to_be_visible()
    expect(page.get_by_text("(deze sessie)")).to_be_visible()
    assert_no_axe_violations(page)
    assert console_errors == [], "; ".join(console_errors)


def test_beheerder_pages(page, live_server, console_errors):
    region = RegionFactory(name="Regio Oost", slug="oost")
    UserFactory(username="e2e-beheerder", is_staff=True)
    newcomer = UserFactory(username="nieuwkomer", first_name="Nina", last_name="Nieuw")
    RoleFactory(user=UserFactory(username="met-rol"), region=region)
    login(page, live_server, "e2e-beheerder", PASSWORD)

    page.get_by_role("link", name="Accountbeheer").click()
    expect(page.get_by_role("heading", level=1, name="Accountbeheer")).to_be_visible()
    expect(page.get_by_role("link", name="Nina Nieuw")).to_be_visible()
    assert_no_axe_violations(page)

    page.goto(live_server.url + reverse("accounts:account_list") + "?filter=inactief")
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Nieuwe accounts zonder rol").click()
    page.get_by_role("link", name="Nina Nieuw").click()
    expect(page.get_by_role("heading", level=1, name="Nina Nieuw")).to_be_visible()
    assert_no_axe_violations(page)
    # Without a region the role is refused next to the field; then given.
    page.get_by_label("Rol").select_option("secretary")
    page.get_by_role("button", name="Rol toekennen").click()
    expect(page.locator(".field-error")).to_contain_text("Kies de regio")
    assert_no_axe_violations(page)
    page.get_by_label("Regio").select_option(label="Regio Oost")
    page.get_by_role("button", name="Rol toekennen").click()
    expect(page.get_by_role("button", name="Intrekken")).to_be_visible()
    assert newcomer.role_assignments.filter(region=region).exists()

    page.get_by_role("link", name="Auditlog").click()
    expect(page.get_by_role("heading", level=1, name="Auditlog")).to_be_visible()
    expect(page.locator("td", has_text="rol toegekend").first).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(live_server.url + reverse("accounts:audit_log") + "?date_from=gisteren")
    expect(page.locator(".field-error")).to_contain_text("geldige datum")
    assert_no_axe_violations(page)
    assert console_errors == [], "; ".join(console_errors)
