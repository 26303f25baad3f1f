"""The structure overview of a region as it was on a date: data, a Graphviz diagram, a table.

- :func:`structure_on` collects the bodies that existed on a day (``Body.valid_on``) and the
  relations valid on that day whose both ends existed then, in two queries.
- :func:`structure_dot` turns that snapshot into DOT source: one cluster per level, ranked
  bestuurlijk above tactisch above operationeel, a node per body (linked to its page), an edge
  per relation styled by :data:`RELATION_STYLES`. Edges carry no labels: the legend on the page
  (:func:`legend_items`) explains them, and every edge has a tooltip sentence.
- :func:`structure_svg` runs Graphviz ``dot -Tsvg`` (no shell, input on stdin, 20 s limit) and
  cleans the result for inline use: no XML declaration, DOCTYPE or comments; no fixed size in
  pt (the ``viewBox`` stays, so it scales); ``role="group"`` (see :data:`SVG_ROLE`) named by a
  ``<title>`` and described by a ``<desc>`` summary; ids prefixed with ``zvd-``; and no
  ``style`` attributes or ``<style>`` elements, because the Content-Security-Policy forbids
  inline styles.
- :func:`structure_table` gives the same information as table rows (the text equivalent).

The SVG is a function of the DOT source, the title and the summary alone, so the last
:data:`SVG_MEMO_SIZE` results are kept per process (:class:`_SvgMemo`): the same structure
on the same date is drawn by Graphviz once, not on every page view. A change to the region
changes the source and therefore the key; nothing has to be invalidated. Failures are never
kept.

User text reaches Graphviz only through :func:`dot_text`, which turns ``& " < >`` into XML
entities (Graphviz passes entities through to the SVG) and replaces backslashes by a
placeholder that is turned back into a backslash after layout, because Graphviz gives
backslashes a meaning (``\\N``, ``\\l``, ...) that differs per attribute and version.
"""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
import subprocess
import textwrap
import threading
import unicodedata
import xml.etree.ElementTree as ET
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from governance.constants import (
    BodyKind,
    BodyStatus,
    DecisionPower,
    Level,
    RelationKind,
)
from governance.models import Body, BodyRelation, Region

logger = logging.getLogger(__name__)

#: The Graphviz program; looked up on ``PATH`` with :func:`shutil.which` on every call.
DOT_EXECUTABLE = "dot"
DOT_TIMEOUT_SECONDS = 20
FONT = "DejaVu Sans"
WRAP_AT = 22
ID_PREFIX = "zvd-"

#: The role of the ``<svg>``. Not "img": an image's children are presentational, and the
#: diagram holds links (one per body), which axe-core reports as nested-interactive (serious)
#: even with tabindex="-1". A named group keeps the links and their tooltips reachable.
SVG_ROLE = "group"

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

LEVEL_ORDER: tuple[str, ...] = (Level.BESTUURLIJK, Level.TACTISCH, Level.OPERATIONEEL)

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


class DiagramUnavailable(Exception):
    """The diagram could not be drawn (Graphviz missing or failing); show the table only."""


@dataclass
class StructureSnapshot:
    """What existed in ``region`` on ``on``."""

    region: Region
    on: date
    bodies_by_level: dict[str, list[Body]] = field(default_factory=dict)
    relations: list[BodyRelation] = field(default_factory=list)

    @property
    def bodies(self) -> list[Body]:
        return [b for level in LEVEL_ORDER for b in self.bodies_by_level.get(level, [])]

    @property
    def body_count(self) -> int:
        return sum(len(v) for v in self.bodies_by_level.values())

    def summary(self) -> str:
        """One sentence for ``<desc>``: "12 gremia: 5 bestuurlijk, ...; 9 relaties"."""
        n = self.body_count
        parts = [
            f"{len(self.bodies_by_level.get(level, []))} {str(Level(level).label).lower()}"
            for level in LEVEL_ORDER
        ]
        bodies = _("1 gremium") if n == 1 else _("%(n)d gremia") % {"n": n}
        r = len(self.relations)
        relations = _("1 relatie") if r == 1 else _("%(n)d relaties") % {"n": r}
        return f"{bodies}: {', '.join(parts)}; {relations}"


