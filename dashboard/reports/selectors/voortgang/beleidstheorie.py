"""The checklist sections of the voortgangsrapportage: the checklist per fase (section 1), the
progress over the peilmomenten (section 2) and the outcomes per gemeente (section 3).

Stand per: the live assessments when ``stand`` is today, otherwise the latest peilmoment on or
before ``stand`` (:func:`checklist_source`); see the report's docstring
(:mod:`dashboard.reports.selectors.voortgang`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Max
from django.utils.translation import gettext as _

from checklist.charts import StagePanel, progress_chart_svg
from checklist.charts import chart_summary as progress_chart_summary
from checklist.constants import REALISED, Stage, Status
from checklist.models import Assessment, Snapshot
from checklist.selectors.assessments import (
    NOT_ASSESSED,
    STATUS_MARKERS,
    Rollup,
    current_framework,
    framework_items,
    rollup_of,
    status_label,
)
from checklist.selectors.snapshots import snapshot_detail, snapshot_list, status_choices
from governance.models import Region

STAGE_LABELS = dict(Stage.choices)


# --- 1. the checklist ------------------------------------------------------------------------


@dataclass
class ItemRow:
    code: str
    title: str
    group: str
    status: str  # a Status value, or NOT_ASSESSED
    assessed_on: date | None

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def marker(self) -> str:
        return STATUS_MARKERS[self.status]


@dataclass
class StageBlock:
    key: str
    label: str
    items: list[ItemRow]
    show_group: bool  # more than one group in the stage: the table gets a column "Groep"


@dataclass
class SummaryRow:
    label: str
    counts: list[int]  # in the order of ``status_columns``
    total: int
    realised: int
    is_total: bool = False


@dataclass
class MunicipalityItem:
    code: str
    title: str
    rollup: Rollup
    statuses: dict[str, str]  # municipality name -> status ("" when not assessed)

    @property
    def realised_names(self) -> list[str]:
        return sorted(name for name, status in self.statuses.items() if status in REALISED)


@dataclass
class MunicipalityRow:
    name: str
    cells: list[tuple[str, str, str]]  # per item: (status, label, marker)


@dataclass
class ChecklistSource:
    """Where sections 1 and 3 come from."""

    kind: str  # "live", "peilmoment", "geen" (no peilmoment) or "geen_raamwerk"
    snapshot: Snapshot | None = None
    stages: list[StageBlock] = field(default_factory=list)
    per_municipality: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)


def _stage_blocks(rows_by_stage: dict[str, list[ItemRow]]) -> list[StageBlock]:
    blocks = []
    for stage in Stage.values:
        items = rows_by_stage.get(stage, [])
        if not items:
            continue
        blocks.append(
            StageBlock(
                key=stage,
                label=str(STAGE_LABELS[stage]),
                items=items,
                show_group=len({i.group for i in items}) > 1,
            )
        )
    return blocks


def _live_source(region: Region) -> ChecklistSource:
    """The current assessments. Four queries: framework, items with groups, the region-level
    assessments, the per-gemeente assessments."""
    framework = current_framework()
    if framework is None:
        return ChecklistSource(kind="geen_raamwerk")
    items = framework_items(framework)
    codes = [i.code for i in items]
    region_level = {
        code: (status, assessed_on)
        for code, status, assessed_on in Assessment.objects.filter(
            region=region, municipality__isnull=True, code__in=codes
        ).values_list("code", "status", "assessed_on")
    }
    per_gemeente_items = [i for i in items if i.per_municipality]
    by_code: dict[str, dict[str, str]] = defaultdict(dict)
    if per_gemeente_items:
        for code, name, status in Assessment.objects.filter(
            region=region,
            municipality__isnull=False,
            code__in=[i.code for i in per_gemeente_items],
        ).values_list("code", "municipality__name", "status"):
            by_code[code][name] = status
    rows: dict[str, list[ItemRow]] = defaultdict(list)
    for item in items:
        status, assessed_on = region_level.get(item.code, (NOT_ASSESSED, None))
        rows[item.group.stage].append(
            ItemRow(item.code, item.title, item.group.name, status, assessed_on)
        )
    return ChecklistSource(
        kind="live",
        stages=_stage_blocks(rows),
        per_municipality=[
            (i.code, i.title, dict(by_code.get(i.code, {}))) for i in per_gemeente_items
        ],
    )


def _assessed_on_at(region: Region, moment) -> dict[str, date]:
    """The assessment date of every region-level assessment as it was recorded at ``moment``
    (the latest history record of each assessment up to then). One query."""
    latest = (
        Assessment.history.filter(
            region_id=region.pk, municipality_id__isnull=True, history_date__lte=moment
        )
        .values("id")
        .annotate(last=Max("history_id"))
        .values("last")
    )
    result: dict[str, date] = {}
    for code, assessed_on in (
        Assessment.history.filter(history_id__in=latest)
        .exclude(history_type="-")
        .order_by("history_id")
        .values_list("code", "assessed_on")
    ):
        result[code] = assessed_on
    return result


def _snapshot_source(region: Region, snapshot: Snapshot) -> ChecklistSource:
    """A peilmoment: its scores (``snapshot_detail``, one query) and the assessment dates at
    the moment it was frozen (one query)."""
    detail = snapshot_detail(region, snapshot)
    assessed = _assessed_on_at(region, snapshot.frozen_at)
    rows: dict[str, list[ItemRow]] = defaultdict(list)
    per_municipality = []
    for stage in detail["stages"]:
        for group in stage.groups:
            for item in group.items:
                rows[stage.stage].append(
                    ItemRow(item.code, item.title, group.name, item.status, assessed.get(item.code))
                )
                if item.per_municipality:
                    per_municipality.append(
                        (
                            item.code,
                            item.title,
                            {name: status for name, status, *_rest in item.municipalities},
                        )
                    )
    return ChecklistSource(
        kind="peilmoment",
        snapshot=snapshot,
        stages=_stage_blocks(rows),
        per_municipality=per_municipality,
    )


def checklist_source(region: Region, stand: date, today: date) -> ChecklistSource:
    if stand >= today:
        return _live_source(region)
    snapshot = (
        Snapshot.objects.filter(region=region, date__lte=stand).order_by("-date", "-pk").first()
    )
    if snapshot is None:
        return ChecklistSource(kind="geen")
    return _snapshot_source(region, snapshot)


def _status_columns() -> list[dict]:
    return [
        {"key": s, "label": status_label(s), "marker": STATUS_MARKERS[s]}
        for s in [*Status.values, NOT_ASSESSED]
    ]


def _summary(stages: list[StageBlock]) -> list[SummaryRow]:
    keys = [*Status.values, NOT_ASSESSED]
    rows = []
    for block in stages:
        counts = Counter(item.status for item in block.items)
        rows.append(
            SummaryRow(
                label=block.label,
                counts=[counts.get(k, 0) for k in keys],
                total=len(block.items),
                realised=sum(counts.get(s, 0) for s in REALISED),
            )
        )
    if rows:
        rows.append(
            SummaryRow(
                label=_("Totaal"),
                counts=[sum(r.counts[i] for r in rows) for i in range(len(keys))],
                total=sum(r.total for r in rows),
                realised=sum(r.realised for r in rows),
                is_total=True,
            )
        )
    return rows


def _municipality_tables(
    source: ChecklistSource, municipalities: list[str]
) -> tuple[list[MunicipalityItem], list[MunicipalityRow]]:
    items = [
        MunicipalityItem(
            code=code,
            title=title,
            rollup=rollup_of(list(statuses.values()), len(municipalities)),
            statuses=statuses,
        )
        for code, title, statuses in source.per_municipality
    ]
    rows = []
    for name in municipalities:
        cells = []
        for item in items:
            status = item.statuses.get(name, NOT_ASSESSED)
            cells.append((status, status_label(status), STATUS_MARKERS[status]))
        rows.append(MunicipalityRow(name, cells))
    return items, rows


# --- 2. the peilmomenten ---------------------------------------------------------------------


@dataclass
class ProgressRow:
    stage_label: str
    date: date
    counts: list[int]  # in the order of Status.values
    total: int


def _progress(region: Region, stand: date) -> dict:
    """The peilmomenten with a peildatum up to ``stand`` (``snapshot_list``: two queries)."""
    data = snapshot_list(region)
    snapshots = [row for row in data["snapshots"] if row.date <= stand]
    keep = len(snapshots)  # oldest first: those up to stand are a prefix
    panels = [StagePanel(p.stage, p.label, p.bars[:keep]) for p in data["panels"]]
    table = [
        ProgressRow(row.stage_label, row.date, row.counts, row.total)
        for row in data["table"]
        if row.date <= stand
    ]
    chart = ""
    if snapshots:
        chart = progress_chart_svg(
            panels, region_name=region.name, id_prefix="voortgang-peilmomenten-grafiek"
        )
    return {
        "snapshots": snapshots,
        "chart": chart,
        "alt": progress_chart_summary(panels),
        "table": table,
        "statuses": status_choices(),
    }
