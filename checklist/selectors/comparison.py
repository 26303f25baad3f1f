"""The VNG comparison (all regions × all items) and a region's benchmark against the country.

Source of the statuses (``bron``):

- ``peilmoment`` (default): per region its *latest* peilmoment (highest date, then highest id);
  a region without a peilmoment has no data. Comparisons use frozen figures, so a region's
  numbers do not change while someone is editing.
- ``actueel``: the live assessments.

Only *region-level* statuses are compared: the assessment (or snapshot score) without a
municipality. For the outcome items judged per gemeente that is the region's own overall
judgement when the secretary recorded one; otherwise the item shows "–" (no data). The
per-gemeente scores are not rolled up here: a median of municipalities is a different figure
from a region's judgement, and mixing the two would make the columns incomparable.

Items are matched by *code* against the current framework, so a peilmoment made under an older
framework version still counts for the items that carried over.

Query shape (constant in the number of regions): the current framework, its items, the regions
(with the latest peilmoment as a subquery annotation), and the statuses in one query. The
benchmark adds one count of all regions and its own latest peilmoment.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from django import forms
from django.db.models import OuterRef, Subquery
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from checklist.constants import REALISED, STAGE_ORDER, STATUS_RANK, Stage, Status
from checklist.models import Assessment, Framework, Item, Snapshot, SnapshotScore
from governance.constants import CollaborationModel
from governance.models import Region

SOURCE_SNAPSHOT = "peilmoment"
SOURCE_LIVE = "actueel"
SOURCES = [
    (SOURCE_SNAPSHOT, gettext_lazy("Laatste peilmoment per regio")),
    (SOURCE_LIVE, gettext_lazy("Actuele stand")),
]
SORT_NAME = "naam"
SORT_PROGRESS = "voortgang"
SORTS = [
    (SORT_NAME, gettext_lazy("Naam van de regio")),
    (SORT_PROGRESS, gettext_lazy("Aandeel gerealiseerd of beter")),
]

# Short text codes in the heat map: the status is never told by colour alone.
STATUS_SHORT = {
    Status.NIET_GESTART: "NG",
    Status.VERKEND: "V",
    Status.IN_ONTWIKKELING: "IO",
    Status.GEREALISEERD: "G",
    Status.GEBORGD: "B",
}
MISSING_SHORT = "–"


@dataclass(frozen=True)
class Cell:
    """One status as shown: short code, full label and the CSS modifier for its colour."""

    status: str | None

    @property
    def short(self) -> str:
        return STATUS_SHORT.get(self.status, MISSING_SHORT)

    @property
    def label(self) -> str:
        return _label(self.status, get_language())

    @property
    def css(self) -> str:
        return self.status or "geen"

    @property
    def realised(self) -> bool:
        return self.status in REALISED

    @property
    def html(self) -> str:
        """The heat-map cell (``<td>``) as safe HTML: ``{{ cell.html }}`` in a template."""
        return _cell_html(self.status, get_language())


@lru_cache(maxsize=32)
def _cell_html(status: str | None, language: str | None) -> str:
    """A cell's HTML, made once per status and language: the national heat map has a cell
    for every region and item (8,500 at 250 regions), and rendering each through a template
    include was most of the page's time (docs/performance.md)."""
    cell = Cell(status)
    return format_html(
        '<td class="heat heat--{}" title="{}"><span aria-hidden="true">{}</span>'
        '<span class="visually-hidden">{}</span></td>',
        cell.css,
        cell.label,
        cell.short,
        cell.label,
    )


@lru_cache(maxsize=32)
def _label(status: str | None, language: str | None) -> str:
    """The status label, translated once per language: the heat map shows one per cell, and
    resolving the lazy label each time was a quarter of the page's time (docs/performance.md)."""
    return str(Status(status).label) if status else _("Geen gegevens")


def legend() -> list[Cell]:
    return [Cell(status) for status in Status.values] + [Cell(None)]


class SourceForm(forms.Form):
    bron = forms.ChoiceField(label=gettext_lazy("Bron"), required=False, choices=SOURCES)


class ComparisonFilterForm(SourceForm):
    fase = forms.ChoiceField(
        label=gettext_lazy("Fase"),
        required=False,
        choices=[("", gettext_lazy("Alle fasen")), *Stage.choices],
    )
    model = forms.ChoiceField(
        label=gettext_lazy("Samenwerkingsmodel"),
        required=False,
        choices=[("", gettext_lazy("Alle samenwerkingsmodellen")), *CollaborationModel.choices],
    )
    sorteer = forms.ChoiceField(label=gettext_lazy("Sorteren op"), required=False, choices=SORTS)


