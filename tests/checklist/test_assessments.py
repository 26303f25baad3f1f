"""Services of the checklist assessments: saving a judgement, proposals and their decision.

Every refusal is a Dutch message keyed by the field it concerns, and nothing is saved."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from checklist.constants import ProposalState, Status
from checklist.models import Assessment, AssessmentProposal, Framework
from checklist.services.assessments import assessment_save, proposal_create, proposal_decide
from core.locking import StaleEdit
from tests.factories import (
    ActionFactory,
    BodyFactory,
    MandateFactory,
    MunicipalityFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def item(code="I1"):
    return Framework.current().items.get(code=code)


def outcome_item():
    return Framework.current().items.filter(per_municipality=True).order_by("code").first()


def save(region, user, **overrides):
    kwargs = {
        "region": region,
        "item": item(),
        "municipality": None,
        "status": Status.VERKEND,
        "evidence": "Verkenning met de partners.",
        "owner": None,
        "assessed_on": date(2026, 3, 1),
        "next_review_on": date(2026, 9, 1),
        "bodies": [],
        "mandates": [],
        "actions": [],
        "seen_version": None,
        "user": user,
    }
    kwargs.update(overrides)
    return assessment_save(**kwargs)


def refused(region, user, field, **overrides) -> str:
    with pytest.raises(ValidationError) as exc:
        save(region, user, **overrides)
    assert field in exc.value.message_dict, exc.value.message_dict
    assert not Assessment.objects.filter(region=region).exists()
    return " ".join(exc.value.message_dict[field])


def test_create_and_update_one_row(region, secretary):
    body = BodyFactory(region=region)
    mandate = MandateFactory(body=body)
    action = ActionFactory(region=region)
    owner = PersonFactory(region=region)
    first = save(
        region, secretary, bodies=[body], mandates=[mandate], actions=[action], owner=owner
    )
    assert first.code == "I1" and first.version == 1
    assert list(first.bodies.all()) == [body]
    second = save(region, secretary, status=Status.GEREALISEERD, seen_version=1, bodies=[])
    assert second.pk == first.pk and second.version == 2
    assert Assessment.objects.filter(region=region).count() == 1
    assert second.status == Status.GEREALISEERD and not second.bodies.exists()
    assert first.history.count() == 2


def test_status_outside_the_steps(region, secretary):
    assert "vijf stappen" in refused(region, secretary, "status", status="klaar")


def test_review_before_assessment(region, secretary):
    message = refused(
        region,
        secretary,
        "next_review_on",
        assessed_on=date(2026, 3, 1),
        next_review_on=date(2026, 2, 1),
    )
    assert "vóór de datum van deze beoordeling" in message


@pytest.mark.parametrize("field", ["bodies", "mandates", "actions"])
def test_evidence_of_another_region(field, region, other_region, secretary):
    foreign = {
        "bodies": lambda: BodyFactory(region=other_region, name="Vreemd gremium"),
        "mandates": lambda: MandateFactory(body=BodyFactory(region=other_region)),
        "actions": lambda: ActionFactory(region=other_region, title="Vreemde actie"),
    }[field]()
    assert "andere regio" in refused(region, secretary, field, **{field: [foreign]})


def test_owner_of_another_region(region, other_region, secretary):
    owner = PersonFactory(region=other_region, name="Piet Vreemd")
    assert "andere regio" in refused(region, secretary, "owner", owner=owner)


def test_municipality_for_an_item_not_per_gemeente(region, secretary):
    municipality = MunicipalityFactory(region=region)
    message = refused(region, secretary, "municipality", municipality=municipality)
    assert "niet per gemeente" in message


def test_municipality_of_another_region(region, other_region, secretary):
    municipality = MunicipalityFactory(region=other_region, name="Verweg")
    message = refused(
        region, secretary, "municipality", item=outcome_item(), municipality=municipality
    )
    assert "andere regio" in message


def test_region_and_municipality_rows_are_separate(region, secretary):
    outcome = outcome_item()
    a, b = MunicipalityFactory(region=region), MunicipalityFactory(region=region)
    save(region, secretary, item=outcome, status=Status.VERKEND)
    save(region, secretary, item=outcome, municipality=a, status=Status.GEREALISEERD)
    save(region, secretary, item=outcome, municipality=b, status=Status.GEBORGD)
    rows = Assessment.objects.filter(region=region, code=outcome.code)
    assert rows.count() == 3
    assert rows.get(municipality=a).status == Status.GEREALISEERD


def test_stale_save_is_refused(region, secretary, django_user_model):
    save(region, secretary)
    # Someone else opened the form without an assessment and saves after the first one.
    with pytest.raises(StaleEdit):
        save(region, secretary, status=Status.GEBORGD, seen_version=None)
    with pytest.raises(StaleEdit):
        save(region, secretary, status=Status.GEBORGD, seen_version=0)
    assert Assessment.objects.get(region=region).status == Status.VERKEND


# Proposals


def propose(region, user, **overrides):
    kwargs = {
        "region": region,
        "item": item(),
        "municipality": None,
        "status": Status.GEREALISEERD,
        "evidence": "Het convenant is getekend.",
        "user": user,
    }
    kwargs.update(overrides)
    return proposal_create(**kwargs)


def test_proposal_create(region, participant):
    proposal = propose(region, participant)
    assert proposal.state == ProposalState.OPEN and proposal.proposed_by == participant


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("status", {"status": "fantastisch"}),
        ("evidence", {"evidence": "  "}),
        ("municipality", {"municipality": "own"}),
    ],
)
def test_proposal_refusals(field, overrides, region, participant):
    if overrides.get("municipality") == "own":
        overrides["municipality"] = MunicipalityFactory(region=region)
    with pytest.raises(ValidationError) as exc:
        propose(region, participant, **overrides)
    assert field in exc.value.message_dict
    assert not AssessmentProposal.objects.exists()


def test_accept_applies_and_keeps_links_and_owner(region, secretary, participant):
    body = BodyFactory(region=region)
    owner = PersonFactory(region=region)
    today = timezone.localdate()
    save(
        region,
        secretary,
        bodies=[body],
        owner=owner,
        assessed_on=today - timedelta(days=30),
        next_review_on=today + timedelta(days=60),
    )
    proposal = propose(region, participant)
    proposal_decide(proposal=proposal, accept=True, note="", user=secretary)
    assessment = Assessment.objects.get(region=region)
    assert assessment.status == Status.GEREALISEERD
    assert assessment.evidence == "Het convenant is getekend."
    assert assessment.assessed_on == today
    assert assessment.owner == owner and list(assessment.bodies.all()) == [body]
    assert assessment.next_review_on == today + timedelta(days=60)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.AANGENOMEN and proposal.decided_by == secretary


def test_accept_without_assessment_creates_it(region, secretary, participant):
    outcome = outcome_item()
    municipality = MunicipalityFactory(region=region)
    proposal = propose(region, participant, item=outcome, municipality=municipality)
    proposal_decide(proposal=proposal, accept=True, note="", user=secretary)
    assessment = Assessment.objects.get(region=region, municipality=municipality)
    assert assessment.status == Status.GEREALISEERD and assessment.code == outcome.code


def test_accept_clears_a_passed_review_date(region, secretary, participant):
    today = timezone.localdate()
    save(
        region,
        secretary,
        assessed_on=today - timedelta(days=400),
        next_review_on=today - timedelta(days=35),
    )
    proposal_decide(proposal=propose(region, participant), accept=True, note="", user=secretary)
    assert Assessment.objects.get(region=region).next_review_on is None


def test_reject_needs_a_note(region, secretary, participant):
    proposal = propose(region, participant)
    with pytest.raises(ValidationError) as exc:
        proposal_decide(proposal=proposal, accept=False, note=" ", user=secretary)
    assert "note" in exc.value.message_dict
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.OPEN
    proposal_decide(proposal=proposal, accept=False, note="Nog geen convenant.", user=secretary)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.AFGEWEZEN
    assert proposal.decision_note == "Nog geen convenant."
    assert not Assessment.objects.exists()


def test_decided_proposal_is_refused(region, secretary, participant):
    proposal = propose(region, participant)
    proposal_decide(proposal=proposal, accept=False, note="Nee.", user=secretary)
    with pytest.raises(ValidationError, match="al afgehandeld"):
        proposal_decide(proposal=proposal, accept=True, note="", user=secretary)
    assert not Assessment.objects.exists()
