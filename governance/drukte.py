"""Bestuurlijke drukte: the load of tables on administrators (DESIGN.md §3, §6).

Figures for one region on two days (``since`` and ``today``), per level:

- active bodies (see ``governance.checks.base.body_active_on`` for "active on a day");
- planned meetings per year: the sum of ``meeting_frequency_per_year`` of the active bodies
  (bodies without a frequency count as 0);
- administrator-hours per year: per active body, the number of distinct persons with a
  membership current on that day whose office is in ``ADMINISTRATOR_OFFICES`` (burgemeester,
  wethouder, partnerbestuurder), times the meetings per year, times the usual meeting duration.

The register keeps the *current* frequency and duration of a body, so the figures on ``since``
use today's frequency and duration; which bodies were active and who sat at them follow the
dates on ``since``.

Plus bodies established and dissolved per calendar year over the region's history, and a small
server-rendered SVG bar chart of those (no JavaScript, no inline styles, CSP-safe).
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from governance.checks.base import body_active_on, period_contains
from governance.constants import ADMINISTRATOR_OFFICES, BodyStatus, Level
from governance.models import Body, Membership, Region

TOTAL = "totaal"
FIGURES = ("bodies", "meetings", "admin_hours")

# WCAG AA on white: #01689b (rijksblauw-like) 6.1:1, #a90061 (robijnrood) 7.2:1.
COLOUR_ADDED = "#01689b"
COLOUR_ENDED = "#a90061"
COLOUR_TEXT = "#1a1a1a"
COLOUR_AXIS = "#4d4d4d"
COLOUR_GRID = "#d9d9d9"


@dataclass(frozen=True)
class Counts:
    bodies: int = 0
    meetings: int = 0
    admin_hours: Decimal = Decimal("0")

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.bodies + other.bodies,
            self.meetings + other.meetings,
            self.admin_hours + other.admin_hours,
        )

    def __sub__(self, other: Counts) -> Counts:
        return Counts(
            self.bodies - other.bodies,
            self.meetings - other.meetings,
            self.admin_hours - other.admin_hours,
        )


@dataclass(frozen=True)
class LevelComparison:
    """One level (or the total): the figures on ``since``, today and the difference."""

    level: str  # a Level value, or "totaal"
    label: str
    then: Counts
    now: Counts

    @property
    def change(self) -> Counts:
        return self.now - self.then

    @property
    def is_total(self) -> bool:
        return self.level == TOTAL


@dataclass(frozen=True)
class YearRow:
    year: int
    added: int
    ended: int

    @property
    def net(self) -> int:
        return self.added - self.ended


@dataclass(frozen=True)
class DrukteFigures:
    region_name: str
    today: date
    since: date
    levels: tuple[LevelComparison, ...]  # bestuurlijk, tactisch, operationeel, then the total
    years: tuple[YearRow, ...]  # consecutive calendar years with at least one event in range

    def level(self, level: str) -> LevelComparison:
        return next(row for row in self.levels if row.level == level)

    @property
    def total(self) -> LevelComparison:
        return self.level(TOTAL)

    @property
    def added_total(self) -> int:
        return sum(row.added for row in self.years)

    @property
    def ended_total(self) -> int:
        return sum(row.ended for row in self.years)


@dataclass(frozen=True)
class DrukteRow:
    """A row of the figures table: one figure at one level."""

    figure: str  # "bodies" | "meetings" | "admin_hours"
    figure_label: str
    level: str
    level_label: str
    is_total: bool
    since_value: int | Decimal
    now_value: int | Decimal
    change: int | Decimal
    since_display: str
    now_display: str
    change_display: str


def one_year_before(day: date) -> date:
    year = day.year - 1
    return date(year, day.month, min(day.day, calendar.monthrange(year, day.month)[1]))


def _counts_on(day: date, bodies: list[Body], administrators: list[tuple]) -> dict[str, Counts]:
    seated: dict[int, set[int]] = defaultdict(set)
    for body_id, person_id, start, end in administrators:
        if period_contains(start, end, day):
            seated[body_id].add(person_id)
    per_level: dict[str, Counts] = {level: Counts() for level in Level.values}
    for body in bodies:
        if not body_active_on(body, day) or body.level not in per_level:
            continue
        frequency = body.meeting_frequency_per_year or 0
        hours = len(seated.get(body.pk, ())) * frequency * body.meeting_duration_hours
        per_level[body.level] += Counts(1, frequency, hours)
    return per_level


def _years(bodies: list[Body], today: date) -> tuple[YearRow, ...]:
    added: dict[int, int] = defaultdict(int)
    ended: dict[int, int] = defaultdict(int)
    for body in bodies:
        if body.status == BodyStatus.VOORGESTELD:
            continue  # a proposal was never established
        if body.established_on and body.established_on <= today:
            added[body.established_on.year] += 1
        if body.dissolved_on and body.dissolved_on <= today:
            ended[body.dissolved_on.year] += 1
    years = set(added) | set(ended)
    if not years:
        return ()
    return tuple(
        YearRow(year, added.get(year, 0), ended.get(year, 0))
        for year in range(min(years), max(years) + 1)
    )


def drukte_figures(
    region: Region, *, since: date | None = None, today: date | None = None
) -> DrukteFigures:
    """The drukte figures of ``region`` today and on ``since`` (default: a year earlier)."""
    today = today or timezone.localdate()
    since = since or one_year_before(today)
    # Two queries in all: the bodies, and the seats of administrators (persons only; the
    # office decides who counts), filtered in Python for both days.
    bodies = list(
        Body.objects.filter(region=region).only(
            "pk",
            "level",
            "status",
            "established_on",
            "dissolved_on",
            "meeting_frequency_per_year",
            "meeting_duration_hours",
        )
    )
    administrators = list(
        Membership.objects.filter(
            body__region=region, person__office__in=ADMINISTRATOR_OFFICES
        ).values_list("body_id", "person_id", "start", "end")
    )
    now = _counts_on(today, bodies, administrators)
    then = _counts_on(since, bodies, administrators)
    labels = dict(Level.choices)
    levels = [
        LevelComparison(level, str(labels[level]), then[level], now[level])
        for level in Level.values
    ]
    levels.append(
        LevelComparison(
            TOTAL,
            _("Totaal"),
            sum((row.then for row in levels), Counts()),
            sum((row.now for row in levels), Counts()),
        )
    )
    return DrukteFigures(
        region_name=region.name,
        today=today,
        since=since,
        levels=tuple(levels),
        years=_years(bodies, today),
    )


# --- presentation helpers --------------------------------------------------------------------


def format_number(value: int | Decimal) -> str:
    """Dutch notation: 1.234 and 24,5 (hours keep one decimal only when needed)."""
    value = Decimal(value)
    negative = value < 0
    value = abs(value).quantize(Decimal("0.1"))
    whole, fraction = divmod(value, 1)
    text = f"{int(whole):,}".replace(",", ".")
    if fraction:
        text += "," + str(fraction)[2:3]
    return f"-{text}" if negative else text


def format_change(value: int | Decimal) -> str:
    """A difference with its sign: +3, -2, 0."""
    if value > 0:
        return "+" + format_number(value)
    return format_number(value)


def figure_labels() -> dict[str, str]:
    return {
        "bodies": _("Actieve gremia"),
        "meetings": _("Geplande vergaderingen per jaar"),
        "admin_hours": _("Bestuurdersuren per jaar"),
    }


def drukte_table_rows(figures: DrukteFigures) -> list[DrukteRow]:
    """Rows for a table "figure · level · on since · today · change", figure by figure."""
    rows = []
    labels = figure_labels()
    for figure in FIGURES:
        for level in figures.levels:
            then = getattr(level.then, figure)
            now = getattr(level.now, figure)
            change = now - then
            rows.append(
                DrukteRow(
                    figure=figure,
                    figure_label=labels[figure],
                    level=level.level,
                    level_label=level.label,
                    is_total=level.is_total,
                    since_value=then,
                    now_value=now,
                    change=change,
                    since_display=format_number(then),
                    now_display=format_number(now),
                    change_display=format_change(change),
                )
            )
    return rows


# --- the chart -------------------------------------------------------------------------------

_W, _H = 640, 320
_LEFT, _RIGHT, _TOP, _BOTTOM = 56, 16, 52, 60


def _n(value: float) -> str:
    """Coordinates with at most one decimal, no trailing zeros: deterministic output."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _ticks(maximum: int) -> tuple[int, int]:
    """(step, top) of the y axis: at most about five whole-number steps."""
    maximum = max(maximum, 1)
    step = max(1, -(-maximum // 5))
    return step, step * -(-maximum // step)


def chart_summary(figures: DrukteFigures) -> str:
    if not figures.years:
        return _("Er zijn nog geen gremia met een datum van instelling of opheffing.")
    first, last = figures.years[0].year, figures.years[-1].year
    parts = [
        _("%(year)d: %(added)d ingesteld, %(ended)d opgeheven")
        % {"year": row.year, "added": row.added, "ended": row.ended}
        for row in figures.years
    ]
    return _(
        "Van %(first)d tot en met %(last)d zijn %(added)d gremia ingesteld en %(ended)d "
        "opgeheven. Per jaar: %(years)s."
    ) % {
        "first": first,
        "last": last,
        "added": figures.added_total,
        "ended": figures.ended_total,
        "years": "; ".join(parts),
    }


def drukte_chart_svg(figures: DrukteFigures, *, id_prefix: str = "drukte-grafiek") -> str:
    """An accessible SVG bar chart: bodies established vs dissolved per calendar year.

    Colours are SVG presentation attributes and class names (no ``style``), so the chart
    passes a strict Content-Security-Policy and prints the same in the PDF.
    """
    prefix = escape(id_prefix)
    title = escape(
        _("Gremia ingesteld en opgeheven per jaar — %(region)s") % {"region": figures.region_name}
    )
    desc = escape(chart_summary(figures))
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="drukte-chart" role="img" '
        f'width="{_W}" height="{_H}" viewBox="0 0 {_W} {_H}" '
        f'aria-labelledby="{prefix}-title {prefix}-desc" '
        f'font-family="Verdana, Arial, sans-serif" font-size="12" fill="{COLOUR_TEXT}">',
        f'<title id="{prefix}-title">{title}</title>',
        f'<desc id="{prefix}-desc">{desc}</desc>',
    ]
    plot_w = _W - _LEFT - _RIGHT
    plot_h = _H - _TOP - _BOTTOM
    base_y = _TOP + plot_h
    if not figures.years:
        out.append(
            f'<text class="chart-empty" x="{_W // 2}" y="{_H // 2}" text-anchor="middle">'
            f"{desc}</text>"
        )
        out.append("</svg>")
        return "".join(out)

    maximum = max(max(row.added, row.ended) for row in figures.years)
    step, top = _ticks(maximum)

    def y_of(value: int) -> float:
        return base_y - plot_h * value / top

    # Legend (text next to each swatch, so colour is never the only cue).
    legend = (
        (COLOUR_ADDED, "bar-added", _("Ingesteld")),
        (COLOUR_ENDED, "bar-ended", _("Opgeheven")),
    )
    x = _LEFT
    out.append('<g class="chart-legend">')
    for colour, css, label in legend:
        out.append(f'<rect class="{css}" x="{x}" y="16" width="14" height="14" fill="{colour}"/>')
        out.append(f'<text x="{x + 20}" y="27">{escape(label)}</text>')
        x += 120
    out.append("</g>")

    # Grid lines and y-axis tick labels.
    out.append('<g class="chart-grid" aria-hidden="true">')
    for value in range(0, top + 1, step):
        y = _n(y_of(value))
        out.append(
            f'<line x1="{_LEFT}" y1="{y}" x2="{_W - _RIGHT}" y2="{y}" '
            f'stroke="{COLOUR_GRID}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{_LEFT - 8}" y="{_n(y_of(value) + 4)}" text-anchor="end" '
            f'fill="{COLOUR_AXIS}">{value}</text>'
        )
    out.append("</g>")

    # Bars, with their value above them.
    count = len(figures.years)
    group_w = plot_w / count
    bar_w = min(28.0, group_w * 0.38)
    label_every = max(1, -(-count // 12))  # at most ~12 year labels
    out.append('<g class="chart-bars">')
    for i, row in enumerate(figures.years):
        centre = _LEFT + group_w * (i + 0.5)
        for offset, value, colour, css in (
            (-bar_w - 1, row.added, COLOUR_ADDED, "bar-added"),
            (1, row.ended, COLOUR_ENDED, "bar-ended"),
        ):
            x0 = centre + offset
            y0 = y_of(value)
            out.append(
                f'<rect class="{css}" x="{_n(x0)}" y="{_n(y0)}" width="{_n(bar_w)}" '
                f'height="{_n(base_y - y0)}" fill="{colour}"/>'
            )
            if group_w >= 24:
                out.append(
                    f'<text class="bar-value" x="{_n(x0 + bar_w / 2)}" '
                    f'y="{_n(y0 - 4)}" text-anchor="middle" font-size="11">{value}</text>'
                )
        if i % label_every == 0:
            out.append(
                f'<text class="year-label" x="{_n(centre)}" y="{base_y + 18}" '
                f'text-anchor="middle">{row.year}</text>'
            )
    out.append("</g>")

    # Axes and their labels.
    out.append(
        f'<line class="axis" x1="{_LEFT}" y1="{base_y}" x2="{_W - _RIGHT}" '
        f'y2="{base_y}" stroke="{COLOUR_AXIS}" stroke-width="1"/>'
    )
    out.append(
        f'<line class="axis" x1="{_LEFT}" y1="{_TOP}" x2="{_LEFT}" y2="{base_y}" '
        f'stroke="{COLOUR_AXIS}" stroke-width="1"/>'
    )
    out.append(
        f'<text class="axis-label" x="{_LEFT + plot_w // 2}" y="{_H - 12}" '
        f'text-anchor="middle">{escape(_("Jaar"))}</text>'
    )
    mid_y = _TOP + plot_h // 2
    out.append(
        f'<text class="axis-label" x="16" y="{mid_y}" text-anchor="middle" '
        f'transform="rotate(-90 16 {mid_y})">{escape(_("Aantal gremia"))}</text>'
    )
    out.append("</svg>")
    return "".join(out)
