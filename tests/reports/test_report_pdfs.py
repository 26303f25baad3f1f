"""Every report PDF, for every role that may download it, is an accessible PDF with the
report's content; the roles that may not download it get no PDF; national readers never get
case text in any PDF.

Generated from the URL permission spec (tests/test_url_permissions.py): the personas whose
expected status for a report's PDF URL is 200 download it; the others must be refused.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casereflection.constants import ReflectionStatus
from casereflection.models import CaseReflection
from governance.constants import ActionList, ActionUpdateKind
from governance.models import ActionUpdate
from tests.casereflection.test_vng_restriction import ALL_MARKS, CONCLUSION_NOTE, MARKS_A, MARKS_B
from tests.casereflection.ui_helpers import conclude, reflection, stamtafel_item
from tests.factories import (
    ActionFactory,
    KnelpuntFactory,
    MeetingFactory,
    RoleFactory,
    UserFactory,
    trekker_membership,
)
from tests.reports.pdf_helpers import assert_accessible_pdf, pdf_facts
from tests.test_url_permissions import SPEC

pytestmark = pytest.mark.django_db

ACTION_TITLE = "Gezamenlijke aanpak verwarde personen"
KNELPUNT_TITLE = "Wachttijden forensische zorg"

PERSONA_FIXTURES = {
    "secretary": "secretary",
    "bestuurder": "bestuurder",
    "participant": "participant",
    "vng": "vng_advisor",
    "staff": "staff_user",
}


@pytest.fixture
def world(region, secretary):
    item = stamtafel_item(region)
    a = reflection(region, ago=0, status=ReflectionStatus.AANGEBODEN, method="anders", **MARKS_A)
    b = reflection(region, ago=1, status=ReflectionStatus.AANGEBODEN, method="anders", **MARKS_B)
    conclusion = conclude(b, secretary, agenda_item=item, note=CONCLUSION_NOTE)
    CaseReflection.objects.filter(pk=b.pk).update(status=ReflectionStatus.GECONCLUDEERD)
    trekker = trekker_membership(region, body=item.meeting.body)
    today = timezone.localdate()
    action = ActionFactory(
        region=region,
        title=ACTION_TITLE,
        created_on=today - timedelta(days=60),
        list=ActionList.VOORRAAD,
        trekker=trekker,
    )
    ActionUpdate.objects.create(
        action=action,
        date=action.created_on,
        kind=ActionUpdateKind.AANGEMAAKT,
        to_list=ActionList.VOORRAAD,
    )
    KnelpuntFactory(region=region, title=KNELPUNT_TITLE, signalled_on=today - timedelta(days=30))
    coming = MeetingFactory(body=item.meeting.body, starts_at=timezone.now() + timedelta(days=7))
    return {"a": a, "b": b, "conclusion": conclusion, "meeting": coming, "body": trekker.body}


def pdf_urls(region, world) -> dict[str, str]:
    slug = region.slug
    return {
        "reports:werkagenda_pdf": reverse("reports:werkagenda_pdf", kwargs={"region": slug}),
        "reports:voortgang_pdf": reverse("reports:voortgang_pdf", kwargs={"region": slug}),
        "reports:structuur_pdf": reverse("reports:structuur_pdf", kwargs={"region": slug}),
        "reports:bespreekvoorstel_pdf": reverse(
            "reports:bespreekvoorstel_pdf", kwargs={"region": slug, "pk": world["a"].pk}
        ),
        "reports:voorbereiding_pdf": reverse(
            "reports:voorbereiding_pdf", kwargs={"region": slug, "pk": world["meeting"].pk}
        ),
        "reports:besluitenlijst_pdf": reverse(
            "reports:besluitenlijst_pdf", kwargs={"region": slug, "pk": world["meeting"].pk}
        ),
        "reports:verslag_pdf": reverse(
            "reports:verslag_pdf", kwargs={"region": slug, "pk": world["meeting"].pk}
        ),
    }


def key_rows(name: str, region, world) -> list[str]:
    """Text every reader of that report must find in its PDF."""
    return {
        "reports:werkagenda_pdf": [ACTION_TITLE, KNELPUNT_TITLE, world["conclusion"].title],
        "reports:voortgang_pdf": [world["conclusion"].title, world["conclusion"].assignment],
        "reports:structuur_pdf": [world["body"].name],
        "reports:bespreekvoorstel_pdf": [MARKS_A["proposal"], MARKS_A["summary"]],
        "reports:voorbereiding_pdf": [world["body"].name, ACTION_TITLE],
        "reports:besluitenlijst_pdf": [world["body"].name, "Besluiten"],
        "reports:verslag_pdf": [world["body"].name, "Aanwezigheid"],
    }[name]


def titles(name: str) -> tuple[str, str]:
    """(document title part, filename start)"""
    return {
        "reports:werkagenda_pdf": ("Werkagenda", "werkagenda-test-"),
        "reports:voortgang_pdf": ("Voortgangsrapportage", "voortgangsrapportage-test-"),
        "reports:structuur_pdf": ("Structuuroverzicht", "structuuroverzicht-test-"),
        "reports:bespreekvoorstel_pdf": ("Bespreekvoorstel", "bespreekvoorstel-test-"),
        "reports:voorbereiding_pdf": ("Vergadervoorbereiding", "vergadervoorbereiding-test-"),
        "reports:besluitenlijst_pdf": ("Besluitenlijst", "besluitenlijst-test-"),
        "reports:verslag_pdf": ("Verslag", "verslag-test-"),
    }[name]


PDF_NAMES = sorted(name for name in SPEC if name.startswith("reports:") and name.endswith("_pdf"))


def test_every_report_has_a_pdf_spec():
    assert len(PDF_NAMES) == 7


@pytest.mark.parametrize("name", PDF_NAMES)
def test_each_role_that_may_download_gets_an_accessible_pdf(name, request, client, region, world):
    expected = SPEC[name][0]
    url = pdf_urls(region, world)[name]
    title, filename = titles(name)
    for persona, fixture in PERSONA_FIXTURES.items():
        client.force_login(request.getfixturevalue(fixture))
        response = client.get(url)
        if expected[persona] != 200:
            assert response.status_code == expected[persona], persona
            assert response.get("Content-Type") != "application/pdf"
            continue
        facts = pdf_facts(response)
        assert_accessible_pdf(facts, title_contains=title)
        assert region.name in facts.title
        assert facts.filename.startswith(filename), facts.filename
        assert facts.filename.endswith(timezone.localdate().isoformat() + ".pdf")
        text = " ".join(facts.text.split())
        for row in key_rows(name, region, world):
            assert row in text, (persona, row)
        if persona in ("vng", "staff"):
            leaked = [mark for mark in ALL_MARKS if mark in facts.text]
            assert not leaked, f"{persona} gets case text {leaked} in {name}"


def test_the_region_gets_the_case_text_in_the_bespreekvoorstel(client, bestuurder, region, world):
    """The counterpart of the national readers' check: the markers do come through pdftotext."""
    client.force_login(bestuurder)
    facts = pdf_facts(client.get(pdf_urls(region, world)["reports:bespreekvoorstel_pdf"]))
    assert all(mark in facts.text for mark in (MARKS_A["proposal"], MARKS_A["summary"]))


def test_a_secretary_of_another_region_gets_no_pdf(client, region, other_region, world):
    outsider = UserFactory(username="buiten")
    RoleFactory(user=outsider, role="secretary", region=other_region)
    client.force_login(outsider)
    for url in pdf_urls(region, world).values():
        assert client.get(url).status_code == 404, url


def test_bad_period_gives_the_form_not_a_pdf(client, secretary, region, world):
    client.force_login(secretary)
    url = pdf_urls(region, world)["reports:werkagenda_pdf"]
    response = client.get(url, {"stand": (timezone.localdate() + timedelta(days=1)).isoformat()})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "De stand per kan niet in de toekomst liggen." in response.content.decode()


def test_busy_gate_answers_503_with_retry_after(client, secretary, region, world, monkeypatch):
    from dashboard.reports import views
    from dashboard.reports.pdf import PdfBusy

    def busy(html):
        raise PdfBusy

    monkeypatch.setattr(views, "render_pdf", busy)
    client.force_login(secretary)
    response = client.get(pdf_urls(region, world)["reports:structuur_pdf"])
    assert response.status_code == 503
    assert response["Retry-After"] == "15"
    assert "Probeer het over 15 seconden opnieuw" in response.content.decode()
