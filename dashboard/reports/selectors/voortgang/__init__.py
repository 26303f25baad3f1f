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

This package module holds the report (``SECTIONS``, ``voortgang_report``); the sections are
built in :mod:`~dashboard.reports.selectors.voortgang.beleidstheorie` (1–3) and
:mod:`~dashboard.reports.selectors.voortgang.period` (4–6), which never import this package.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from dashboard.reports.base import Section
from dashboard.reports.selectors.voortgang.beleidstheorie import (
    _municipality_tables,
    _progress,
    _status_columns,
    _summary,
    checklist_source,
)
from dashboard.reports.selectors.voortgang.period import _completed_actions, _conclusions, _drukte
from governance.models import Municipality, Region

SECTIONS = (
    Section("voortgang-checklist", "Checklist beleidstheorie per fase"),
    Section("voortgang-peilmomenten", "Voortgang over de peilmomenten"),
    Section("voortgang-gemeenten", "Uitkomsten per gemeente"),
    Section("voortgang-drukte", "Bestuurlijke drukte"),
    Section("voortgang-acties", "Afgeronde acties in de periode"),
    Section("voortgang-conclusies", "Conclusies uit casusreflecties"),
)


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
