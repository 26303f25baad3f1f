"""Reads of the checklist assessments: the praatplaat overview and the CSV export, and the labels,
roll-ups and cards that the item and proposal pages (``checklist.selectors.items``) share.

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

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from checklist.constants import REALISED, STAGE_ORDER, Stage, Status
from checklist.evidence.base import Fact
from checklist.evidence.run import derived_evidence, mismatches
from checklist.models import Assessment, Framework, Item
from core.csv_export import csv_date
from core.history import user_label
from governance.models import Municipality, Region

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
    return user_label(user, str(_("onbekend")))


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
