"""Server-side SVG of a table's attendance: the rate per meeting over the health window, with
the threshold as a dashed line.

The house style of ``governance.drukte.drukte_chart_svg``: ``role="img"`` with a title and a
description that says in words what the chart shows; presentation attributes and class names
only (no ``style``, no script), so it passes the strict Content-Security-Policy and prints the
same. Every value is also in the table next to the chart. All text is escaped here; the
template marks the result safe.
"""

from __future__ import annotations

from datetime import date

from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from governance.selectors.health import BodyHealth

# Contrast against white: line and points 9.4:1, threshold 7.1:1, axis 8.4:1.
COLOUR_LINE = "#1f4e79"
COLOUR_THRESHOLD = "#a4262c"
COLOUR_AXIS = "#4d4d4d"
COLOUR_GRID = "#d9d9d9"
COLOUR_TEXT = "#1a1a1a"

_W, _H = 640, 240
_LEFT, _RIGHT, _TOP, _BOTTOM = 48, 120, 20, 40


def _n(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _d(day: date) -> str:
    return day.strftime("%d-%m-%Y")


def chart_summary(health: BodyHealth) -> str:
    rated = health.rated
    if not rated:
        return _(
            "Van %(body)s is in de afgelopen %(months)s maanden bij geen enkele vergadering de "
            "aanwezigheid vastgelegd."
        ) % {"body": health.body.name, "months": health.months}
    below = sum(1 for m in rated if m.percentage < health.threshold)
    return _(
        "%(meetings)s met vastgelegde aanwezigheid, van %(first)s tot en met %(last)s. "
        "Gemiddeld %(average)s%% van de stemgerechtigde leden aanwezig of vervangen; "
        "%(below)s onder de ondergrens van %(threshold)s%%. Laatste vergadering: %(latest)s%%."
    ) % {
        "meetings": ngettext("%(n)d vergadering", "%(n)d vergaderingen", len(rated))
        % {"n": len(rated)},
        "first": _d(rated[0].day),
        "last": _d(rated[-1].day),
        "average": health.average_percentage,
        "below": ngettext("%(n)d vergadering", "%(n)d vergaderingen", below) % {"n": below},
        "threshold": health.threshold,
        "latest": rated[-1].percentage,
    }


def attendance_chart_svg(health: BodyHealth, *, id_prefix: str = "opkomst-grafiek") -> str:
    """The attendance rate per meeting (0–100 %) against time, with the threshold line."""
    prefix = escape(id_prefix)
    title = escape(
        _("Opkomst per vergadering, afgelopen %(months)s maanden — %(body)s")
        % {"months": health.months, "body": health.body.name}
    )
    desc = escape(chart_summary(health))
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="health-chart" role="img" '
        f'width="{_W}" height="{_H}" viewBox="0 0 {_W} {_H}" '
        f'aria-labelledby="{prefix}-title {prefix}-desc" '
        f'font-family="Verdana, Arial, sans-serif" font-size="12" fill="{COLOUR_TEXT}">',
        f'<title id="{prefix}-title">{title}</title>',
        f'<desc id="{prefix}-desc">{desc}</desc>',
    ]
    plot_w = _W - _LEFT - _RIGHT
    plot_h = _H - _TOP - _BOTTOM
    base_y = _TOP + plot_h

    def y_of(percentage: float) -> float:
        return base_y - plot_h * percentage / 100

    span = max((health.end - health.start).days, 1)

    def x_of(day: date) -> float:
        return _LEFT + plot_w * min(max((day - health.start).days, 0), span) / span

    out.append('<g class="chart-grid" aria-hidden="true">')
    for value in (0, 25, 50, 75, 100):
        y = _n(y_of(value))
        out.append(
            f'<line x1="{_LEFT}" y1="{y}" x2="{_LEFT + plot_w}" y2="{y}" '
            f'stroke="{COLOUR_GRID}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{_LEFT - 6}" y="{_n(y_of(value) + 4)}" text-anchor="end" '
            f'fill="{COLOUR_AXIS}">{value}%</text>'
        )
    out.append("</g>")
    out.append(
        f'<line class="axis" x1="{_LEFT}" y1="{base_y}" x2="{_LEFT + plot_w}" y2="{base_y}" '
        f'stroke="{COLOUR_AXIS}" stroke-width="1"/>'
    )
    out.append(
        f'<text x="{_LEFT}" y="{base_y + 18}" text-anchor="start" fill="{COLOUR_AXIS}">'
        f"{_d(health.start)}</text>"
        f'<text x="{_LEFT + plot_w}" y="{base_y + 18}" text-anchor="end" fill="{COLOUR_AXIS}">'
        f"{_d(health.end)}</text>"
    )

    # The threshold: a dashed line with its label on the right.
    y = _n(y_of(health.threshold))
    out.append(
        f'<g class="chart-threshold"><line x1="{_LEFT}" y1="{y}" x2="{_LEFT + plot_w}" y2="{y}" '
        f'stroke="{COLOUR_THRESHOLD}" stroke-width="2" stroke-dasharray="6 4"/>'
        f'<text x="{_LEFT + plot_w + 6}" y="{_n(y_of(health.threshold) + 4)}" '
        f'fill="{COLOUR_THRESHOLD}">{escape(_("Ondergrens %(t)s%%") % {"t": health.threshold})}'
        f"</text></g>"
    )

    rated = health.rated
    if not rated:
        out.append(
            f'<text class="chart-empty" x="{_LEFT + plot_w // 2}" y="{_TOP + plot_h // 3}" '
            f'text-anchor="middle">{escape(_("Nog geen aanwezigheid vastgelegd."))}</text>'
        )
    else:
        points = [(x_of(m.day), y_of(m.percentage), m) for m in rated]
        if len(points) > 1:
            path = " ".join(f"{_n(x)},{_n(y)}" for x, y, _m in points)
            out.append(
                f'<polyline class="chart-line" points="{path}" fill="none" '
                f'stroke="{COLOUR_LINE}" stroke-width="2"/>'
            )
        out.append('<g class="chart-points">')
        label_values = len(points) <= 12
        for x, y, m in points:
            below = m.percentage < health.threshold
            # Below the threshold: an open point, so the difference is not told by colour.
            fill = "#ffffff" if below else COLOUR_LINE
            out.append(
                f'<circle cx="{_n(x)}" cy="{_n(y)}" r="4" fill="{fill}" '
                f'stroke="{COLOUR_LINE}" stroke-width="2"/>'
            )
            if label_values:
                out.append(
                    f'<text x="{_n(x)}" y="{_n(y - 8)}" text-anchor="middle" font-size="11">'
                    f"{m.percentage}%</text>"
                )
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)