# --------------------------------------------------------------------------- data


def _sort_key(text: str) -> tuple[str, str]:
    """Dutch-friendly ordering: case- and accent-insensitive, then exact."""
    folded = "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    ).casefold()
    return (folded, text)


def structure_on(region: Region, on: date) -> StructureSnapshot:
    """The bodies and relations of ``region`` on ``on``, in two queries."""
    bodies = list(Body.objects.filter(region=region).valid_on(on))
    by_level: dict[str, list[Body]] = {level: [] for level in LEVEL_ORDER}
    ids = set()
    for body in bodies:
        body.region = region  # no query per body for get_absolute_url()
        by_level.setdefault(body.level, []).append(body)
        ids.add(body.pk)
    for level_bodies in by_level.values():
        level_bodies.sort(key=lambda b: _sort_key(b.name))
    relations = [
        rel
        for rel in BodyRelation.objects.filter(source__region=region)
        .valid_on(on)
        .select_related("source", "target")
        if rel.source_id in ids and rel.target_id in ids
    ]
    for rel in relations:
        rel.source.region = region
        rel.target.region = region
    relations.sort(key=lambda r: (_sort_key(r.source.name), r.kind, _sort_key(r.target.name)))
    return StructureSnapshot(region=region, on=on, bodies_by_level=by_level, relations=relations)


def _kind_label(value: str, choices) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def relation_sentence(rel: BodyRelation) -> str:
    """ "Partnergroep bereidt voor Stuurgroep"."""
    return f"{rel.source.name} {_kind_label(rel.kind, RelationKind)} {rel.target.name}"


def structure_table(
    snapshot: StructureSnapshot, *, body_url: Callable[[Body], str] | None = None
) -> list[dict]:
    """The table equivalent of the diagram: one row per body, by level then name."""
    url = body_url or (lambda b: b.get_absolute_url())
    out: dict[int, list[str]] = {}
    into: dict[int, list[str]] = {}
    for rel in snapshot.relations:
        label = _kind_label(rel.kind, RelationKind)
        out.setdefault(rel.source_id, []).append(f"{label} → {rel.target.name}")
        into.setdefault(rel.target_id, []).append(f"{rel.source.name} {label}")
    rows = []
    for body in snapshot.bodies:
        dissolved_later = bool(body.dissolved_on and body.dissolved_on > snapshot.on)
        rows.append(
            {
                "body": body,
                "pk": body.pk,
                "url": url(body),
                "level": body.level,
                "level_label": _kind_label(body.level, Level),
                "name": body.name,
                "short_name": body.short_name,
                "kind": body.kind,
                "kind_label": _kind_label(body.kind, BodyKind),
                # On the chosen day the body existed, so it was active then; the current status
                # is given too (e.g. "Opgeheven" for a body dissolved since).
                "status": BodyStatus.ACTIEF.value,
                "status_label": str(BodyStatus.ACTIEF.label),
                "current_status": body.status,
                "current_status_label": _kind_label(body.status, BodyStatus),
                "dissolved_on": body.dissolved_on if dissolved_later else None,
                "decision_power": body.decision_power,
                "decision_power_label": _kind_label(body.decision_power, DecisionPower),
                "relations_out": out.get(body.pk, []),
                "relations_in": into.get(body.pk, []),
            }
        )
    return rows


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


def body_tooltip(body: Body) -> str:
    return f"{body.name} ({_kind_label(body.kind, BodyKind)})"


