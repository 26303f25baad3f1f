"""Writes of the checklist assessments: the secretary's judgement and participants' proposals.

Every service runs in one transaction, takes keyword arguments only and refuses bad input with
a Dutch ``ValidationError`` keyed by the form field it concerns; nothing is saved then.

- ``assessment_save`` creates or changes the one assessment of (region, item code,
  municipality) under the optimistic lock. Saving over an assessment that someone else created
  or changed after the form was opened raises ``StaleEdit``.
- ``proposal_create`` records a participant's suggestion.
- ``proposal_decide`` takes a proposal over (through ``assessment_save``, in the same
  transaction, keeping the assessment's evidence links and owner) or rejects it with a note.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from checklist.constants import ProposalState, Status
from checklist.models import Assessment, AssessmentProposal, Item
from checklist.signals import proposal_created
from core.events import send_after_commit
from core.locking import save_versioned
from governance.models import Action, Body, Mandate, Municipality, Person, Region


def _status_error(status: str) -> str | None:
    if status not in Status.values:
        return _("Kies een van de vijf stappen: %(steps)s.") % {
            "steps": ", ".join(str(label).lower() for label in Status.labels)
        }
    return None


def _municipality_error(region: Region, item: Item, municipality: Municipality | None):
    if municipality is None:
        return None
    if not item.per_municipality:
        return _("%(code)s wordt niet per gemeente beoordeeld; laat de gemeente leeg.") % {
            "code": item.code
        }
    if municipality.region_id != region.pk:
        return _("%(name)s hoort bij een andere regio.") % {"name": municipality.name}
    return None


def _foreign_names(objects: Iterable, region_id: int, region_of, label) -> list[str]:
    return sorted(label(o) for o in objects if region_of(o) != region_id)


def _link_errors(
    region: Region, bodies: list[Body], mandates: list[Mandate], actions: list[Action]
) -> dict[str, str]:
    """Evidence links must all belong to ``region``."""
    errors: dict[str, str] = {}
    checks = (
        ("bodies", bodies, lambda b: b.region_id, lambda b: b.name),
        ("mandates", mandates, lambda m: m.body.region_id, str),
        ("actions", actions, lambda a: a.region_id, lambda a: a.title),
    )
    for field, objects, region_of, label in checks:
        foreign = _foreign_names(objects, region.pk, region_of, label)
        if foreign:
            errors[field] = _("Van een andere regio, kies bewijs van deze regio: %(names)s.") % {
                "names": "; ".join(foreign)
            }
    return errors


@transaction.atomic
def assessment_save(
    *,
    region: Region,
    item: Item,
    municipality: Municipality | None = None,
    status: str,
    evidence: str,
    owner: Person | None,
    assessed_on: date,
    next_review_on: date | None,
    bodies: Iterable[Body],
    mandates: Iterable[Mandate],
    actions: Iterable[Action],
    seen_version: int | None,
    user,
) -> Assessment:
    """Create or change the assessment of ``item`` for ``region`` (or one municipality).

    ``seen_version`` is the version the form showed (None for a form that showed no
    assessment yet): when the stored row differs, ``StaleEdit`` is raised and nothing is saved.
    """
    bodies, mandates, actions = list(bodies), list(mandates), list(actions)
    errors: dict[str, str] = {}
    if problem := _status_error(status):
        errors["status"] = problem
    if problem := _municipality_error(region, item, municipality):
        errors["municipality"] = problem
    if owner is not None and owner.region_id != region.pk:
        errors["owner"] = _("%(name)s is van een andere regio.") % {"name": owner.name}
    if assessed_on is None:
        errors["assessed_on"] = _("Vul de datum van de beoordeling in.")
    elif next_review_on is not None and next_review_on < assessed_on:
        errors["next_review_on"] = _(
            "De volgende beoordeling (%(next)s) ligt vóór de datum van deze beoordeling (%(on)s)."
        ) % {"next": next_review_on.strftime("%d-%m-%Y"), "on": assessed_on.strftime("%d-%m-%Y")}
    errors.update(_link_errors(region, bodies, mandates, actions))
    if errors:
        raise ValidationError(errors)

    assessment = Assessment.objects.filter(
        region=region, code=item.code, municipality=municipality
    ).first()
    if assessment is None:
        assessment = Assessment(region=region, municipality=municipality)
    # An assessment made against an older framework version moves to this version's item.
    assessment.item = item
    assessment.code = item.code
    assessment.status = status
    assessment.evidence = evidence.strip()
    assessment.owner = owner
    assessment.assessed_on = assessed_on
    assessment.next_review_on = next_review_on
    save_versioned(assessment, seen_version=seen_version, user=user)
    assessment.bodies.set(bodies)
    assessment.mandates.set(mandates)
    assessment.actions.set(actions)
    return assessment


@transaction.atomic
def proposal_create(
    *,
    region: Region,
    item: Item,
    municipality: Municipality | None,
    status: str,
    evidence: str,
    user,
) -> AssessmentProposal:
    """A participant suggests a status with an argument; the secretary decides on it."""
    errors: dict[str, str] = {}
    if problem := _status_error(status):
        errors["status"] = problem
    if problem := _municipality_error(region, item, municipality):
        errors["municipality"] = problem
    if not evidence.strip():
        errors["evidence"] = _("Onderbouw uw voorstel: waarop baseert u deze status?")
    if errors:
        raise ValidationError(errors)
    proposal = AssessmentProposal(
        region=region,
        item=item,
        municipality=municipality,
        status=status,
        evidence=evidence.strip(),
        proposed_by=user,
    )
    proposal._history_user = user
    proposal.full_clean()
    proposal.save()
    send_after_commit(proposal_created, sender=AssessmentProposal, proposal_id=proposal.pk)
    return proposal


@transaction.atomic
def proposal_decide(
    *, proposal: AssessmentProposal, accept: bool, note: str, user, on: date | None = None
) -> AssessmentProposal:
    """Take ``proposal`` over or reject it.

    Taking over sets the assessment's status and evidence text to the proposal's, dated
    today; the evidence links and the owner stay as they were, and so does the next review
    date unless it has passed (the review has now taken place: it is cleared).
    Rejecting needs a note for the participant. A decided proposal cannot be decided again.
    """
    on = on or timezone.localdate()
    note = note.strip()
    locked = AssessmentProposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.state != ProposalState.OPEN:
        raise ValidationError(
            _("Dit voorstel is al afgehandeld (%(state)s).")
            % {"state": locked.get_state_display().lower()}
        )
    if not accept and not note:
        raise ValidationError({"note": _("Geef aan waarom u het voorstel afwijst.")})
    if accept:
        current = (
            Assessment.objects.filter(
                region_id=proposal.region_id,
                code=proposal.item.code,
                municipality_id=proposal.municipality_id,
            )
            .select_related("owner")
            .first()
        )
        keep_review = (
            current is not None and current.next_review_on and (current.next_review_on >= on)
        )
        assessment_save(
            region=proposal.region,
            item=proposal.item,
            municipality=proposal.municipality,
            status=proposal.status,
            evidence=proposal.evidence,
            owner=current.owner if current else None,
            assessed_on=on,
            next_review_on=current.next_review_on if keep_review else None,
            bodies=current.bodies.all() if current else [],
            mandates=current.mandates.select_related("body") if current else [],
            actions=current.actions.all() if current else [],
            seen_version=current.version if current else None,
            user=user,
        )
    proposal.state = ProposalState.AANGENOMEN if accept else ProposalState.AFGEWEZEN
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    proposal.decision_note = note
    proposal._history_user = user
    proposal.save()
    return proposal
