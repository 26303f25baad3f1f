"""Reads of the peilmomenten: the list with the progress chart, one peilmoment, a comparison.

Query shapes (constant, however many peilmomenten, items or municipalities):

- ``snapshot_list``: the peilmomenten with who froze them (one join), and one grouped count of
  the region-level scores per peilmoment, stage and status;
- ``snapshot_detail``: the scores of one peilmoment with item, group and municipality (one
  join);
- ``snapshot_compare``: the region-level scores of both peilmomenten with item and group (one
  query).

Only the region-level scores (``municipality`` empty) enter the summary, the chart and the
comparison: every item counts once. The per-gemeente scores are shown on the peilmoment page as
a distribution per item.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from django import forms
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from checklist.charts import Bar, StagePanel
from checklist.constants import REALISED, STAGE_ORDER, STATUS_RANK, Stage, Status
from checklist.models import Snapshot, SnapshotScore
from checklist.selectors.assessments import STATUS_MARKERS
from governance.models import Region

STAGE_LABELS = dict(Stage.choices)
STATUS_LABELS = dict(Status.choices)


@dataclass
class SnapshotRow:
    pk: int
    date: date
    frozen_by: str
    frozen_at: datetime
    note: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def realised(self) -> int:
        return sum(self.counts.get(s, 0) for s in REALISED)

    @property
    def status_counts(self) -> list[tuple[str, str, int]]:
        """(status, label, count) in the order of the steps."""
        return [(s, STATUS_LABELS[s], self.counts.get(s, 0)) for s in Status.values]


@dataclass
class TableRow:
    """A row of the chart's table equivalent: one stage at one peilmoment."""

    stage_label: str
    date: date
    counts: list[int]  # in the order of Status.values
    total: int
    first_of_stage: bool
    rowspan: int


def status_choices() -> list[dict]:
    """The five steps with label and marker (the marker repeats the status without colour)."""
    return [
        {"key": s, "label": STATUS_LABELS[s], "marker": STATUS_MARKERS[s]} for s in Status.values
    ]


class SnapshotChoice(NamedTuple):
    pk: int
    date: date


def compare_choices(region: Region) -> list[SnapshotChoice]:
    """The peilmomenten of ``region`` to choose from, oldest first (one query)."""
    return [
        SnapshotChoice(pk, day)
        for pk, day in Snapshot.objects.filter(region=region)
        .order_by("date", "pk")
        .values_list("pk", "date")
    ]


class CompareForm(forms.Form):
    """Two peilmomenten of the region (choices filled by the view; ids are checked there)."""

    van = forms.TypedChoiceField(label=_("Van peilmoment"), coerce=int)
    tot = forms.TypedChoiceField(label=_("Tot peilmoment"), coerce=int)

    def __init__(self, *args, snapshots=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(row.pk, row.date.strftime("%d-%m-%Y")) for row in snapshots]
        self.fields["van"].choices = choices
        self.fields["tot"].choices = choices
        if len(snapshots) >= 2 and not self.is_bound:
            self.initial = {"van": snapshots[-2].pk, "tot": snapshots[-1].pk}

    def clean(self):
        data = super().clean()
        if data.get("van") is not None and data.get("van") == data.get("tot"):
            self.add_error("tot", _("Kies twee verschillende peilmomenten."))
        return data


