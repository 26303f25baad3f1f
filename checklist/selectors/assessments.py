"""Reads of the checklist assessments: the praatplaat overview, the item page, the proposal
page and the CSV export.

Each function reads in a fixed number of queries, however many items, municipalities,
evidence links or history records the region has: related rows come through
``select_related``/``prefetch_related`` or one grouped query, and are put together in Python.
Derived evidence (``checklist.evidence.run.derived_evidence``) promises a constant number of
queries per region as well.

Definitions used on the pages:

- *overdue*: the next review date of an assessment lies before today;
- *mismatch* ("let op"): the region judges an item gerealiseerd or geborgd, the register is
  consulted for that item (``derived_evidence`` has an entry for its code) and none of the
  derived facts supports the judgement (``checklist.evidence.run.mismatches``). Items without a
  derived-evidence rule are never flagged: the register simply says nothing about them;
- *roll-up* of a per-gemeente item: the distribution of the municipalities of the region over
  the five steps (municipalities without an assessment count as *niet beoordeeld*) and the
  number at gerealiseerd or better.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from checklist.constants import REALISED, STAGE_ORDER, ProposalState, Stage, Status
from checklist.evidence.base import Fact
from checklist.evidence.run import derived_evidence, mismatches
from checklist.models import Assessment, AssessmentProposal, Framework, Item
from core.csv_export import csv_date
from governance.checks.base import body_active_on
from governance.models import Mandate, Membership, Municipality, Region
from governance.selectors.register import attach_region

# Outcome 3: every municipality is part of the regional infrastructure. Its item page lists the
# municipalities that the register shows in no active body.
INFRASTRUCTURE_CODE = "U3"

NOT_ASSESSED = ""
NOT_ASSESSED_LABEL = gettext_lazy("Niet beoordeeld")

# A marker per step next to the text, so the status never depends on colour alone
# (a circle filling up from empty to full).
STATUS_MARKERS = {
    Status.NIET_GESTART: "○",
    Status.VERKEND: "◔",
    Status.IN_ONTWIKKELING: "◑",
    Status.GEREALISEERD: "◕",
    Status.GEBORGD: "●",
    NOT_ASSESSED: "–",
}
# Fills of the roll-up bar (SVG presentation attributes: no inline style under the CSP).
STATUS_FILLS = {
    # The palette of the comparison heat map, so a step has one colour everywhere.
    Status.NIET_GESTART: "#f7c6bf",
    Status.VERKEND: "#ffd0a0",
    Status.IN_ONTWIKKELING: "#fff0a8",
    Status.GEREALISEERD: "#bfe3c6",
    Status.GEBORGD: "#1a6b2c",
    NOT_ASSESSED: "#ffffff",
}
BAR_WIDTH = 200


def user_name(user) -> str:
    if user is None:
        return str(_("onbekend"))
    return user.get_full_name() or user.get_username()


def status_label(status: str) -> str:
    return str(Status(status).label) if status else str(NOT_ASSESSED_LABEL)


@dataclass
class Segment:
    status: str
    label: str
    count: int
    marker: str
    fill: str
    x: str = "0"  # SVG coordinates as text: templates would localise a float ("12,5")
    width: str = "0"


@dataclass
class Rollup:
    """The municipalities of a region over the five steps for one per-gemeente item."""

    total: int
    segments: list[Segment]
    realised: int

    @property
    def summary(self) -> str:
        return ngettext(
            "%(n)d van %(total)d gemeente gerealiseerd of beter",
            "%(n)d van %(total)d gemeenten gerealiseerd of beter",
            self.total,
        ) % {"n": self.realised, "total": self.total}


def rollup_of(statuses: list[str], total: int) -> Rollup:
    """Roll up the statuses of the assessed municipalities; the rest is *niet beoordeeld*."""
    counts = Counter(statuses)
    counts[NOT_ASSESSED] = max(total - len(statuses), 0)
    segments = []
    x = 0.0
    for status in [*Status.values, NOT_ASSESSED]:
        n = counts.get(status, 0)
        width = BAR_WIDTH * n / total if total else 0.0
        segments.append(
            Segment(
                status=status,
                label=status_label(status),
                count=n,
                marker=STATUS_MARKERS[status],
                fill=STATUS_FILLS[status],
                x=f"{x:.2f}",
                width=f"{width:.2f}",
            )
        )
        x += width
    realised = sum(counts.get(s, 0) for s in REALISED)
    return Rollup(total=total, segments=segments, realised=realised)


@dataclass
class Card:
    """One item on the praatplaat (and the head of the item page)."""

    item: Item
    assessment: Assessment | None
    facts: list[Fact]
    has_rule: bool
    evidence_count: int = 0
    overdue: bool = False
    mismatch: bool = False
    rollup: Rollup | None = None
    municipality_rows: list = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.assessment.status if self.assessment else NOT_ASSESSED

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def marker(self) -> str:
        return STATUS_MARKERS[self.status]

    @property
    def supporting_facts(self) -> int:
        return sum(1 for f in self.facts if f.supports)


def _card(region, item, assessment, derived, today) -> Card:
    card = Card(
        item=item,
        assessment=assessment,
        facts=list(derived.get(item.code, [])),
        has_rule=item.code in derived,
        # One definition of the mismatch for every page: the evidence module's.
        mismatch=bool(mismatches(region, {item.code: assessment}, evidence=derived)),
    )
    if assessment is not None:
        card.evidence_count = getattr(assessment, "link_count", 0)
        card.overdue = bool(assessment.next_review_on and assessment.next_review_on < today)
    return card


def current_framework() -> Framework | None:
    return Framework.current()


def framework_items(framework: Framework) -> list[Item]:
    """The items in praatplaat order: stage, group, item (one query)."""
    items = list(framework.items.select_related("group"))
    items.sort(key=lambda i: (STAGE_ORDER[i.group.stage], i.group.order, i.order, i.code))
    return items


def _link_count_annotations() -> dict:
    # Three distinct counts over three joins in one query: the joins multiply the rows, the
    # DISTINCT keeps every count right.
    return {
        "n_bodies": Count("bodies", distinct=True),
        "n_mandates": Count("mandates", distinct=True),
        "n_actions": Count("actions", distinct=True),
    }


def _with_link_count(assessments) -> list[Assessment]:
    rows = list(assessments)
    for a in rows:
        a.link_count = a.n_bodies + a.n_mandates + a.n_actions
    return rows


def checklist_overview(region: Region, *, today: date | None = None) -> dict:
    """The praatplaat: five stage columns with their groups and item cards, and a summary.

    Queries: framework, items, region assessments (with link counts), municipality statuses,
    municipality count, plus those of ``derived_evidence``.
    """
    today = today or timezone.localdate()
    framework = current_framework()
    if framework is None:
        return {"framework": None, "stages": [], "summary": [], "status_columns": []}
    items = framework_items(framework)
    codes = [i.code for i in items]
    region_assessments = {
        a.code: a
        for a in _with_link_count(
            Assessment.objects.filter(
                region=region, municipality__isnull=True, code__in=codes
            ).annotate(**_link_count_annotations())
        )
    }
    per_municipality_codes = [i.code for i in items if i.per_municipality]
    municipality_statuses: dict[str, list[str]] = defaultdict(list)
    if per_municipality_codes:
        for code, status in Assessment.objects.filter(
            region=region, municipality__isnull=False, code__in=per_municipality_codes
        ).values_list("code", "status"):
            municipality_statuses[code].append(status)
    municipality_total = Municipality.objects.filter(region=region).count()
    derived = derived_evidence(region)

    stages = []
    summary = []
    for stage in Stage:
        groups = []
        stage_counts: Counter = Counter()
        for item in (i for i in items if i.group.stage == stage):
            card = _card(region, item, region_assessments.get(item.code), derived, today)
            if item.per_municipality:
                card.rollup = rollup_of(
                    municipality_statuses.get(item.code, []), municipality_total
                )
            stage_counts[card.status] += 1
            if not groups or groups[-1]["group"].pk != item.group_id:
                groups.append({"group": item.group, "cards": []})
            groups[-1]["cards"].append(card)
        # A stage with a single group named like the stage needs no sub-heading.
        for g in groups:
            g["show_heading"] = len(groups) > 1 or g["group"].name.casefold() != (
                str(stage.label).casefold()
            )
        stages.append({"key": stage.value, "label": stage.label, "groups": groups})
        summary.append(
            {
                "stage": stage.label,
                "counts": [stage_counts.get(s, 0) for s in [*Status.values, NOT_ASSESSED]],
                "total": sum(stage_counts.values()),
            }
        )
    summary.append(
        {
            "stage": _("Totaal"),
            "counts": [sum(row["counts"][i] for row in summary) for i in range(6)],
            "total": sum(row["total"] for row in summary),
            "is_total": True,
        }
    )
    cards = [c for s in stages for g in s["groups"] for c in g["cards"]]
    return {
        "framework": framework,
        "stages": stages,
        "summary": summary,
        "status_columns": [
            {"key": s, "label": status_label(s), "marker": STATUS_MARKERS[s]}
            for s in [*Status.values, NOT_ASSESSED]
        ],
        "overdue_count": sum(1 for c in cards if c.overdue),
        "mismatch_count": sum(1 for c in cards if c.mismatch),
        "today": today,
    }


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


CSV_HEADER = [
    gettext_lazy("Code"),
    gettext_lazy("Item"),
    gettext_lazy("Fase"),
    gettext_lazy("Groep"),
    gettext_lazy("Gemeente"),
    gettext_lazy("Status"),
    gettext_lazy("Beoordeeld op"),
    gettext_lazy("Volgende beoordeling"),
    gettext_lazy("Eigenaar"),
    gettext_lazy("Onderbouwing"),
    gettext_lazy("Aantal bewijslinks"),
]


def assessment_csv_rows(region: Region) -> list[list]:
    """Header and one row per assessment of the current framework (region first, then the
    municipalities by name), cells are defused against formula injection by ``csv_response``."""
    rows: list[list] = [[str(h) for h in CSV_HEADER]]
    framework = current_framework()
    if framework is None:
        return rows
    ordered = framework_items(framework)
    order = {item.code: n for n, item in enumerate(ordered)}
    items = {item.code: item for item in ordered}
    assessments = _with_link_count(
        Assessment.objects.filter(region=region, code__in=list(order))
        .select_related("municipality", "owner")
        .annotate(**_link_count_annotations())
    )
    assessments.sort(
        key=lambda a: (
            order[a.code],
            a.municipality_id is not None,
            a.municipality.name if a.municipality_id else "",
        )
    )
    for a in assessments:
        item = items[a.code]
        row = [
            a.code,
            item.title,
            Stage(item.group.stage).label,
            item.group.name,
            a.municipality.name if a.municipality_id else "",
            a.get_status_display(),
            csv_date(a.assessed_on),
            csv_date(a.next_review_on),
            a.owner.name if a.owner_id else "",
            a.evidence,
            a.link_count,
        ]
        rows.append(row)
    return rows