def _valid(form: forms.Form) -> dict:
    """Valid filter values; an invalid one is ignored (and its error shown)."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return {key: value for key, value in form.cleaned_data.items() if value}


def _items(framework: Framework | None, stage: str = "") -> list[Item]:
    if framework is None:
        return []
    qs = Item.objects.filter(framework=framework).select_related("group")
    if stage:
        qs = qs.filter(group__stage=stage)
    return sorted(qs, key=lambda i: (STAGE_ORDER.get(i.group.stage, 99), i.group.order, i.order))


def _latest_snapshot(field_name: str = "pk"):
    """Subquery: a field of the region's latest peilmoment (``OuterRef`` is the region)."""
    latest = Snapshot.objects.filter(region=OuterRef("pk")).order_by("-date", "-pk")
    return Subquery(latest.values(field_name)[:1])


def _snapshot_statuses(snapshot_ids, codes: list[str]) -> dict[int, dict[str, str]]:
    """Per snapshot id: code → status of the region-level scores. One query."""
    result: dict[int, dict[str, str]] = {}
    rows = SnapshotScore.objects.filter(
        snapshot_id__in=snapshot_ids, municipality__isnull=True, code__in=codes
    ).values_list("snapshot_id", "code", "status")
    for snapshot_id, code, status in rows:
        result.setdefault(snapshot_id, {})[code] = status
    return result


def _live_statuses(region_ids, codes: list[str]) -> dict[int, dict[str, str]]:
    """Per region id: code → status of the region-level assessments. One query."""
    result: dict[int, dict[str, str]] = {}
    qs = Assessment.objects.filter(municipality__isnull=True, code__in=codes)
    if region_ids is not None:
        qs = qs.filter(region_id__in=region_ids)
    for region_id, code, status in qs.values_list("region_id", "code", "status"):
        result.setdefault(region_id, {})[code] = status
    return result


@dataclass
class RegionRow:
    region: Region
    source_date: date | None
    cells: list[Cell]

    @property
    def realised(self) -> int:
        return sum(1 for cell in self.cells if cell.realised)

    @property
    def share(self) -> float:
        return self.realised / len(self.cells) if self.cells else 0.0

    @property
    def percentage(self) -> int:
        return round(100 * self.share)

    @property
    def cells_html(self) -> str:
        """All cells of the row as HTML (one template variable instead of one per cell)."""
        return mark_safe("".join(cell.html for cell in self.cells))  # each part from format_html


@dataclass
class Distribution:
    """How many regions stand at each status for one item."""

    item: Item
    counts: Counter = field(default_factory=Counter)  # status (None = no data) → regions
    own: Cell | None = None  # the benchmark's own region

    def columns(self) -> list[int]:
        return [self.counts[status] for status in Status.values] + [self.counts[None]]

    @property
    def realised(self) -> int:
        return sum(self.counts[status] for status in REALISED)

    @property
    def higher(self) -> int:
        """Regions with a higher status than the own region (benchmark only)."""
        if self.own is None or not self.own.status:
            return 0
        rank = STATUS_RANK[self.own.status]
        return sum(n for s, n in self.counts.items() if s and STATUS_RANK[s] > rank)


def _stage_groups(items: list[Item]) -> list[dict]:
    """Column groups of the heat map: each stage with its number of items."""
    groups: list[dict] = []
    for item in items:
        if groups and groups[-1]["stage"] == item.group.stage:
            groups[-1]["count"] += 1
        else:
            groups.append(
                {"stage": item.group.stage, "label": Stage(item.group.stage).label, "count": 1}
            )
    return groups


