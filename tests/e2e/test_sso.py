"""Single sign-on in a real browser, through the real OpenID Connect provider of
tests/oidc_provider: the provider button, the provider's login page, back to the portal with a
new account without a role; a beheerder gives a role; the user sees the region. The login page
with provider buttons and the beheerder's link requests page pass axe."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from accounts.models import OIDCLinkRequest
from accounts.oidc.config import form_action_origins
from tests.accounts.oidc.conftest import op_live, provider_settings  # noqa: F401  (fixture)
from tests.e2e.conftest import assert_no_axe_violations, login
from tests.factories import RegionFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sso(settings, op_live):  # noqa: F811
    settings.OIDC_PROVIDERS = {"test": provider_settings(op_live)}
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {
            **directives,
            "form-action": ["'self'", *form_action_origins(settings.OIDC_PROVIDERS)],
        }
    }
    return op_live


def test_sign_in_through_the_provider_then_a_role(page, browser, live_server, sso, console_errors):
    from django.contrib.auth import get_user_model

    RegionFactory(name="Noord-Oost Gelderland", slug="nog")
    sub = f"sub-{uuid.uuid4().hex[:8]}"
    sso.set_account(sub, f"{sub}@gemeente-test.nl", "Els Visser")

    page.goto(f"{live_server.url}/account/login/")
    button = page.get_by_role("link", name="Inloggen met uw account van Gemeente Test")
    expect(button).to_be_visible()
    assert_no_axe_violations(page)
    button.click()

    # The provider's own login page.
    expect(page.get_by_role("heading", name="Testaanbieder: aanmelden")).to_be_visible()
    page.fill("#username", sub)
    page.fill("#password", "wachtwoord")
    with page.expect_navigation(url=f"{live_server.url}/"):
        page.click("#aanmelden")

    # Back in the portal, signed in, a new account without a role.
    expect(page.get_by_role("heading", name="Overzicht", level=1)).to_be_visible()
    expect(page.locator("#geen-rol")).to_contain_text(
        "Uw account heeft nog geen rol; de functioneel beheerder kent die toe"
    )
    user = get_user_model().objects.get(oidc_identities__subject=sub)
    assert user.email == f"{sub}@gemeente-test.nl" and user.get_full_name() == "Els Visser"
    assert not user.role_assignments.exists()

    # The beheerder, in a browser of their own, finds the account among the new accounts
    # without a role and gives it a role.
    UserFactory(username="e2e-beheerder", is_staff=True)
    context = browser.new_context(locale="nl-NL")
    context.set_default_timeout(10_000)
    admin_page = context.new_page()
    try:
        login(admin_page, live_server, "e2e-beheerder", "geheim-wachtwoord-123")
        admin_page.goto(f"{live_server.url}/account/beheer/?filter=zonder_rol")
        admin_page.get_by_role("link", name="Els Visser").click()
        admin_page.select_option("#id_role", label="Deelnemer")
        admin_page.select_option("#id_region", label="Noord-Oost Gelderland")
        admin_page.get_by_role("button", name="Rol toekennen").click()
        expect(admin_page.get_by_role("cell", name="Deelnemer").first).to_be_visible()
    finally:
        context.close()
    assert user.role_assignments.get().role == "participant"
    page.reload()
    expect(page.get_by_role("link", name="Noord-Oost Gelderland").first).to_be_visible()
    expect(page.locator("#geen-rol")).to_have_count(0)

    # Logging out ends the session at the provider too, and comes back to the login page.
    with page.expect_navigation(url=f"{sso.url}/session/end**"):
        page.get_by_role("button", name="Uitloggen").click()
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url(f"{live_server.url}/account/login/**")
    assert console_errors == [], "; ".join(console_errors)


def test_link_requests_page_passes_axe(page, live_server, sso):
    OIDCLinkRequest.objects.create(
        provider="test",
        subject="sub-x",
        email="anna@gemeente-a.nl",
        name="Anna de Vries",
        candidate=UserFactory(username="anna", email="anna@gemeente-a.nl"),
    )
    UserFactory(username="e2e-beheerder", is_staff=True)
    login(page, live_server, "e2e-beheerder", "geheim-wachtwoord-123")
    page.goto(f"{live_server.url}/account/beheer/koppelingen/")
    expect(page.get_by_role("heading", name="Koppelverzoeken", level=1)).to_be_visible()
    expect(page.get_by_role("cell", name="anna@gemeente-a.nl")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Koppelen — Anna de Vries").click()
    expect(page.get_by_text("is gekoppeld aan account anna")).to_be_visible()
    assert_no_axe_violations(page)
