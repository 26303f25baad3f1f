"""The structure diagram as Graphviz DOT source, and the legend of its edges.

:func:`structure_dot` turns a :class:`~governance.diagram.structure.StructureSnapshot` into DOT
source: one cluster per level, ranked bestuurlijk above tactisch above operationeel, a node per
body (linked to its page), an edge per relation styled by :data:`RELATION_STYLES`. Edges carry
no labels: the legend on the page (:func:`legend_items`) explains them, and every edge has a
tooltip sentence.

User text reaches Graphviz only through :func:`dot_text`, which turns ``& " < >`` into XML
entities (Graphviz passes entities through to the SVG) and replaces backslashes by a
placeholder that is turned back into a backslash after layout
(:func:`governance.diagram.render.clean_svg`), because Graphviz gives backslashes a meaning
(``\\N``, ``\\l``, ...) that differs per attribute and version.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable

from governance.constants import (
    FORMAL_FRAMEWORK_KINDS,
    BodyKind,
    FrameworkKind,
    Level,
    RelationKind,
)
from governance.diagram.structure import (
    DEFAULT_VIEW,
    LEVEL_ORDER,
    VIEW_FRAMEWORK,
    StructureSnapshot,
    _kind_label,
    framework_label,
    parse_view,
    relation_sentence,
)
from governance.models import Body, Framework

FONT = "DejaVu Sans"
WRAP_AT = 22


# Colours in the Rijksoverheid palette. Text contrast (WCAG 1.4.3) on the fills:
# white on #01689b 6.1:1; #1a1a1a on #cce0f1 13.5:1; #1a1a1a on white 17.4:1;
# cluster labels #154273 on the cluster fills > 9:1. Borders and lines are >= 3:1 on white
# (WCAG 1.4.11), and edges differ in line style and arrowhead, not only in colour (1.4.1).
TEXT_DARK = "#1a1a1a"
RIJKSBLAUW = "#01689b"
DONKERBLAUW = "#154273"

LEVEL_STYLES: dict[str, dict[str, str]] = {
    Level.BESTUURLIJK: {
        "shape": "box",
        "style": "rounded,filled,bold",
        "fillcolor": RIJKSBLAUW,
        "color": DONKERBLAUW,
        "fontcolor": "#ffffff",
        "cluster_fill": "#e5f0f7",
        "cluster_border": RIJKSBLAUW,
    },
    Level.TACTISCH: {
        "shape": "box",
        "style": "rounded,filled",
        "fillcolor": "#cce0f1",
        "color": RIJKSBLAUW,
        "fontcolor": TEXT_DARK,
        "cluster_fill": "#f2f7fb",
        "cluster_border": RIJKSBLAUW,
    },
    Level.OPERATIONEEL: {
        "shape": "box",
        "style": "filled",
        "fillcolor": "#ffffff",
        "color": RIJKSBLAUW,
        "fontcolor": TEXT_DARK,
        "cluster_fill": "#f5f5f5",
        "cluster_border": "#696969",
    },
}
CLUSTER_FONTCOLOR = DONKERBLAUW

#: Clusters of the framework view: a formal decision line (GR, wettelijke taak) has a solid,
#: bold border; other frameworks a solid one; "Zonder kader" a dashed grey one — the border
#: style, not only the colour, tells them apart. Labels #154273 on these fills > 9:1.
FRAMEWORK_CLUSTER_STYLES: dict[str, dict[str, str]] = {
    "formal": {"style": "rounded,filled,bold", "fillcolor": "#e5f0f7", "color": DONKERBLAUW},
    "other": {"style": "rounded,filled", "fillcolor": "#f2f7fb", "color": RIJKSBLAUW},
    "none": {"style": "rounded,filled,dashed", "fillcolor": "#f5f5f5", "color": "#696969"},
}

#: How each kind of relation is drawn. ``style`` is one of solid, dashed, dotted, bold (the
#: legend template draws those); ``dir`` "both" for the two-way *ophalen en terugkoppelen*.
RELATION_STYLES: dict[str, dict[str, str]] = {
    RelationKind.ADVISEERT: {
        "colour": RIJKSBLAUW,
        "style": "dashed",
        "arrowhead": "onormal",
        "label": str(RelationKind.ADVISEERT.label),
        "dir": "forward",
    },
    RelationKind.VERANTWOORDING: {
        "colour": DONKERBLAUW,
        "style": "solid",
        "arrowhead": "normal",
        "label": str(RelationKind.VERANTWOORDING.label),
        "dir": "forward",
    },
    RelationKind.OPDRACHT: {
        "colour": "#ca005d",
        "style": "bold",
        "arrowhead": "normal",
        "label": str(RelationKind.OPDRACHT.label),
        "dir": "forward",
    },
    RelationKind.BEREIDT_VOOR: {
        "colour": "#39870c",
        "style": "dashed",
        "arrowhead": "vee",
        "label": str(RelationKind.BEREIDT_VOOR.label),
        "dir": "forward",
    },
    RelationKind.OPHALEN: {
        "colour": "#007bc7",
        "style": "dotted",
        "arrowhead": "normal",
        "label": str(RelationKind.OPHALEN.label),
        "dir": "both",
    },
    RelationKind.LINKING_PIN: {
        "colour": "#673327",
        "style": "dotted",
        "arrowhead": "dot",
        "label": str(RelationKind.LINKING_PIN.label),
        "dir": "forward",
    },
    RelationKind.GAAT_OP_IN: {
        "colour": "#42145f",
        "style": "bold",
        "arrowhead": "empty",
        "label": str(RelationKind.GAAT_OP_IN.label),
        "dir": "forward",
    },
    RelationKind.ONDERSTEUNT: {
        "colour": "#4d4d4d",
        "style": "solid",
        "arrowhead": "odot",
        "label": str(RelationKind.ONDERSTEUNT.label),
        "dir": "forward",
    },
}
_FALLBACK_STYLE = {
    "colour": "#4d4d4d",
    "style": "solid",
    "arrowhead": "normal",
    "label": "",
    "dir": "forward",
}


def legend_items() -> list[dict]:
    """The legend of the edges, in the order of :class:`RelationKind`."""
    return [
        {
            "kind": kind.value,
            "label": str(kind.label),
            "colour": RELATION_STYLES[kind]["colour"],
            "style": RELATION_STYLES[kind]["style"],
            "arrowhead": RELATION_STYLES[kind]["arrowhead"],
            "both_ways": RELATION_STYLES[kind]["dir"] == "both",
        }
        for kind in RelationKind
    ]


def level_legend_items() -> list[dict]:
    """What the fill of a box says (the level): the legend of the framework view, where the
    clusters are frameworks and the level shows only in the boxes (and their tooltips)."""
    return [
        {
            "level": level,
            "label": _kind_label(level, Level),
            "fill": LEVEL_STYLES[level]["fillcolor"],
            "border": LEVEL_STYLES[level]["color"],
        }
        for level in LEVEL_ORDER
    ]


# --------------------------------------------------------------------------- DOT

# Graphviz processes backslash escapes differently per attribute; a private-use character
# stands in for a backslash in user text and becomes a backslash again in the cleaned SVG.
_BACKSLASH = "\ue000"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000]")
_WHITESPACE = re.compile(r"\s+")


def _plain(text: str) -> str:
    """User text on one line, without control characters."""
    return _WHITESPACE.sub(" ", _CONTROL.sub("", str(text))).strip()


def dot_text(text: str) -> str:
    """Escape user text for use inside a double-quoted DOT string (label, tooltip, URL).

    ``& " < >`` become XML entities, which Graphviz keeps as they are in the SVG (and decodes
    for measuring labels); a backslash becomes a placeholder; newlines become spaces.
    """
    return (
        _plain(text)
        .replace("&", "&amp;")
        .replace('"', "&quot;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\\", _BACKSLASH)
    )


def wrap_label(text: str, width: int = WRAP_AT) -> str:
    """Escaped label text with DOT line breaks (``\\n``) at about ``width`` characters."""
    lines = textwrap.wrap(_plain(text), width=width, break_long_words=False) or [""]
    return "\\n".join(dot_text(line) for line in lines)


def _attrs(**attrs) -> str:
    """``[key="value", ...]`` for values that are already DOT-safe."""
    return "[" + ", ".join(f'{k}="{v}"' for k, v in attrs.items() if v is not None) + "]"


def _node_id(body: Body) -> str:
    return f"b{body.pk}"


def _level_rank(level: str) -> int:
    try:
        return LEVEL_ORDER.index(level)
    except ValueError:
        return len(LEVEL_ORDER)


def body_tooltip(body: Body, view: str = DEFAULT_VIEW) -> str:
    if parse_view(view) == VIEW_FRAMEWORK:
        # Grouped by framework, the level is told by the fill colour: say it in words too.
        level = _kind_label(body.level, Level).lower()
        return f"{body.name} ({_kind_label(body.kind, BodyKind)}, {level})"
    return f"{body.name} ({_kind_label(body.kind, BodyKind)})"


def _node_line(body: Body, body_url: Callable[[Body], str], view: str) -> str:
    style = LEVEL_STYLES.get(body.level, LEVEL_STYLES[Level.OPERATIONEEL])
    return (
        f"    {_node_id(body)} "
        + _attrs(
            label=wrap_label(body.short_name or body.name),
            tooltip=dot_text(body_tooltip(body, view)),
            URL=dot_text(body_url(body)),
            target="_top",
            id=f"gremium-{body.pk}",
            shape=style["shape"],
            style=style["style"],
            fillcolor=style["fillcolor"],
            color=style["color"],
            fontcolor=style["fontcolor"],
        )
        + ";"
    )


def _framework_clusters(
    snapshot: StructureSnapshot, body_url: Callable[[Body], str], view: str
) -> list[str]:
    """One cluster per framework (label: name and kind), and "Zonder kader"."""
    lines = []
    for framework, bodies in snapshot.bodies_by_framework:
        kind = _framework_style_key(framework)
        style = FRAMEWORK_CLUSTER_STYLES[kind]
        name = f"kader_{framework.pk}" if framework else "kader_geen"
        lines.append(f"  subgraph cluster_{name} {{")
        lines.append(
            "    graph "
            + _attrs(
                label=_framework_cluster_label(framework),
                style=style["style"],
                fillcolor=style["fillcolor"],
                color=style["color"],
                fontcolor=CLUSTER_FONTCOLOR,
                fontname=f"{FONT} Bold",
                fontsize="12",
                labeljust="l",
                margin="12",
                id=f"kader-{framework.pk}" if framework else "kader-geen",
            )
            + ";"
        )
        for body in bodies:
            lines.append(_node_line(body, body_url, view))
        lines.append("  }")
    return lines


def _framework_cluster_label(framework: Framework | None) -> str:
    """The framework's name (wrapped) with its kind on a line of its own."""
    if framework is None:
        return dot_text(framework_label(None))
    kind = _kind_label(framework.kind, FrameworkKind).lower()
    return wrap_label(framework.name, width=40) + "\\n" + dot_text(f"({kind})")


