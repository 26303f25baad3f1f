"""The voortgangsrapportage as PDF: who downloads it, never case text, a past stand."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from django.utils.formats import date_format

from tests.reports.pdf_helpers import assert_accessible_pdf, pdf_facts
from tests.reports.voortgang.support import (
    ALL_MARKS,
    ESCAPED_TITLE,
    PAST_STAND,
    SECTION_TITLES,
    TODAY,
    day,
    url,
)

pytestmark = pytest.mark.django_db


def running_text(response) -> str:
    """The PDF's text in reading order (``pdftotext -raw``), whitespace collapsed: a table cell
    that wraps stays one phrase (``facts.text`` is laid out, so columns interleave)."""
    result = subprocess.run(
        [shutil.which("pdftotext"), "-raw", "-enc", "UTF-8", "-", "-"],
        input=response.content,
        check=True,
        capture_output=True,
    )
    return " ".join(result.stdout.decode("utf-8").split())


def check_pdf(response):
    facts = pdf_facts(response)
    assert_accessible_pdf(facts, title_contains="Voortgangsrapportage")
    for title in SECTION_TITLES:
        assert title in facts.outline, (title, facts.outline)
    text = running_text(response)
    for phrase in (
        "Volgens de actuele beoordelingen van de regio op",
        "I1 Bestuurlijk regionaal gremium ingericht Gerealiseerd",
        "Stamtafel voorjaar",
        "1 van 3 gemeenten gerealiseerd of beter: Apeldoorn",
        "Apeldoorn Geborgd",
        "Actieve gremia Totaal 5 4 -1",
        "Wegwijzer voor huisartsen",
        "Convenant <b>gegevensdeling</b> & privacy",
        "Wethouder Van Dijk",
        "Signalen eerder delen met de wijkteams",
        "Gedeelde zorgen bereiken de wijkteams te laat.",
        "Marieke de Wit",
        "Op de actielijst",
    ):
        assert phrase in text, phrase
    assert len(facts.figure_alts) == 2
    assert any("Input" in alt for alt in facts.figure_alts)
    assert facts.filename == f"voortgangsrapportage-test-{TODAY.isoformat()}.pdf"
    return facts, text


@pytest.mark.parametrize("role", ["secretary", "bestuurder", "participant"])
def test_the_region_downloads_the_pdf(client, request, region, world, role):
    client.force_login(request.getfixturevalue(role))
    facts, text = check_pdf(client.get(url(region, pdf=True)))
    # The report carries no case text for anyone.
    assert not [m for m in ALL_MARKS if m in text or m in facts.text]


@pytest.mark.parametrize("reader", ["vng_advisor", "staff_user"])
def test_national_readers_get_the_conclusions_but_never_case_text(
    client, request, region, world, reader
):
    client.force_login(request.getfixturevalue(reader))
    facts, text = check_pdf(client.get(url(region, pdf=True)))
    leaked = [m for m in ALL_MARKS if m in text or m in facts.text]
    assert not leaked, leaked
    # The public conclusion data is there.
    conclusion = world["conclusion"]
    for value in (conclusion.title, conclusion.common_challenge, conclusion.assignment, "Hoog"):
        assert value in text
    assert world["reflection"].quarter_label in text
    html = client.get(url(region)).content.decode()
    assert not [m for m in ALL_MARKS if m in html]
    assert conclusion.assignment in html


def test_the_pdf_of_a_past_stand(client, region, bestuurder, world):
    client.force_login(bestuurder)
    response = client.get(url(region, pdf=True, stand=PAST_STAND.isoformat()))
    facts = pdf_facts(response)
    assert_accessible_pdf(facts, title_contains="Voortgangsrapportage")
    text = running_text(response)
    assert f"Volgens peilmoment ‘Stamtafel voorjaar’ van {date_format(day(60), 'j F Y')}" in text
    assert "Wegwijzer voor huisartsen" in text
    assert ESCAPED_TITLE not in text  # closed after the stand
    assert "Signalen eerder delen" not in text  # concluded after the stand
    assert facts.filename.endswith(f"{PAST_STAND.isoformat()}.pdf")
