"""The voortgangsrapportage (progress report) of a region, stand per a date.

Sections, in this order (``SECTIONS``):

1. *Checklist beleidstheorie per fase* — every item of the beleidstheorie with its status and
   the date it was assessed. **Stand per**: when ``stand`` is today, the live assessments; when
   it lies in the past, the latest peilmoment with a peildatum on or before ``stand`` (its
   statuses as frozen; the assessment dates are those recorded at the moment of freezing, read
   from the assessments' history). Without such a peilmoment there is no table, only a notice.
2. *Voortgang over de peilmomenten* — the progress chart of the peilmomenten page
   (``checklist.charts.progress_chart_svg``) for the peilmomenten up to ``stand``, with the same
   numbers as a table.
3. *Uitkomsten per gemeente* — the per-gemeente items (U1–U3): the distribution of the
   municipalities over the steps and the number at gerealiseerd or better
   (``checklist.selectors.assessments.rollup_of``, as on the checklist overview), plus a table
   gemeente × item. Same source as section 1.
4. *Bestuurlijke drukte* — ``governance.drukte`` on ``sinds`` and ``stand``: the figures table,
   and the chart of bodies established and dissolved per year with its table.
5. *Afgeronde acties in de periode* — actions moved to the gereedlijst with a log date in
   (``sinds``, ``stand``] (``ActionUpdate`` with ``to_list`` gereed); one row per action (its
   latest such move in the period).
6. *Conclusies uit casusreflecties* — Stamtafel conclusions with a *geconcludeerd op* date in
   (``sinds``, ``stand``], with the state of their werkagenda action on ``stand`` (from the
   action's log). **Never case text**, for any reader: the reflection is read with only its
   ``PUBLIC_FIELDS`` and its hidden fields are blanked (``hide_case_text``); of the conclusion
   the report prints what the reflection page shows to every reader of the region (title,
   common challenge, priority, assignment, aanspreekpunt) and never its ``note`` — the field the
   reflection page keeps for people with a role in the region.

Trekker, theme and closing reason of an action, and the names of bodies and people, are those
of today: the register keeps no history of them that the report could use.

Queries: a fixed number (about a dozen), however many items, municipalities, peilmomenten,
actions and conclusions the region has — see ``voortgang_report``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from casereflection.constants import PUBLIC_FIELDS
from casereflection.models import Conclusion
from casereflection.selectors.access import hide_case_text
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
from dashboard.reports.base import Section
from governance import drukte
from governance.constants import ActionList
from governance.models import ActionUpdate, Municipality, Region
from governance.selectors.werkagenda import list_name, trekker_label

SECTIONS = (
    Section("voortgang-checklist", "Checklist beleidstheorie per fase"),
    Section("voortgang-peilmomenten", "Voortgang over de peilmomenten"),
    Section("voortgang-gemeenten", "Uitkomsten per gemeente"),
    Section("voortgang-drukte", "Bestuurlijke drukte"),
    Section("voortgang-acties", "Afgeronde acties in de periode"),
    Section("voortgang-conclusies", "Conclusies uit casusreflecties"),
)

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


# --- 4. bestuurlijke drukte ------------------------------------------------------------------


def _drukte(region: Region, sinds: date, stand: date) -> dict:
    """``governance.drukte`` on ``sinds`` and ``stand`` (two queries)."""
    figures = drukte.drukte_figures(region, since=sinds, today=stand)
    return {
        "figures": figures,
        "rows": drukte.drukte_table_rows(figures),
        "chart": drukte.drukte_chart_svg(figures, id_prefix="voortgang-drukte-grafiek"),
        "alt": drukte.chart_summary(figures),
    }


# --- 5. completed actions --------------------------------------------------------------------


@dataclass
class CompletedRow:
    action_id: int
    date: date
    title: str
    theme: str
    trekker: str
    reason: str  # the closing reason, or what happened since


def _completed_actions(region: Region, sinds: date, stand: date) -> list[CompletedRow]:
    """Actions moved to the gereedlijst in (sinds, stand]; the latest such move per action.
    One query (action, theme and trekker joined)."""
    updates = (
        ActionUpdate.objects.filter(
            action__region=region,
            to_list=ActionList.GEREED,
            date__gt=sinds,
            date__lte=stand,
        )
        .select_related(
            "action__theme",
            "action__trekker__person",
            "action__trekker__body",
            "action__trekker__organisation",
            "action__trekker__municipality",
        )
        .order_by("-date", "-id")
    )
    seen: set[int] = set()
    rows = []
    for update in updates:
        if update.action_id in seen:
            continue
        seen.add(update.action_id)
        action = update.action
        if action.list == ActionList.GEREED:
            reason = action.get_closed_reason_display() or _("Geen reden vastgelegd")
        else:
            reason = _("Later teruggehaald; sinds %(date)s op de %(list)s") % {
                "date": action.list_since.strftime("%d-%m-%Y"),
                "list": list_name(action.list),
            }
        rows.append(
            CompletedRow(
                action_id=action.pk,
                date=update.date,
                title=action.title,
                theme=action.theme.name if action.theme_id else _("Alle thema's"),
                trekker=trekker_label(action.trekker) if action.trekker_id else "—",
                reason=reason,
            )
        )
    rows.sort(key=lambda r: (r.date, r.title.casefold()))
    return rows


# --- 6. conclusions --------------------------------------------------------------------------


@dataclass
class ConclusionRow:
    conclusion: Conclusion
    quarter: str
    assignee: str
    contact: str
    action_state: str  # "" when there is no action on the werkagenda
    action_due: date | None = None
    overdue: bool = False


# What the report reads of a conclusion: what the reflection page shows every reader of the
# region. Not ``note``, which that page keeps for people with a role in the region.
CONCLUSION_FIELDS = (
    "id",
    "reflection",
    "decided_on",
    "title",
    "common_challenge",
    "priority",
    "assignment",
    "assignee_body",
    "assignee_organisation",
    "contact_administrator",
    "due_date",
    "action",
)


def _conclusion_queryset(region: Region, sinds: date, stand: date):
    """The conclusions decided in (sinds, stand], read with ``CONCLUSION_FIELDS`` and the
    reflection's ``PUBLIC_FIELDS`` only; everything printed comes through the joins."""
    return (
        Conclusion.objects.filter(
            reflection__region=region, decided_on__gt=sinds, decided_on__lte=stand
        )
        .select_related(
            "reflection",
            "assignee_body",
            "assignee_organisation",
            "contact_administrator__person",
            "contact_administrator__body",
            "contact_administrator__organisation",
            "contact_administrator__municipality",
            "action",
        )
        .only(*CONCLUSION_FIELDS, *(f"reflection__{name}" for name in PUBLIC_FIELDS))
        .order_by("decided_on", "reflection__year", "reflection__quarter", "priority", "pk")
    )


