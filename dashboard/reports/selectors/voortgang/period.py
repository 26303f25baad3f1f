"""The sections of the voortgangsrapportage about the period (``sinds``, ``stand``]: bestuurlijke
drukte (section 4), completed actions (section 5) and the Stamtafel conclusions of case
reflections (section 6), which never print case text (see the report's docstring,
:mod:`dashboard.reports.selectors.voortgang`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from casereflection.constants import PUBLIC_FIELDS
from casereflection.models import Conclusion
from casereflection.selectors.access import hide_case_text
from governance import drukte
from governance.constants import ActionList
from governance.models import ActionUpdate, Region
from governance.selectors.werkagenda import list_name, trekker_label

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
