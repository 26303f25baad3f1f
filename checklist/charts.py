"""Server-side SVG of the peilmomenten: per stage, the distribution over the five statuses.

Small multiples: one panel per stage (input → … → outcome), in each panel one horizontal
stacked bar per peilmoment, oldest on top. Each status has a colour *and* a pattern, the
number of items is written inside every segment wide enough to hold it, and the legend names
the statuses, so colour is never the only cue. The page shows the same numbers in a table.

No ``style`` attributes and no script: presentation attributes and class names only, so the
chart passes the strict Content-Security-Policy and prints the same in the PDF (the house style
of ``governance.drukte.drukte_chart_svg``). All text is escaped here; the template marks the
result safe.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.translation import gettext as _

from checklist.constants import Status

# The colours of the status badges and the comparison heat map (``.badge--status-*``, ``.heat--*``
# in portal.css), so a status looks the same in the chart as next to it; the text on each fill
# has a contrast of at least 4.5:1.
FILL = {
    Status.NIET_GESTART: "#f7c6bf",
    Status.VERKEND: "#ffd0a0",
    Status.IN_ONTWIKKELING: "#fff0a8",
    Status.GEREALISEERD: "#bfe3c6",
    Status.GEBORGD: "#1a6b2c",
}
TEXT_ON = {
    Status.NIET_GESTART: "#1a1a1a",
    Status.VERKEND: "#1a1a1a",
    Status.IN_ONTWIKKELING: "#1a1a1a",
    Status.GEREALISEERD: "#1a1a1a",
    Status.GEBORGD: "#ffffff",
}
# Pattern drawn over the fill (None: the plain fill is the cue).
PATTERN = {
    Status.NIET_GESTART: None,
    Status.VERKEND: "diagonal",
    Status.IN_ONTWIKKELING: "dots",
    Status.GEREALISEERD: "vertical",
    Status.GEBORGD: "cross",
}
COLOUR_TEXT = "#1a1a1a"
COLOUR_AXIS = "#4d4d4d"
COLOUR_OUTLINE = "#8c8c8c"

_W = 640
_LEFT, _RIGHT, _TOP = 104, 16, 64
_BAR_H, _BAR_GAP, _PANEL_HEAD, _PANEL_GAP = 20, 6, 26, 14


@dataclass(frozen=True)
class Bar:
    """One peilmoment in one stage: the number of items per status."""

    label: str  # e.g. the date "01-03-2026"
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.get(s, 0) for s in Status.values)


@dataclass(frozen=True)
class StagePanel:
    stage: str
    label: str
    bars: list[Bar] = field(default_factory=list)


def _n(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def chart_summary(panels: list[StagePanel]) -> str:
    """A text description of the whole chart (the <desc>): per stage first and last bar."""
    bars = [bar for panel in panels for bar in panel.bars]
    if not bars:
        return _("Er zijn nog geen peilmomenten vastgelegd.")
    labels = dict(Status.choices)
    parts = []
    for panel in panels:
        if not panel.bars:
            continue
        first, last = panel.bars[0], panel.bars[-1]

        def spell(bar: Bar) -> str:
            return ", ".join(
                f"{bar.counts.get(s, 0)} {str(labels[s]).lower()}" for s in Status.values
            )

        if first is last:
            parts.append(
                _("%(stage)s op %(date)s: %(counts)s")
                % {"stage": panel.label, "date": first.label, "counts": spell(first)}
            )
        else:
            parts.append(
                _("%(stage)s van %(first)s (%(a)s) tot %(last)s (%(b)s)")
                % {
                    "stage": panel.label,
                    "first": first.label,
                    "a": spell(first),
                    "last": last.label,
                    "b": spell(last),
                }
            )
    return _("Aantal items per status en per fase, per peilmoment. %(parts)s.") % {
        "parts": "; ".join(parts)
    }


def _defs(prefix: str) -> list[str]:
    return [
        "<defs>",
        f'<pattern id="{prefix}-diagonal" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" '
        f'stroke="#1a1a1a" stroke-width="1" stroke-opacity="0.35"/></pattern>',
        f'<pattern id="{prefix}-dots" width="6" height="6" patternUnits="userSpaceOnUse">'
        f'<circle cx="3" cy="3" r="1" fill="#1a1a1a" fill-opacity="0.35"/></pattern>',
        f'<pattern id="{prefix}-vertical" width="5" height="5" patternUnits="userSpaceOnUse">'
        f'<line x1="2.5" y1="0" x2="2.5" y2="5" stroke="#1a1a1a" stroke-width="1" '
        f'stroke-opacity="0.3"/></pattern>',
        f'<pattern id="{prefix}-cross" width="8" height="8" patternUnits="userSpaceOnUse">'
        f'<path d="M0 0L8 8M8 0L0 8" stroke="#ffffff" stroke-width="0.8" '
        f'stroke-opacity="0.35"/></pattern>',
        "</defs>",
    ]


def _segment(prefix: str, status: str, x: float, y: float, w: float, value: int) -> list[str]:
    out = [
        f'<rect class="segment segment--{status}" x="{_n(x)}" y="{y}" width="{_n(w)}" '
        f'height="{_BAR_H}" fill="{FILL[status]}" stroke="{COLOUR_OUTLINE}" stroke-width="0.5"/>'
    ]
    if PATTERN[status]:
        out.append(
            f'<rect x="{_n(x)}" y="{y}" width="{_n(w)}" height="{_BAR_H}" '
            f'fill="url(#{prefix}-{PATTERN[status]})" aria-hidden="true"/>'
        )
    if w >= 18:
        out.append(
            f'<text x="{_n(x + w / 2)}" y="{y + 14}" text-anchor="middle" font-size="11" '
            f'fill="{TEXT_ON[status]}">{value}</text>'
        )
    return out


def progress_chart_svg(
    panels: list[StagePanel], *, region_name: str, id_prefix: str = "peilmomenten-grafiek"
) -> str:
    """The small-multiples chart as an SVG string (escaped, ready to mark safe)."""
    prefix = escape(id_prefix)
    title = escape(
        _("Voortgang per fase over de peilmomenten — %(region)s") % {"region": region_name}
    )
    desc = escape(chart_summary(panels))
    bars_total = sum(len(p.bars) for p in panels)
    if bars_total:
        height = _TOP + sum(
            _PANEL_HEAD + len(p.bars) * (_BAR_H + _BAR_GAP) + _PANEL_GAP for p in panels
        )
    else:
        height = 120
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="progress-chart" role="img" '
        f'width="{_W}" height="{height}" viewBox="0 0 {_W} {height}" '
        f'aria-labelledby="{prefix}-title {prefix}-desc" '
        f'font-family="Verdana, Arial, sans-serif" font-size="12" fill="{COLOUR_TEXT}">',
        f'<title id="{prefix}-title">{title}</title>',
        f'<desc id="{prefix}-desc">{desc}</desc>',
    ]
    if not bars_total:
        out.append(
            f'<text class="chart-empty" x="{_W // 2}" y="60" text-anchor="middle">'
            f"{escape(_('Er zijn nog geen peilmomenten vastgelegd.'))}</text>"
        )
        out.append("</svg>")
        return "".join(out)

    out.extend(_defs(prefix))
    # Legend: swatch with colour and pattern, and the status name next to it.
    out.append('<g class="chart-legend">')
    x = 8
    for status, label in Status.choices:
        out.extend(_segment(prefix, status, x, 12, 16, 0)[:2])
        out.append(f'<text x="{x + 22}" y="27">{escape(label)}</text>')
        x += 22 + 8 * len(str(label)) + 14
    out.append("</g>")
    out.append(
        f'<text x="8" y="52" fill="{COLOUR_AXIS}" font-size="11">'
        f"{escape(_('Aantal items per status; elke balk is één peilmoment.'))}</text>"
    )

    plot_w = _W - _LEFT - _RIGHT
    y = _TOP
    for panel in panels:
        out.append(f'<g class="stage-panel stage-panel--{escape(panel.stage)}">')
        out.append(
            f'<text class="stage-label" x="8" y="{y + 16}" font-weight="bold">'
            f"{escape(panel.label)}</text>"
        )
        y += _PANEL_HEAD
        for bar in panel.bars:
            out.append(
                f'<text x="{_LEFT - 8}" y="{y + 14}" text-anchor="end" fill="{COLOUR_AXIS}">'
                f"{escape(bar.label)}</text>"
            )
            total = bar.total
            x = float(_LEFT)
            if total == 0:
                out.append(
                    f'<rect x="{_LEFT}" y="{y}" width="{plot_w}" height="{_BAR_H}" '
                    f'fill="none" stroke="{COLOUR_OUTLINE}" stroke-dasharray="4 3"/>'
                )
            for status in Status.values:
                value = bar.counts.get(status, 0)
                if not value:
                    continue
                w = plot_w * value / total
                out.extend(_segment(prefix, status, x, y, w, value))
                x += w
            y += _BAR_H + _BAR_GAP
        y += _PANEL_GAP
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)
