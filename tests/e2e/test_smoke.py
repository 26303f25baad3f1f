"""Smoke tests in a real browser: the login page works and passes axe (WCAG 2.1 A/AA)."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.conftest import assert_no_axe_violations, login
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_login_page_renders_without_accessibility_violations(page, live_server, console_errors):
    response = page.goto(live_server.url + reverse("login"))

    assert response is not None and response.status == 200
    expect(page).to_have_title(re.compile(r"Inloggen"))
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("#id_username")).to_be_visible()
    expect(page.locator("#id_password")).to_be_visible()
    assert_no_axe_violations(page)
    assert console_errors == [], "browser console errors (CSP?): " + "; ".join(console_errors)


def test_login_with_valid_credentials_leaves_login_page(page, live_server):
    UserFactory(username="e2e-gebruiker")  # password: geheim-wachtwoord-123

    login(page, live_server, "e2e-gebruiker", "geheim-wachtwoord-123")

    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
