"""'Evaluatie nadert' and 'Evaluatie verlopen' (governance/checks/evaluation.py): the
"evalueren vóór" dates of bodies and their current mandates, 60 days ahead and once passed."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from governance import constants as c
from governance.checks.run import run_checks
from governance.selectors.findings import findings_state
from governance.services.findings import answer_finding
from tests.factories import BodyFactory, MandateFactory
from tests.governance.checks.support import ON, about, assert_well_formed, staffed

pytestmark = pytest.mark.django_db

DUE = "evaluation_due"
OVERDUE = "evaluation_overdue"


def test_a_body_60_days_ahead_is_approaching(region):
    body = staffed(region, evaluate_before=ON + timedelta(days=60))
    (finding,) = about(region, DUE, body)
    assert_well_formed(finding, "laag")
    assert finding.title == "Evaluatie nadert"
    assert finding.subject == f"body:{body.pk}"
    assert "over 60 dagen" in finding.message
    assert finding.fix_url == reverse("governance:body_edit", args=[region.slug, body.pk])
    assert not about(region, OVERDUE, body)


def test_61_days_ahead_is_not_yet_named(region):
    body = staffed(region, evaluate_before=ON + timedelta(days=61))
    assert not about(region, DUE, body)
    assert not about(region, OVERDUE, body)


def test_on_the_date_itself_and_after_it_the_evaluation_is_overdue(region):
    today = staffed(region, evaluate_before=ON)
    past = staffed(region, evaluate_before=ON - timedelta(days=400))
    for body in (today, past):
        (finding,) = about(region, OVERDUE, body)
        assert_well_formed(finding, "middel")
        assert finding.title == "Evaluatie verlopen"
        assert finding.subject == f"body:{body.pk}"
        assert not about(region, DUE, body)
    assert "1 juni 2025" in about(region, OVERDUE, today)[0].message


def test_without_a_date_nothing_is_named(region):
    body = staffed(region)
    MandateFactory(body=body)
    assert not about(region, DUE, body) and not about(region, OVERDUE, body)


def test_mandates_are_named_under_their_body_with_a_link_to_the_mandate(region):
    body = staffed(region)
    mandate = MandateFactory(
        body=body, subject="Aanpak mensenhandel", evaluate_before=ON + timedelta(days=10)
    )
    (finding,) = about(region, DUE, body)
    assert finding.subject == f"body:{body.pk}"
    assert "‘Afstemmen: Aanpak mensenhandel’" in finding.message
    assert finding.fix_url == reverse("governance:mandate_edit", args=[region.slug, mandate.pk])


def test_one_finding_per_body_and_state(region):
    body = staffed(region, evaluate_before=ON + timedelta(days=30))
    MandateFactory(body=body, subject="Eerste", evaluate_before=ON + timedelta(days=5))
    MandateFactory(body=body, subject="Tweede", evaluate_before=ON - timedelta(days=5))
    MandateFactory(body=body, subject="Derde", evaluate_before=ON - timedelta(days=50))
    (due,) = about(region, DUE, body)
    assert "het gremium zelf" in due.message and "Eerste" in due.message
    assert "over 5 dagen" in due.message  # the first one
    (overdue,) = about(region, OVERDUE, body)
    assert "Tweede" in overdue.message and "Derde" in overdue.message
    assert "het gremium zelf" not in overdue.message


def test_ended_mandates_and_inactive_bodies_are_not_named(region):
    body = staffed(region)
    MandateFactory(body=body, valid_to=ON - timedelta(days=1), evaluate_before=ON)
    dissolved = BodyFactory(
        region=region,
        status=c.BodyStatus.OPGEHEVEN,
        dissolved_on=ON - timedelta(days=1),
        evaluate_before=ON,
    )
    proposal = BodyFactory(region=region, status=c.BodyStatus.VOORGESTELD, evaluate_before=ON)
    for b in (body, dissolved, proposal):
        assert not about(region, OVERDUE, b) and not about(region, DUE, b)


def test_a_date_is_approaching_first_and_overdue_later(region):
    body = staffed(region, evaluate_before=date(2025, 9, 1))
    assert not about(region, DUE, body, on=date(2025, 6, 1))
    assert about(region, DUE, body, on=date(2025, 7, 15))
    assert about(region, OVERDUE, body, on=date(2025, 9, 1))


def _finding(region, body, code):
    (finding,) = [f for f in run_checks(region) if f.check == code and f.concerns(body.pk)]
    return finding


def _is_open(region, finding) -> bool:
    return (finding.check, finding.subject) in {
        (f.check, f.subject) for f in findings_state(region).open
    }


def test_an_answered_finding_comes_back_when_the_date_changes(region, secretary):
    today = timezone.localdate()
    body = staffed(region, evaluate_before=today + timedelta(days=20))
    mandate = MandateFactory(body=body, evaluate_before=today + timedelta(days=40))
    finding = _finding(region, body, DUE)
    answer_finding(
        region=region,
        check_code=DUE,
        subject=finding.subject,
        facts=finding.facts,
        reason="De evaluatie is al gepland in de vergadering van volgende maand.",
        review_on=None,
        user=secretary,
    )
    assert not _is_open(region, _finding(region, body, DUE))
    # The body's date moves: the answer no longer holds.
    body.evaluate_before = today + timedelta(days=25)
    body.save()
    assert _is_open(region, _finding(region, body, DUE))
    # Back to the answered date: it holds again; a mandate's date moving also reopens it.
    body.evaluate_before = today + timedelta(days=20)
    body.save()
    assert not _is_open(region, _finding(region, body, DUE))
    mandate.evaluate_before = today + timedelta(days=45)
    mandate.save()
    assert _is_open(region, _finding(region, body, DUE))


def test_the_checks_page_shows_and_counts_the_evaluation_findings(client, region, secretary):
    today = timezone.localdate()
    staffed(region, name="Tafel met evaluatie", evaluate_before=today - timedelta(days=3))
    client.force_login(secretary)
    response = client.get(reverse("governance:checks", args=[region.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Evaluatie verlopen" in html and "Evaluatie nadert" in html  # finding and legend
    assert "Tafel met evaluatie" in html


def test_an_empty_date_leaves_the_fingerprint_as_it_was_before_the_field_existed(region):
    """Answers given before migration 0008 keep holding: a body or mandate without a date
    contributes exactly the fields it had before."""
    from governance.checks.facts import _values

    body = staffed(region)
    mandate = MandateFactory(body=body)
    for obj in (body, mandate):
        assert "evaluate_before" not in dict(_values(obj)[2])
        obj.evaluate_before = ON
        assert dict(_values(obj)[2])["evaluate_before"] == "2025-06-01"