def _framework_style_key(framework: Framework | None) -> str:
    if framework is None:
        return "none"
    return "formal" if framework.kind in FORMAL_FRAMEWORK_KINDS else "other"


def _level_clusters(
    snapshot: StructureSnapshot, body_url: Callable[[Body], str], view: str
) -> list[str]:
    """One cluster per level, ranked bestuurlijk above tactisch above operationeel."""
    lines: list[str] = []
    present = [level for level in LEVEL_ORDER if snapshot.bodies_by_level.get(level)]
    # Levels outside LEVEL_ORDER (should not happen) are drawn after the known ones.
    present += [
        lv for lv, bodies in snapshot.bodies_by_level.items() if bodies and lv not in LEVEL_ORDER
    ]
    for level in present:
        style = LEVEL_STYLES.get(level, LEVEL_STYLES[Level.OPERATIONEEL])
        title = _kind_label(level, Level)
        lines.append(f"  subgraph cluster_{re.sub(r'[^a-z0-9_]', '_', level)} {{")
        lines.append(
            "    graph "
            + _attrs(
                label=dot_text(title),
                style="rounded,filled",
                fillcolor=style["cluster_fill"],
                color=style["cluster_border"],
                fontcolor=CLUSTER_FONTCOLOR,
                fontname=f"{FONT} Bold",
                fontsize="13",
                labeljust="l",
                margin="12",
                id=f"niveau-{level}",
            )
            + ";"
        )
        for body in snapshot.bodies_by_level[level]:
            lines.append(_node_line(body, body_url, view))
        lines.append("  }")

    # Keep the levels in order top to bottom: an invisible point between two consecutive
    # levels, below every body of the upper level and above every body of the lower level.
    for i, (upper, lower) in enumerate(zip(present, present[1:], strict=False)):
        sep = f"niveaugrens{i}"
        lines.append(f'  {sep} [shape="point", style="invis", width="0", height="0", label=""];')
        for body in snapshot.bodies_by_level[upper]:
            lines.append(f'  {_node_id(body)} -> {sep} [style="invis", weight="0"];')
        for body in snapshot.bodies_by_level[lower]:
            lines.append(f'  {sep} -> {_node_id(body)} [style="invis", weight="0"];')
    return lines


