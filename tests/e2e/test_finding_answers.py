"""Answering a structure finding in a real browser: "Bewust zo" on the checks page, the error
next to the field, the finding under "Beantwoord", and axe on the page in both states."""

from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from governance.constants import MembershipRole
from governance.models import FindingAnswer
from tests.e2e.conftest import assert_no_axe_violations, login
from tests.factories import BodyFactory, MembershipFactory, RegionFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "geheim-wachtwoord-123"
REASON = "De netwerktafel is bewust een tafel van gelijken, zonder voorzitter."


@pytest.fixture
def world(db):
    region = RegionFactory(name="Tweede regio", slug="tweede")
    table = BodyFactory(
        region=region,
        name="Netwerktafel zorg en veiligheid",
        kind="bnt",
        established_on=date(2020, 1, 1),
        meeting_frequency_per_year=None,
    )
    MembershipFactory(body=table, role=MembershipRole.LID)
    MembershipFactory(body=table, role=MembershipRole.NETWERKSECRETARIS)
    user = UserFactory(username="secretaris")
    RoleFactory(user=user, role="secretary", region=region)
    return {"region": region, "table": table}


def test_secretary_answers_a_finding(page, live_server, world, console_errors):
    login(page, live_server, "secretaris", PASSWORD)
    page.goto(live_server.url + reverse("governance:checks", kwargs={"region": "tweede"}))
    expect(page.get_by_role("heading", name="Open en beantwoorde bevindingen")).to_be_visible()
    finding = page.locator("ul.findings li").filter(has_text="Geen voorzitter of secretaris")
    expect(finding).to_have_count(1)
    assert_no_axe_violations(page)

    # Open "Bewust zo" and save without a reason: the error stands next to the field.
    finding.locator("summary").click()
    assert_no_axe_violations(page)
    finding.get_by_role("button", name="Opslaan als bewust zo").click()
    error = page.locator("p.field-error[id$='_reason-fout']")
    expect(error).to_contain_text("Schrijf op waarom")
    assert not FindingAnswer.objects.exists()

    # Now with a reason: the finding moves to "Beantwoord".
    finding = page.locator("ul.findings li").filter(has_text="Geen voorzitter of secretaris")
    finding.get_by_label("Waarom is dit bewust zo?").fill(REASON)
    finding.get_by_label("Opnieuw bekijken op (niet verplicht)").fill("2099-01-01")
    finding.get_by_role("button", name="Opslaan als bewust zo").click()
    answered = page.locator("section[aria-labelledby=beantwoord]")
    expect(answered).to_contain_text(REASON)
    expect(answered).to_contain_text("Geen voorzitter of secretaris")
    expect(answered).to_contain_text("1 januari 2099")
    expect(page.locator("section[aria-labelledby=open]")).not_to_contain_text(
        "Geen voorzitter of secretaris"
    )
    assert FindingAnswer.objects.get().reason == REASON
    assert_no_axe_violations(page)

    # Withdraw it again: the finding is open.
    answered.get_by_role("link", name="Intrekken").click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Antwoord intrekken").click()
    expect(page.locator("section[aria-labelledby=open]")).to_contain_text(
        "Geen voorzitter of secretaris"
    )
    assert not FindingAnswer.objects.exists()
    assert console_errors == [], console_errors
