"""The page "Meldingen" in a real browser: reached from the user menu, a choice saved with
the keyboard-reachable radio buttons, axe on the page with and without an e-mail address."""

import pytest
from playwright.sync_api import expect

from notifications.models import DigestSetting, NotificationPreference
from tests.e2e.conftest import assert_no_axe_violations, login
from tests.factories import RegionFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "geheim-wachtwoord-123"


@pytest.fixture
def user(db):
    region = RegionFactory(name="Noord- en Oost-Gelderland", slug="nog")
    user = UserFactory(username="bestuurder", email="wethouder@gemeente.example")
    user.set_password(PASSWORD)
    user.save()
    RoleFactory(user=user, role="bestuurder", region=region)
    return user


def test_a_user_chooses_how_to_receive_notices(page, live_server, user, console_errors):
    login(page, live_server, "bestuurder", PASSWORD)
    page.get_by_role("link", name="Meldingen", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Meldingen")).to_be_visible()
    expect(page.get_by_text("wethouder@gemeente.example")).to_be_visible()
    assert_no_axe_violations(page)

    digest = page.get_by_role("group", name="Overzicht per e-mail")
    expect(digest.get_by_label("Wekelijks, op maandagochtend")).to_be_checked()
    group = page.get_by_role("group", name="U bent trekker of actiehouder geworden")
    expect(group.get_by_label("Direct, per e-mail")).to_be_checked()
    group.get_by_label("Niet").check()
    agenda = page.get_by_role("group", name="De agenda van een vergadering is verzonden")
    agenda.get_by_label("In het overzicht").check()
    digest.get_by_label("Dagelijks, elke ochtend").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Uw keuzes voor meldingen zijn opgeslagen.")).to_be_visible()
    expect(group.get_by_label("Niet")).to_be_checked()
    expect(agenda.get_by_label("In het overzicht")).to_be_checked()
    expect(digest.get_by_label("Dagelijks, elke ochtend")).to_be_checked()
    # every kind is stored; only the changed ones differ from direct
    modes = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "mode"))
    assert modes.pop("trekker") == "niet"
    assert modes.pop("agenda_verzonden") == "overzicht"
    assert set(modes.values()) == {"direct"}
    assert DigestSetting.objects.get(user=user).frequency == "dagelijks"
    assert_no_axe_violations(page)

    # No digest at all while a kind waits for it: refused, the error next to the field.
    digest.get_by_label("Geen overzicht").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Het formulier is niet opgeslagen")
    expect(agenda).to_contain_text("U krijgt geen overzicht.")
    assert DigestSetting.objects.get(user=user).frequency == "dagelijks"
    assert_no_axe_violations(page)


def test_without_an_address_the_page_says_so(page, live_server, user):
    user.email = ""
    user.save(update_fields=["email"])
    login(page, live_server, "bestuurder", PASSWORD)
    page.goto(live_server.url + "/meldingen/")
    expect(page.get_by_text("Bij uw account staat geen e-mailadres.", exact=False)).to_be_visible()
    assert_no_axe_violations(page)
