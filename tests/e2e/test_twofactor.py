"""The second factor in a real browser: enrolment with the secret shown on the page, recovery
codes, verification at the next sign-in, the beheerder's reset form — each page through axe —
and passkeys with Chromium's virtual authenticator: register one, log out, sign in with it."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from accounts.models import AuditEvent, Passkey
from accounts.twofactor import codes
from tests.e2e.conftest import assert_no_axe_violations, login, totp_code
from tests.factories import RoleFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "geheim-wachtwoord-123"


@pytest.fixture
def people(db):
    from tests.factories import RegionFactory

    region = RegionFactory(name="Testregio", slug="test")
    secretaris = UserFactory(username="secretaris", first_name="Sanne", last_name="Wolters")
    RoleFactory(user=secretaris, role="secretary", region=region)
    beheerder = UserFactory(username="beheerder", is_staff=True, is_superuser=True)
    return {"region": region, "secretaris": secretaris, "beheerder": beheerder}


def _log_out(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Uitloggen").first.click()


def test_enrol_verify_and_reset_pages(page, live_server, people, console_errors):
    region_url = live_server.url + reverse("governance:region", kwargs={"region": "test"})
    page.goto(region_url)  # a deep link: after the password, enrolment first
    page.fill("#id_username", "secretaris")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen", exact=True).click()
    assert page.url.startswith(live_server.url + reverse("accounts:mfa_totp_setup"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Authenticator-app instellen")
    expect(page.locator(".qr svg")).to_be_visible()
    assert_no_axe_violations(page)

    # Another page is not reachable yet.
    page.goto(region_url)
    assert page.url.startswith(live_server.url + reverse("accounts:mfa_totp_setup"))

    # A wrong code: the error next to the field, still accessible.
    page.fill("#id_code", "12345")
    with page.expect_navigation():
        page.get_by_role("button", name="Bevestigen").click()
    expect(page.locator(".field-error")).to_contain_text("zes cijfers")
    assert_no_axe_violations(page)

    secret = page.locator("#sleutel").inner_text()
    page.fill("#id_code", codes.current_code(codes.base32_to_hex(secret)))
    with page.expect_navigation():
        page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Herstelcodes")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    assert_no_axe_violations(page)
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("verder")).click()
    assert page.url == region_url  # next kept through enrolment

    page.goto(live_server.url + reverse("accounts:mfa"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweede factor")
    assert_no_axe_violations(page)

    # Next sign-in: the code is asked.
    _log_out(page)
    login(page, live_server, "secretaris", PASSWORD, second_factor=False)
    assert page.url.startswith(live_server.url + reverse("accounts:mfa_verify"))
    assert_no_axe_violations(page)
    page.fill("#id_code", "000000" if totp_code("secretaris") != "000000" else "111111")
    with page.expect_navigation():
        page.get_by_role("button", name="Controleren", exact=True).click()
    expect(page.locator(".field-error")).to_contain_text("Deze code klopt niet.")
    assert_no_axe_violations(page)
    page.keyboard.press("Tab")  # keyboard: focus moves visibly through the form
    page.wait_for_timeout(1100)  # django-otp's delay after a wrong code
    page.fill("#id_code", totp_code("secretaris"))
    page.locator("#id_code").press("Enter")
    page.wait_for_url(live_server.url + reverse("home"))
    _log_out(page)

    # The beheerder's reset form.
    login(page, live_server, "beheerder", PASSWORD)
    reset_url = reverse("accounts:mfa_reset", kwargs={"pk": people["secretaris"].pk})
    page.goto(live_server.url + reset_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tweede factor herstellen")
    assert_no_axe_violations(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Tweede factor herstellen").click()
    expect(page.locator(".field-error")).to_contain_text("Vul een reden in.")
    assert_no_axe_violations(page)
    page.fill("#id_reason", "Telefoon kwijt; identiteit telefonisch gecontroleerd.")
    with page.expect_navigation():
        page.get_by_role("button", name="Tweede factor herstellen").click()
    expect(page.locator(".alert--success")).to_contain_text("is hersteld")
    assert AuditEvent.objects.filter(kind="mfa_reset", target="secretaris").exists()
    assert console_errors == [], "; ".join(console_errors)


def _virtual_authenticator(page):
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    return cdp


def test_register_a_passkey_and_sign_in_with_it(page, live_server, people, console_errors):
    _virtual_authenticator(page)
    login(page, live_server, "secretaris", PASSWORD)  # password + TOTP code
    page.goto(live_server.url + reverse("accounts:passkey_add"))
    expect(page.get_by_label("Naam van de passkey")).to_be_visible()
    expect(page.locator("[data-passkey-missing]")).to_be_hidden()
    assert_no_axe_violations(page)
    page.get_by_label("Naam van de passkey").fill("Laptop werk")
    with page.expect_navigation():
        page.get_by_role("button", name="Passkey maken").click()
    assert page.url == live_server.url + reverse("accounts:mfa")
    expect(page.get_by_role("row", name=re.compile("Laptop werk"))).to_be_visible()
    assert Passkey.objects.filter(user=people["secretaris"], name="Laptop werk").exists()
    assert_no_axe_violations(page)

    _log_out(page)
    button = page.get_by_role("button", name="Inloggen met een passkey")
    expect(button).to_be_visible()
    assert_no_axe_violations(page)
    with page.expect_navigation():
        button.click()
    assert page.url == live_server.url + reverse("home")
    expect(page.locator(".user-menu__name")).to_have_text("Sanne Wolters")
    # No code asked: the passkey is both factors.
    page.goto(live_server.url + reverse("governance:region", kwargs={"region": "test"}))
    assert page.url.endswith(reverse("governance:region", kwargs={"region": "test"}))
    assert AuditEvent.objects.filter(kind="login_passkey", user=people["secretaris"]).exists()
    assert console_errors == [], "; ".join(console_errors)


def test_passkey_as_second_factor_on_the_verify_page(page, live_server, people, console_errors):
    _virtual_authenticator(page)
    login(page, live_server, "secretaris", PASSWORD)
    page.goto(live_server.url + reverse("accounts:passkey_add"))
    page.get_by_label("Naam van de passkey").fill("Sleutel")
    with page.expect_navigation():
        page.get_by_role("button", name="Passkey maken").click()
    _log_out(page)
    login(page, live_server, "secretaris", PASSWORD, second_factor=False)
    assert page.url.startswith(live_server.url + reverse("accounts:mfa_verify"))
    with page.expect_navigation():
        page.get_by_role("button", name="Controleren met een passkey").click()
    assert page.url == live_server.url + reverse("home")
    assert console_errors == [], "; ".join(console_errors)


def test_login_page_without_webauthn_hides_the_passkey_button(browser, live_server):
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    page.add_init_script("delete window.PublicKeyCredential;")
    page.goto(live_server.url + reverse("login"))
    expect(page.get_by_role("button", name="Inloggen", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Inloggen met een passkey")).to_be_hidden()
    context.close()