def snapshot_list(region: Region) -> dict:
    """The peilmomenten of ``region`` (oldest first), chart panels and the table rows."""
    snapshots = list(
        Snapshot.objects.filter(region=region)
        .select_related("frozen_by")  # the name "vastgelegd door" on every row
        .order_by("date", "pk")
    )
    counts: dict[int, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for row in (
        SnapshotScore.objects.filter(snapshot__region=region, municipality__isnull=True)
        .values("snapshot_id", "item__group__stage", "status")
        .annotate(n=Count("id"))
        .order_by()
    ):
        counts[row["snapshot_id"]][row["item__group__stage"]][row["status"]] = row["n"]

    rows = []
    for snapshot in snapshots:
        totals: dict[str, int] = defaultdict(int)
        for per_status in counts[snapshot.pk].values():
            for status, n in per_status.items():
                totals[status] += n
        rows.append(
            SnapshotRow(
                pk=snapshot.pk,
                date=snapshot.date,
                frozen_by=snapshot.frozen_by_label,
                frozen_at=snapshot.frozen_at,
                note=snapshot.note,
                counts=dict(totals),
            )
        )

    panels = []
    table = []
    for stage in Stage.values:
        bars = [
            Bar(snapshot.date.strftime("%d-%m-%Y"), dict(counts[snapshot.pk].get(stage, {})))
            for snapshot in snapshots
        ]
        panels.append(StagePanel(stage, str(STAGE_LABELS[stage]), bars))
        for i, (snapshot, bar) in enumerate(zip(snapshots, bars, strict=True)):
            table.append(
                TableRow(
                    stage_label=str(STAGE_LABELS[stage]),
                    date=snapshot.date,
                    counts=[bar.counts.get(s, 0) for s in Status.values],
                    total=bar.total,
                    first_of_stage=i == 0,
                    rowspan=len(snapshots),
                )
            )
    return {
        "snapshots": rows,
        "panels": panels,
        "table": table,
        "statuses": status_choices(),
        "compare_form": CompareForm(snapshots=rows),
    }


@dataclass
class ItemScore:
    code: str
    title: str
    status: str
    status_label: str
    per_municipality: bool
    # per-gemeente items: (municipality name, status, label, marker), and the count per status
    municipalities: list[tuple[str, str, str]] = field(default_factory=list)
    distribution: list[tuple[str, str, str, int]] = field(default_factory=list)
    realised_municipalities: int = 0

    @property
    def marker(self) -> str:
        return STATUS_MARKERS[self.status]


@dataclass
class GroupScores:
    name: str
    items: list[ItemScore]


@dataclass
class StageScores:
    stage: str
    label: str
    groups: list[GroupScores]
    counts: list[tuple[str, str, str, int]]  # region-level (key, label, marker, count)


def snapshot_detail(region: Region, snapshot: Snapshot) -> dict:
    """All scores of one peilmoment by stage and group; per-gemeente items with their spread."""
    scores = list(
        SnapshotScore.objects.filter(snapshot=snapshot)
        # item and group give stage, group and order; municipality its name: one join
        .select_related("item__group", "municipality")
    )
    items: dict[int, ItemScore] = {}
    groups: dict[int, tuple] = {}
    per_gemeente: dict[int, list[SnapshotScore]] = defaultdict(list)
    for score in scores:
        if score.municipality_id:
            per_gemeente[score.item_id].append(score)
            continue
        item = score.item
        items[item.pk] = ItemScore(
            code=score.code,
            title=item.title,
            status=score.status,
            status_label=str(STATUS_LABELS.get(score.status, score.status)),
            per_municipality=item.per_municipality,
        )
        groups[item.pk] = (item.group, item.order)
    for item_id, rows in per_gemeente.items():
        target = items.get(item_id)
        if target is None:
            continue
        rows.sort(key=lambda s: s.municipality.name)
        target.municipalities = [
            (s.municipality.name, s.status, str(STATUS_LABELS[s.status]), STATUS_MARKERS[s.status])
            for s in rows
        ]
        tally = defaultdict(int)
        for s in rows:
            tally[s.status] += 1
        target.distribution = [
            (s, STATUS_LABELS[s], STATUS_MARKERS[s], tally.get(s, 0)) for s in Status.values
        ]
        target.realised_municipalities = sum(tally.get(s, 0) for s in REALISED)

    by_stage: dict[str, dict[int, GroupScores]] = defaultdict(dict)
    group_order: dict[int, int] = {}
    for item_id in sorted(items, key=lambda i: (groups[i][0].order, groups[i][1], items[i].code)):
        group, _order = groups[item_id]
        group_order[group.pk] = group.order
        bucket = by_stage[group.stage].setdefault(group.pk, GroupScores(group.name, []))
        bucket.items.append(items[item_id])
    stages = []
    for stage in sorted(by_stage, key=lambda s: STAGE_ORDER.get(s, 99)):
        stage_groups = [by_stage[stage][pk] for pk in sorted(by_stage[stage], key=group_order.get)]
        tally = defaultdict(int)
        for g in stage_groups:
            for item in g.items:
                tally[item.status] += 1
        stages.append(
            StageScores(
                stage=stage,
                label=str(STAGE_LABELS.get(stage, stage)),
                groups=stage_groups,
                counts=[
                    (s, STATUS_LABELS[s], STATUS_MARKERS[s], tally.get(s, 0)) for s in Status.values
                ],
            )
        )
    return {"stages": stages, "item_count": len(items)}


@dataclass
class Move:
    code: str
    title: str
    before: str
    before_label: str
    after: str
    after_label: str
    steps: int

    @property
    def before_marker(self) -> str:
        return STATUS_MARKERS[self.before]

    @property
    def after_marker(self) -> str:
        return STATUS_MARKERS[self.after]


@dataclass
class StageComparison:
    stage: str
    label: str
    up: list[Move]
    down: list[Move]
    unchanged: int
    added: list[tuple[str, str]]  # (code, title): only in the later framework
    removed: list[tuple[str, str]]


def snapshot_compare(region: Region, van: Snapshot, tot: Snapshot) -> dict:
    """What moved between two peilmomenten, per stage (region-level scores, matched by code)."""
    before: dict[str, SnapshotScore] = {}
    after: dict[str, SnapshotScore] = {}
    for score in (
        SnapshotScore.objects.filter(snapshot__in=(van, tot), municipality__isnull=True)
        # stage and title of every item come with the score: one query for both sides
        .select_related("item__group")
    ):
        (before if score.snapshot_id == van.pk else after)[score.code] = score

    stages: dict[str, StageComparison] = {}

    def bucket(score: SnapshotScore) -> StageComparison:
        stage = score.item.group.stage
        if stage not in stages:
            stages[stage] = StageComparison(
                stage, str(STAGE_LABELS.get(stage, stage)), [], [], 0, [], []
            )
        return stages[stage]

    def sort_key(score: SnapshotScore) -> tuple:
        return (score.item.group.order, score.item.order, score.code)

    for code, new in sorted(after.items(), key=lambda kv: sort_key(kv[1])):
        target = bucket(new)
        old = before.get(code)
        if old is None:
            target.added.append((code, new.item.title))
            continue
        steps = STATUS_RANK[new.status] - STATUS_RANK[old.status]
        if steps == 0:
            target.unchanged += 1
            continue
        move = Move(
            code=code,
            title=new.item.title,
            before=old.status,
            before_label=str(STATUS_LABELS[old.status]),
            after=new.status,
            after_label=str(STATUS_LABELS[new.status]),
            steps=abs(steps),
        )
        (target.up if steps > 0 else target.down).append(move)
    for code, old in sorted(before.items(), key=lambda kv: sort_key(kv[1])):
        if code not in after:
            bucket(old).removed.append((code, old.item.title))

    ordered = [stages[s] for s in sorted(stages, key=lambda s: STAGE_ORDER.get(s, 99))]
    return {
        "stages": ordered,
        "up": sum(len(s.up) for s in ordered),
        "down": sum(len(s.down) for s in ordered),
        "unchanged": sum(s.unchanged for s in ordered),
    }