def _states_on(action_ids: list[int], stand: date) -> dict[int, str]:
    """The list each action was on at the end of ``stand``, from its log (creation and moves):
    the last entry up to ``stand``; for an action whose first entry is later (the log of a
    conclusion's action starts on the day it was recorded), the list it started on. One query.
    """
    states: dict[int, str] = {}
    if not action_ids:
        return states
    for action_id, to_list, on in (
        ActionUpdate.objects.filter(action_id__in=action_ids)
        .exclude(to_list="")
        .order_by("date", "id")
        .values_list("action_id", "to_list", "date")
    ):
        if on <= stand or action_id not in states:
            states[action_id] = to_list
    return states


def _conclusions(region: Region, sinds: date, stand: date) -> list[ConclusionRow]:
    """Two queries: the conclusions with everything joined, the actions' lists on ``stand``."""
    conclusions = list(_conclusion_queryset(region, sinds, stand))
    states = _states_on([c.action_id for c in conclusions if c.action_id], stand)
    rows = []
    for c in conclusions:
        reflection = c.reflection
        hide_case_text(reflection)  # blank in memory: nothing can read or lazily load it
        c.note = ""  # likewise (it was not read)
        reflection.region = region  # its link costs no query
        names = [x.name for x in (c.assignee_body, c.assignee_organisation) if x is not None]
        row = ConclusionRow(
            conclusion=c,
            quarter=reflection.quarter_label,
            assignee="; ".join(names) or "—",
            contact=trekker_label(c.contact_administrator),
            action_state="",
        )
        action = c.action
        if action is not None:
            state = states.get(action.pk, action.list)
            row.action_state = list_name(state)
            row.action_due = action.due_date
            row.overdue = (
                state != ActionList.GEREED
                and action.due_date is not None
                and action.due_date < stand
            )
        rows.append(row)
    return rows


# --- the report ------------------------------------------------------------------------------


def voortgang_report(region: Region, *, stand: date, sinds: date, user, **_obj) -> dict:
    """The context of ``templates/reports/voortgang_body.html``.

    Queries (fixed; 12 with the live assessments, at most 11 with a peilmoment): checklist —
    live: framework, items, region assessments, per-gemeente assessments; past: the peilmoment,
    its scores, the assessment history — plus the municipalities; peilmomenten: two; drukte:
    two; completed actions: one; conclusions: two (the second only when there are any).
    """
    today = timezone.localdate()
    source = checklist_source(region, stand, today)
    municipalities: list[str] = []
    if source.per_municipality:
        municipalities = list(
            Municipality.objects.filter(region=region)
            .order_by("name")
            .values_list("name", flat=True)
        )
    municipality_items, municipality_rows = _municipality_tables(source, municipalities)
    return {
        "sections": list(SECTIONS),
        "checklist": source,
        "status_columns": _status_columns(),
        "checklist_summary": _summary(source.stages),
        "municipality_items": municipality_items,
        "municipality_rows": municipality_rows,
        "municipality_count": len(municipalities),
        "progress": _progress(region, stand),
        "drukte": _drukte(region, sinds, stand),
        "completed_actions": _completed_actions(region, sinds, stand),
        "conclusions": _conclusions(region, sinds, stand),
    }
