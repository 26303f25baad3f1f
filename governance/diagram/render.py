"""Drawing the structure diagram: Graphviz, the memo of drawn diagrams, and SVG cleaning.

:func:`structure_svg` runs Graphviz ``dot -Tsvg`` (no shell, input on stdin, 20 s limit) and
cleans the result for inline use: no XML declaration, DOCTYPE or comments; no fixed size in
pt (the ``viewBox`` stays, so it scales); ``role="group"`` (see :data:`SVG_ROLE`) named by a
``<title>`` and described by a ``<desc>`` summary; ids prefixed with ``zvd-``; and no
``style`` attributes or ``<style>`` elements, because the Content-Security-Policy forbids
inline styles.

The SVG is a function of the DOT source, the title and the summary alone, so the last
:data:`SVG_MEMO_SIZE` results are kept per process (:class:`_SvgMemo`): the same structure
on the same date is drawn by Graphviz once, not on every page view. A change to the region
changes the source and therefore the key; nothing has to be invalidated. Failures are never
kept.
"""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
import subprocess
import threading
import xml.etree.ElementTree as ET
from collections import OrderedDict
from collections.abc import Callable
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from governance.diagram.dot import _BACKSLASH, FONT, TEXT_DARK, structure_dot
from governance.diagram.structure import (
    DEFAULT_VIEW,
    VIEW_FRAMEWORK,
    StructureSnapshot,
    parse_view,
    view_label,
)
from governance.models import Body

logger = logging.getLogger(__name__)

#: The Graphviz program; looked up on ``PATH`` with :func:`shutil.which` on every call.
DOT_EXECUTABLE = "dot"
DOT_TIMEOUT_SECONDS = 20
ID_PREFIX = "zvd-"

#: The role of the ``<svg>``. Not "img": an image's children are presentational, and the
#: diagram holds links (one per body), which axe-core reports as nested-interactive (serious)
#: even with tabindex="-1". A named group keeps the links and their tooltips reachable.
SVG_ROLE = "group"

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"


class DiagramUnavailable(Exception):
    """The diagram could not be drawn (Graphviz missing or failing); show the table only."""


def _diagram_title(snapshot: StructureSnapshot, view: str = DEFAULT_VIEW) -> str:
    title = _("Structuur van %(region)s op %(date)s") % {
        "region": snapshot.region.name,
        "date": date_format(snapshot.on, "j F Y"),
    }
    if parse_view(view) == VIEW_FRAMEWORK:
        return f"{title}, {view_label(view)}"
    return title


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


def structure_svg(
    snapshot: StructureSnapshot, *, body_url: Callable[[Body], str], view: str = DEFAULT_VIEW
) -> str:
    """Inline SVG markup of the structure diagram (cleaned, CSP-safe, accessible), by level
    (default) or by framework (``view``)."""
    view = parse_view(view)
    title = _diagram_title(snapshot, view)
    if snapshot.body_count == 0:
        return empty_svg(title, _("Geen gremia op deze datum"))
    source = structure_dot(snapshot, body_url=body_url, view=view)
    desc = snapshot.summary(view)
    # The view is part of the key in its own right (not only through the source it shapes).
    key = svg_memo.key(view, source, title, desc)
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
