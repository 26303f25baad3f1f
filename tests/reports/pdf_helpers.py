"""Open a PDF response and read what accessibility and content tests need.

Text comes from poppler's ``pdftotext`` (the test dependency the Makefile installs), structure
and metadata from pypdf.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject


@dataclass
class PdfFacts:
    text: str  # pdftotext -raw: content order, so a wrapped table cell stays together
    pages: int
    lang: str | None
    title: str | None
    author: str | None
    outline: list[str]
    tagged: bool
    figure_alts: list[str] = field(default_factory=list)
    structure_types: set[str] = field(default_factory=set)
    fonts: set[str] = field(default_factory=set)
    filename: str = ""


def _flatten(outline) -> list[str]:
    titles = []
    for entry in outline:
        if isinstance(entry, list):
            titles.extend(_flatten(entry))
        else:
            titles.append(str(entry.title))
    return titles


def _walk_structure(node, types: set[str], alts: list[str], seen: set[int]) -> None:
    if isinstance(node, IndirectObject):
        if node.idnum in seen:
            return
        seen.add(node.idnum)
        node = node.get_object()
    if isinstance(node, list):
        for child in node:
            _walk_structure(child, types, alts, seen)
        return
    if not isinstance(node, DictionaryObject):
        return
    kind = node.get("/S")
    if kind is not None:
        types.add(str(kind).lstrip("/"))
        if str(kind) == "/Figure" and "/Alt" in node:
            alts.append(str(node["/Alt"]))
    if "/K" in node:
        _walk_structure(node["/K"], types, alts, seen)


def pdf_text(data: bytes) -> str:
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext (poppler-utils) is missing: run make install"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.pdf"
        path.write_bytes(data)
        result = subprocess.run(
            [pdftotext, "-raw", "-enc", "UTF-8", str(path), "-"],
            check=True,
            capture_output=True,
        )
    return result.stdout.decode("utf-8")


def pdf_facts(response) -> PdfFacts:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    data = b"".join(response) if getattr(response, "streaming", False) else response.content
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    tagged = "/StructTreeRoot" in root and bool(root.get("/MarkInfo", {}).get("/Marked"))
    types: set[str] = set()
    alts: list[str] = []
    if "/StructTreeRoot" in root:
        _walk_structure(root["/StructTreeRoot"].get("/K"), types, alts, set())
    fonts = set()
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            fonts.add(str(font.get_object().get("/BaseFont")).split("+")[-1])
    disposition = response.get("Content-Disposition", "")
    filename = disposition.split("filename=")[-1].strip('"') if "filename=" in disposition else ""
    metadata = reader.metadata or {}
    return PdfFacts(
        text=pdf_text(data),
        pages=len(reader.pages),
        lang=str(root.get("/Lang")) if root.get("/Lang") is not None else None,
        title=metadata.get("/Title"),
        author=metadata.get("/Author"),
        outline=_flatten(reader.outline),
        tagged=tagged,
        figure_alts=alts,
        structure_types=types,
        fonts=fonts,
        filename=filename,
    )


def assert_accessible_pdf(facts: PdfFacts, *, title_contains: str = "") -> None:
    """What every report PDF must have (PDF/UA-1 as WeasyPrint makes it)."""
    assert facts.pages > 0
    assert facts.tagged, "no tagged structure (StructTreeRoot + MarkInfo)"
    assert {"Document", "H1"} <= facts.structure_types, facts.structure_types
    assert facts.lang == "nl"
    assert facts.title, "no document title"
    if title_contains:
        assert title_contains in facts.title, facts.title
    assert facts.author, "no author"
    assert facts.outline, "no bookmarks"
    assert "Inhoud" in facts.outline
    # Only the bundled font: the output does not depend on the machine's fonts.
    assert facts.fonts and all(name.startswith("Fira-Sans") for name in facts.fonts), facts.fonts
    # Every figure has a text equivalent.
    assert "Figure" not in facts.structure_types or len(facts.figure_alts) > 0
    assert all(alt.strip() for alt in facts.figure_alts)