def structure_dot(
    snapshot: StructureSnapshot,
    *,
    body_url: Callable[[Body], str],
    edge_labels: bool = False,
    view: str = DEFAULT_VIEW,
) -> str:
    """DOT source of the structure diagram, by level (default) or by framework."""
    view = parse_view(view)
    lines = [
        "digraph structuur {",
        f'  graph [rankdir="TB", newrank="true", fontname="{FONT}", fontsize="13", '
        f'nodesep="0.35", ranksep="0.6", pad="0.15", bgcolor="white"];',
        f'  node [fontname="{FONT}", fontsize="11", margin="0.14,0.07", penwidth="1.2"];',
        f'  edge [fontname="{FONT}", fontsize="9", penwidth="1.3", arrowsize="0.8"];',
    ]
    if view == VIEW_FRAMEWORK:
        lines += _framework_clusters(snapshot, body_url, view)
    else:
        lines += _level_clusters(snapshot, body_url, view)

    for rel in snapshot.relations:
        spec = RELATION_STYLES.get(rel.kind, _FALLBACK_STYLE)
        tail, head = rel.source, rel.target
        direction, arrowhead, arrowtail = spec["dir"], spec["arrowhead"], "none"
        if direction == "both":
            arrowtail = arrowhead
        # An edge that points up (e.g. tactisch adviseert bestuurlijk) is written top-down
        # and drawn backwards, so that it does not pull the lower level above the upper one.
        if _level_rank(rel.source.level) > _level_rank(rel.target.level):
            tail, head = head, tail
            arrowhead, arrowtail = arrowtail, arrowhead
            direction = "both" if direction == "both" else "back"
        lines.append(
            f"  {_node_id(tail)} -> {_node_id(head)} "
            + _attrs(
                color=spec["colour"],
                style=spec["style"],
                arrowhead=arrowhead,
                arrowtail=arrowtail,
                dir=direction,
                tooltip=dot_text(relation_sentence(rel)),
                label=dot_text(spec["label"]) if edge_labels else None,
                fontcolor=TEXT_DARK if edge_labels else None,
                id=f"relatie-{rel.pk}",
            )
            + ";"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"