def structure_dot(
    snapshot: StructureSnapshot, *, body_url: Callable[[Body], str], edge_labels: bool = False
) -> str:
    """DOT source of the structure diagram."""
    lines = [
        "digraph structuur {",
        f'  graph [rankdir="TB", newrank="true", fontname="{FONT}", fontsize="13", '
        f'nodesep="0.35", ranksep="0.6", pad="0.15", bgcolor="white"];',
        f'  node [fontname="{FONT}", fontsize="11", margin="0.14,0.07", penwidth="1.2"];',
        f'  edge [fontname="{FONT}", fontsize="9", penwidth="1.3", arrowsize="0.8"];',
    ]
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
            lines.append(
                f"    {_node_id(body)} "
                + _attrs(
                    label=wrap_label(body.short_name or body.name),
                    tooltip=dot_text(body_tooltip(body)),
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


# --------------------------------------------------------------------------- SVG


def _diagram_title(snapshot: StructureSnapshot) -> str:
    return _("Structuur van %(region)s op %(date)s") % {
        "region": snapshot.region.name,
        "date": date_format(snapshot.on, "j F Y"),
    }


def _dot_path() -> str:
    path = shutil.which(DOT_EXECUTABLE)
    if not path:
        raise DiagramUnavailable(
            _(
                "Het diagram kan nu niet worden getekend: het programma Graphviz (dot) is niet "
                "gevonden. De tabel hieronder bevat dezelfde gegevens."
            )
        )
    return path


def run_dot(source: str) -> str:
    """SVG from DOT source, via ``dot -Tsvg``; :class:`DiagramUnavailable` on any failure."""
    failed = _(
        "Het diagram kan nu niet worden getekend. De tabel hieronder bevat dezelfde gegevens."
    )
    path = _dot_path()
    try:
        result = subprocess.run(  # fixed argument list, no shell
            [path, "-Tsvg"],
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=DOT_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        logger.warning("Graphviz dot took longer than %s s", DOT_TIMEOUT_SECONDS)
        raise DiagramUnavailable(
            _(
                "Het diagram kan nu niet worden getekend: het tekenen duurde te lang. De tabel "
                "hieronder bevat dezelfde gegevens."
            )
        ) from exc
    except OSError as exc:
        logger.warning("Graphviz dot could not be started: %s", exc)
        raise DiagramUnavailable(failed) from exc
    if result.returncode != 0 or not result.stdout.strip():
        logger.warning(
            "Graphviz dot failed (exit %s): %s",
            result.returncode,
            result.stderr.decode("utf-8", "replace")[:2000],
        )
        raise DiagramUnavailable(failed)
    return result.stdout.decode("utf-8", "replace")


#: Diagrams kept per process. A region's diagram is some tens of kB; a structure page or
#: report asks for one diagram per region and date.
SVG_MEMO_SIZE = 64


class _SvgMemo:
    """A small thread-safe LRU of finished SVG markup, keyed by a hash of its inputs."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def key(*parts: str) -> str:
        digest = hashlib.sha256()
        for part in parts:
            digest.update(part.encode("utf-8"))
            digest.update(b"\0")
        return digest.hexdigest()

    def get(self, key: str) -> str | None:
        with self._lock:
            svg = self._items.get(key)
            if svg is not None:
                self._items.move_to_end(key)
            return svg

    def put(self, key: str, svg: str) -> None:
        with self._lock:
            self._items[key] = svg
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


svg_memo = _SvgMemo(SVG_MEMO_SIZE)


def structure_svg(snapshot: StructureSnapshot, *, body_url: Callable[[Body], str]) -> str:
    """Inline SVG markup of the structure diagram (cleaned, CSP-safe, accessible)."""
    title = _diagram_title(snapshot)
    if snapshot.body_count == 0:
        return empty_svg(title, _("Geen gremia op deze datum"))
    source = structure_dot(snapshot, body_url=body_url)
    desc = snapshot.summary()
    key = svg_memo.key(source, title, desc)
    svg = svg_memo.get(key)
    if svg is None:
        svg = _draw(source, title=title, desc=desc)
        svg_memo.put(key, svg)
    return svg


def _draw(source: str, *, title: str, desc: str) -> str:
    raw = run_dot(source)
    try:
        return clean_svg(raw, title=title, desc=desc)
    except ET.ParseError as exc:
        logger.warning("Graphviz produced SVG that does not parse: %s", exc)
        raise DiagramUnavailable(
            _(
                "Het diagram kan nu niet worden getekend. De tabel hieronder bevat dezelfde "
                "gegevens."
            )
        ) from exc


def empty_svg(title: str, message: str) -> str:
    root = ET.Element(f"{{{SVG_NS}}}svg", {"viewBox": "0 0 360 60"})
    _add_title_desc(root, title, message, role="img")  # no links: a plain image
    ET.SubElement(
        root,
        f"{{{SVG_NS}}}rect",
        {
            "x": "1",
            "y": "1",
            "width": "358",
            "height": "58",
            "rx": "6",
            "fill": "#f5f5f5",
            "stroke": "#696969",
        },
    )
    text = ET.SubElement(
        root,
        f"{{{SVG_NS}}}text",
        {
            "x": "180",
            "y": "35",
            "text-anchor": "middle",
            "font-family": FONT,
            "font-size": "14",
            "fill": TEXT_DARK,
        },
    )
    text.text = message
    return serialize_svg(root)


def _add_title_desc(root: ET.Element, title: str, desc: str, *, role: str = SVG_ROLE) -> None:
    root.set("role", role)
    root.set("aria-labelledby", f"{ID_PREFIX}titel")
    root.set("aria-describedby", f"{ID_PREFIX}beschrijving")
    root.set("class", "structure-diagram")
    desc_el = ET.Element(f"{{{SVG_NS}}}desc", {"id": f"{ID_PREFIX}beschrijving"})
    desc_el.text = desc
    title_el = ET.Element(f"{{{SVG_NS}}}title", {"id": f"{ID_PREFIX}titel"})
    title_el.text = title
    root.insert(0, desc_el)
    root.insert(0, title_el)


# Presentation attributes a ``style`` declaration may be turned into; anything else is dropped.
_PRESENTATION = {
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "stroke-opacity",
    "stroke-linecap",
    "stroke-linejoin",
    "opacity",
    "font-family",
    "font-size",
    "font-weight",
    "font-style",
    "text-anchor",
    "text-decoration",
    "visibility",
    "display",
}
_SAFE_VALUE = re.compile(r"^[\w\s#.,%()+-]*$")
_XML_DECL = re.compile(r"<\?xml[^>]*\?>")
_DOCTYPE = re.compile(r"<!DOCTYPE[^>\[]*(\[[^\]]*\])?\s*>", re.IGNORECASE)
_URL_REF = re.compile(r"url\(#([^)]+)\)")
_DROP_ELEMENTS = {"script", "style", "foreignObject"}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _style_to_attributes(el: ET.Element) -> None:
    style = el.attrib.pop("style", None)
    if not style:
        return
    for declaration in style.split(";"):
        name, _sep, value = declaration.partition(":")
        name, value = name.strip().lower(), value.strip()
        if name in _PRESENTATION and value and _SAFE_VALUE.match(value) and name not in el.attrib:
            el.set(name, value)


def clean_svg(raw: str, *, title: str, desc: str) -> str:
    """Graphviz SVG → markup for inline use (see the module docstring)."""
    text = _DOCTYPE.sub("", _XML_DECL.sub("", raw))
    root = ET.fromstring(text)  # comments are dropped by the parser
    if _local(root.tag) != "svg":
        raise ET.ParseError("root element is not <svg>")
    for attr in ("width", "height"):
        root.attrib.pop(attr, None)
    # Bring back the backslashes that user text contained.
    for el in root.iter():
        if el.text:
            el.text = el.text.replace(_BACKSLASH, "\\")
        if el.tail:
            el.tail = el.tail.replace(_BACKSLASH, "\\")
        for key, value in list(el.attrib.items()):
            if _BACKSLASH in value:
                el.set(key, value.replace(_BACKSLASH, "\\"))
    _drop_unwanted(root)
    _retitle(root)
    for el in root.iter():
        _style_to_attributes(el)
        _font_fallback(el)
        for key in list(el.attrib):
            if _local(key).lower().startswith("on"):
                del el.attrib[key]
        if "id" in el.attrib:
            el.set("id", ID_PREFIX + el.attrib["id"])
        for key, value in list(el.attrib.items()):
            if "url(#" in value:
                el.set(key, _URL_REF.sub(lambda m: f"url(#{ID_PREFIX}{m.group(1)})", value))
        if _local(el.tag) == "a":
            href = el.get(f"{{{XLINK_NS}}}href") or el.get("href")
            if href:
                if href.startswith("#"):
                    href = "#" + ID_PREFIX + href[1:]
                if href.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                    href = "#"
                el.set(f"{{{XLINK_NS}}}href", href)
                el.set("href", href)
    _add_title_desc(root, title, desc)
    return serialize_svg(root)


def _font_fallback(el: ET.Element) -> None:
    """Graphviz writes the font name as the family ("DejaVu Sans Bold"); browsers need the
    family plus a weight, and a generic fallback."""
    family = el.get("font-family")
    if not family:
        return
    first = family.split(",")[0].strip()
    for suffix, attr, value in (
        (" Italic", "font-style", "italic"),
        (" Oblique", "font-style", "oblique"),
        (" Bold", "font-weight", "bold"),
    ):
        if first.endswith(suffix):
            first = first[: -len(suffix)]
            el.set(attr, value)
    el.set("font-family", f"{first}, Verdana, sans-serif")


def _drop_unwanted(root: ET.Element) -> None:
    """Remove scripts/styles and the empty groups of invisible nodes and edges."""
    for parent in list(root.iter()):
        for child in list(parent):
            name = _local(child.tag)
            if name in _DROP_ELEMENTS:
                parent.remove(child)
            elif (
                name == "g"
                and child.get("class") in ("node", "edge")
                and all(_local(c.tag) == "title" for c in child)
            ):
                parent.remove(child)


def _retitle(root: ET.Element) -> None:
    """Replace Graphviz' internal names in ``<title>`` (b12, b1->b3, cluster_x) by text."""
    for group in root.iter(f"{{{SVG_NS}}}g"):
        cls = group.get("class", "")
        title = group.find(f"{{{SVG_NS}}}title")
        if title is None:
            continue
        if cls == "graph":
            group.remove(title)
            continue
        tooltip = None
        for a in group.iter(f"{{{SVG_NS}}}a"):
            tooltip = a.get(f"{{{XLINK_NS}}}title")
            if tooltip:
                break
        if not tooltip and cls == "cluster":
            tooltip = " ".join("".join(t.itertext()) for t in group.iter(f"{{{SVG_NS}}}text"))
        if tooltip:
            title.text = tooltip
        elif cls in ("node", "edge", "cluster"):
            group.remove(title)


def _attr_name(key: str) -> str:
    if key.startswith(f"{{{XLINK_NS}}}"):
        return "xlink:" + _local(key)
    if key.startswith("{http://www.w3.org/XML/1998/namespace}"):
        return "xml:" + _local(key)
    return _local(key)


def serialize_svg(root: ET.Element) -> str:
    """Serialise with the SVG default namespace and the ``xlink:`` prefix (the HTML parser
    only understands that prefix), and no XML declaration."""
    out: list[str] = []

    def write(el: ET.Element, is_root: bool) -> None:
        name = _local(el.tag)
        attrs = []
        if is_root:
            attrs.append(f'xmlns="{SVG_NS}"')
            attrs.append(f'xmlns:xlink="{XLINK_NS}"')
        for key, value in el.attrib.items():
            if key.startswith("xmlns"):
                continue
            attrs.append(f"{_attr_name(key)}={quoteattr(value)}")
        out.append(f"<{name}" + ("" if not attrs else " " + " ".join(attrs)))
        children = list(el)
        if not children and not el.text:
            out.append("/>")
        else:
            out.append(">")
            if el.text:
                out.append(xml_escape(el.text))
            for child in children:
                write(child, False)
            out.append(f"</{name}>")
        if el.tail and not is_root:
            out.append(xml_escape(el.tail))

    write(root, True)
    return "".join(out)
