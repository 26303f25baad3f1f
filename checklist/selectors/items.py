"""Reads of the item page (the region's judgement of one checklist item, per gemeente where the
item asks for it, with its evidence links, derived evidence and status history) and of the
proposal page. Fixed numbers of queries, as stated in ``checklist.selectors.assessments``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone

from checklist.constants import ProposalState
from checklist.evidence.run import derived_evidence
from checklist.models import Assessment, AssessmentProposal, Item
from checklist.selectors.assessments import (
    INFRASTRUCTURE_CODE,
    NOT_ASSESSED,
    STATUS_MARKERS,
    _card,
    rollup_of,
    status_label,
    user_name,
)
from governance.checks.base import body_active_on
from governance.models import Mandate, Membership, Municipality, Region
from governance.selectors.register import attach_region


def unrepresented_municipalities(
    region: Region, *, on: date | None = None, municipalities: list | None = None
) -> list:
    """Municipalities of ``region`` with no current membership in a body active on ``on``.

    The same definition as the structure check ``municipality_unrepresented``
    (``governance.checks``): two queries.
    """
    on = on or timezone.localdate()
    represented = {
        m.municipality_id
        for m in Membership.objects.filter(body__region=region, municipality__isnull=False)
        .valid_on(on)
        .select_related("body")  # body_active_on reads status and dates of the body
        if body_active_on(m.body, on)
    }
    if municipalities is None:
        municipalities = list(Municipality.objects.filter(region=region).order_by("name"))
    return [m for m in municipalities if m.pk not in represented]


@dataclass
class StatusChange:
    when: object
    who: str
    municipality: str
    before: str
    after: str
    assessed_on: date | None
    kind: str  # "+", "~", "-"


def status_history(region: Region, code: str, municipality_names: dict[int, str]) -> list:
    """Every creation, status change and re-assessment of the item's assessments, newest
    first (one query, the users joined in)."""
    records = (
        Assessment.history.filter(region_id=region.pk, code=code)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    changes: list[StatusChange] = []
    previous = None
    for record in records:
        if previous is not None and previous.id != record.id:
            previous = None
        if (
            previous is None
            or record.history_type == "-"
            or record.status != previous.status
            or record.assessed_on != previous.assessed_on
        ):
            changes.append(
                StatusChange(
                    when=record.history_date,
                    who=user_name(record.history_user),
                    municipality=(
                        municipality_names.get(record.municipality_id, "")
                        if record.municipality_id
                        else ""
                    ),
                    before=status_label(previous.status) if previous is not None else "—",
                    after=status_label(record.status) if record.history_type != "-" else "—",
                    assessed_on=record.assessed_on,
                    kind=record.history_type,
                )
            )
        previous = record
    changes.sort(key=lambda c: c.when, reverse=True)
    return changes


def assessment_with_links(region: Region, item: Item, municipality=None) -> Assessment | None:
    """The assessment of (region, item code, municipality) with owner and evidence links:
    one query for the row and one per kind of link."""
    assessment = (
        Assessment.objects.filter(region=region, code=item.code, municipality=municipality)
        .select_related("owner")
        .prefetch_related(
            "bodies",
            Prefetch("mandates", queryset=Mandate.objects.select_related("body")),
            "actions",
        )
        .first()
    )
    if assessment is not None:
        bodies = list(assessment.bodies.all())
        mandates = list(assessment.mandates.all())
        attach_region(bodies + [m.body for m in mandates], region)
        for action in assessment.actions.all():
            action.region = region
        assessment.link_count = len(bodies) + len(mandates) + len(assessment.actions.all())
        if municipality is not None:
            assessment.municipality = municipality
        assessment.region = region
    return assessment


def item_detail(region: Region, item: Item, *, today: date | None = None) -> dict:
    """Everything of the item page in a fixed number of queries."""
    today = today or timezone.localdate()
    assessment = assessment_with_links(region, item)
    derived = derived_evidence(region)
    card = _card(region, item, assessment, derived, today)
    municipalities: list[Municipality] = []
    if item.per_municipality:
        municipalities = list(Municipality.objects.filter(region=region).order_by("name"))
        by_municipality = {
            a.municipality_id: a
            for a in Assessment.objects.filter(
                region=region, code=item.code, municipality__isnull=False
            )
        }
        card.rollup = rollup_of([a.status for a in by_municipality.values()], len(municipalities))
        for m in municipalities:
            a = by_municipality.get(m.pk)
            status = a.status if a else NOT_ASSESSED
            card.municipality_rows.append(
                {
                    "municipality": m,
                    "assessment": a,
                    "status": status,
                    "status_label": status_label(status),
                    "marker": STATUS_MARKERS[status],
                    "overdue": bool(a and a.next_review_on and a.next_review_on < today),
                }
            )
    names = {m.pk: m.name for m in municipalities}
    proposals = list(
        AssessmentProposal.objects.filter(
            region=region, item__code=item.code, state=ProposalState.OPEN
        ).select_related("proposed_by", "municipality")
    )
    for p in proposals:
        p.marker = STATUS_MARKERS[p.status]
        p.proposer_name = user_name(p.proposed_by)
    return {
        "card": card,
        "assessment": assessment,
        "unrepresented": (
            unrepresented_municipalities(region, on=today, municipalities=municipalities or None)
            if item.code == INFRASTRUCTURE_CODE
            else None
        ),
        "proposals": proposals,
        "history": status_history(region, item.code, names),
        "today": today,
    }


def proposal_detail(proposal: AssessmentProposal) -> dict:
    """The proposal next to the assessment it would change."""
    current = assessment_with_links(proposal.region, proposal.item, proposal.municipality)
    return {
        "current": current,
        "current_status_label": status_label(current.status if current else NOT_ASSESSED),
        "proposer_name": user_name(proposal.proposed_by),
        "decider_name": user_name(proposal.decided_by),
        "proposed_status_label": status_label(proposal.status),
    }
