"""What the reports have in common: their table of contents, their names and file names."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Section:
    """One entry of a report's table of contents; ``id`` is the section element's id."""

    id: str
    title: str


@dataclass(frozen=True)
class ReportSpec:
    key: str  # URL name and body template: reports/<body>_body.html
    title: str
    body: str
    file_stem: str  # werkagenda-nog-2026-11-23.pdf
    permission: str
    uses_period: bool = True
    description: str = ""


WERKAGENDA = ReportSpec(
    key="werkagenda",
    title="Werkagenda",
    body="werkagenda",
    file_stem="werkagenda",
    permission="reports.view_werkagenda_report",
    description="Acties per lijst en thema met trekker, coalitie, status en termijn; "
    "knelpunten per thema; wat er in de periode is bewogen.",
)
VOORTGANG = ReportSpec(
    key="voortgang",
    title="Voortgangsrapportage",
    body="voortgang",
    file_stem="voortgangsrapportage",
    permission="reports.view_progress_report",
    description="De checklist beleidstheorie per fase, de voortgang over de peilmomenten, "
    "uitkomsten per gemeente, bestuurlijke drukte, afgeronde acties en de conclusies uit "
    "de casusreflecties.",
)
STRUCTUUR = ReportSpec(
    key="structuur",
    title="Structuuroverzicht",
    body="structure",
    file_stem="structuuroverzicht",
    permission="reports.view_structure_report",
    uses_period=False,
    description="Het diagram, de gremia met mandaten en leden, de relaties en de "
    "bevindingen van de structuurcontrole.",
)
BESPREEKVOORSTEL = ReportSpec(
    key="bespreekvoorstel",
    title="Bespreekvoorstel casusreflectie",
    body="bespreekvoorstel",
    file_stem="bespreekvoorstel",
    permission="reports.view_bespreekvoorstel_report",
    uses_period=False,
)
VOORBEREIDING = ReportSpec(
    key="voorbereiding",
    title="Vergadervoorbereiding",
    body="preparation",
    file_stem="vergadervoorbereiding",
    permission="reports.view_preparation_report",
    uses_period=False,
)

BESLUITENLIJST = ReportSpec(
    key="besluitenlijst",
    title="Besluitenlijst",
    body="besluitenlijst",
    file_stem="besluitenlijst",
    permission="governance.view_minutes",
    uses_period=False,
    description="De besluiten van een vergadering met de acties die ze opleverden of "
    "verplaatsten, trekker en termijn.",
)
VERSLAG = ReportSpec(
    key="verslag",
    title="Verslag",
    body="verslag",
    file_stem="verslag",
    permission="governance.view_minutes",
    uses_period=False,
    description="Aanwezigheid en per agendapunt wat is besproken en besloten.",
)

#: The reports of a region, in the order of the reports page.
REGION_REPORTS = (WERKAGENDA, VOORTGANG, STRUCTUUR)


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier (the last day of that month when it is shorter)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


DEFAULT_PERIOD_MONTHS = 3


def pdf_filename(spec: ReportSpec, region_slug: str, stand: date, suffix: str = "") -> str:
    parts = [spec.file_stem, region_slug]
    if suffix:
        parts.append(suffix)
    parts.append(stand.isoformat())
    return "-".join(parts) + ".pdf"