def comparison(user, params) -> dict:
    """All regions the user may read (for VNG and beheer: all) × the items of the current
    framework, with the filters of ``ComparisonFilterForm``. Four queries."""
    form = ComparisonFilterForm(params or None)
    data = _valid(form)
    source = data.get("bron") or SOURCE_SNAPSHOT
    framework = Framework.current()
    items = _items(framework, data.get("fase", ""))
    codes = [item.code for item in items]

    regions_qs = Region.objects.visible_to(user).order_by("name")
    if data.get("model"):
        regions_qs = regions_qs.filter(collaboration_model=data["model"])
    if source == SOURCE_SNAPSHOT:
        regions_qs = regions_qs.annotate(
            snapshot_id=_latest_snapshot("pk"), snapshot_date=_latest_snapshot("date")
        )
    regions = list(regions_qs)

    if source == SOURCE_SNAPSHOT:
        by_snapshot = _snapshot_statuses([r.snapshot_id for r in regions if r.snapshot_id], codes)
        statuses = {r.pk: by_snapshot.get(r.snapshot_id, {}) for r in regions}
    else:
        statuses = _live_statuses([r.pk for r in regions], codes) if regions else {}

    rows = [
        RegionRow(
            region=region,
            source_date=getattr(region, "snapshot_date", None),
            cells=[Cell(statuses.get(region.pk, {}).get(code)) for code in codes],
        )
        for region in regions
    ]
    if data.get("sorteer") == SORT_PROGRESS:
        rows.sort(key=lambda row: (-row.share, row.region.name.casefold()))

    distributions = []
    for index, item in enumerate(items):
        counts = Counter(row.cells[index].status for row in rows)
        distributions.append(Distribution(item=item, counts=counts))

    return {
        "filter_form": form,
        "filtered": bool({k: v for k, v in data.items() if k != "sorteer"}),
        "source": source,
        "source_label": dict(SOURCES)[source],
        "sort": data.get("sorteer") or SORT_NAME,
        "framework": framework,
        "items": items,
        "stage_groups": _stage_groups(items),
        "rows": rows,
        "distributions": distributions,
        "legend": legend(),
    }


def comparison_csv_rows(user, params) -> list[list]:
    """Header and one row per region (the same filters and order as the page); every text
    cell guarded against formula injection."""
    data = comparison(user, params)
    header = [
        _("Regio"),
        _("Samenwerkingsmodel"),
        _("Bron"),
        _("Peildatum"),
        *[item.code for item in data["items"]],
        _("Gerealiseerd of beter"),
        _("Aantal items"),
    ]
    rows: list[list] = [header]
    for row in data["rows"]:
        cells = [
            row.region.name,
            row.region.get_collaboration_model_display(),
            str(data["source_label"]),
            row.source_date.strftime("%d-%m-%Y") if row.source_date else "",
            *[cell.label if cell.status else "" for cell in row.cells],
            row.realised,
            len(row.cells),
        ]
        rows.append(cells)
    return rows


def region_benchmark(region: Region, params) -> dict:
    """The region's own status per item next to the distribution over *all* regions (the
    region itself included), from the same source. No other region's name, slug or id leaves
    this function. Four queries."""
    form = SourceForm(params or None)
    data = _valid(form)
    source = data.get("bron") or SOURCE_SNAPSHOT
    framework = Framework.current()
    items = _items(framework)
    codes = [item.code for item in items]
    total_regions = Region.objects.count()

    own_snapshot = None
    if source == SOURCE_SNAPSHOT:
        own_snapshot = Snapshot.objects.filter(region=region).order_by("-date", "-pk").first()
        latest_ids = (
            Region.objects.annotate(snapshot_id=_latest_snapshot("pk"))
            .exclude(snapshot_id=None)
            .values("snapshot_id")
        )
        national = _snapshot_statuses(latest_ids, codes)
        own = national.get(own_snapshot.pk, {}) if own_snapshot else {}
    else:
        national = _live_statuses(None, codes)
        own = national.get(region.pk, {})

    distributions = []
    for item in items:
        counts = Counter(
            statuses[item.code] for statuses in national.values() if item.code in statuses
        )
        counts[None] = total_regions - sum(counts.values())
        distributions.append(Distribution(item=item, counts=counts, own=Cell(own.get(item.code))))

    # Per stage: the own number of items at gerealiseerd or better against the national mean
    # (over the regions with data for the source).
    stages = []
    with_data = len(national)
    for group in _stage_groups(items):
        stage_codes = [i.code for i in items if i.group.stage == group["stage"]]
        own_realised = sum(1 for code in stage_codes if own.get(code) in REALISED)
        national_realised = sum(
            1
            for statuses in national.values()
            for code in stage_codes
            if statuses.get(code) in REALISED
        )
        stages.append(
            {
                **group,
                "own_realised": own_realised,
                "mean_realised": round(national_realised / with_data, 1) if with_data else None,
            }
        )

    return {
        "filter_form": form,
        "source": source,
        "source_label": dict(SOURCES)[source],
        "framework": framework,
        "own_snapshot": own_snapshot,
        "has_own_data": bool(own),
        "total_regions": total_regions,
        "regions_with_data": with_data,
        "distributions": distributions,
        "stages": stages,
        "legend": legend(),
    }
