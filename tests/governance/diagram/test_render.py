"""Drawing with Graphviz, the cleaned SVG, failures and the memo (governance/diagram/render.py)."""

import re
import subprocess
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from governance.constants import Level
from governance.diagram import render
from governance.diagram.structure import structure_on, structure_table
from tests.factories import BodyFactory
from tests.governance.diagram.support import MERGE_DAY, SVG, XLINK, needs_dot, url_of

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- SVG


@needs_dot
def test_svg_is_clean_accessible_xml(region, structure):
    snap = structure_on(region, MERGE_DAY)
    svg = render.structure_svg(snap, body_url=url_of)
    assert not svg.lstrip().startswith("<?xml")
    assert "<!DOCTYPE" not in svg and "<!--" not in svg
    assert "style=" not in svg and "<style" not in svg and "<script" not in svg
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert "width" not in root.attrib and "height" not in root.attrib
    assert root.get("viewBox")
    # A group, not an image: the links inside must stay reachable (axe: nested-interactive).
    assert root.get("role") == "group"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == desc.get("id")
    assert title.text == "Structuur van Testregio op 19 april 2022"
    assert desc.text == "4 gremia: 2 bestuurlijk, 1 tactisch, 1 operationeel; 2 relaties"
    # Every body is a link, with both href forms; the & in the URL is escaped in the markup.
    links = {a.get("href"): a for a in root.iter(f"{SVG}a") if a.get("href")}
    assert set(links) == {url_of(b) for b in snap.bodies}
    for href, a in links.items():
        assert a.get(f"{XLINK}href") == href
        assert a.get("target") == "_top"
    assert "?a=1&amp;b=2" in svg
    assert 'xmlns:xlink="http://www.w3.org/1999/xlink"' in svg
    assert "xlink:href=" in svg
    # Ids are prefixed and unique.
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert ids and all(i.startswith("zvd-") for i in ids)
    assert len(ids) == len(set(ids))
    # Node titles are readable, not Graphviz' internal names.
    titles = [t.text for t in root.iter(f"{SVG}title")]
    assert "Bestuurlijke netwerktafel (Bestuurlijke netwerktafel)" in titles
    assert not any(
        re.fullmatch(r"b\d+|b\d+->b\d+|cluster_\w+|niveaugrens\d+", t or "") for t in titles
    )
    # Bold cluster labels use a real font family plus a weight.
    assert 'font-family="DejaVu Sans Bold' not in svg
    text = "".join(root.itertext())
    assert "Stamtafel" in text and "Stuurgroep" not in text


@needs_dot
def test_svg_with_hostile_names_is_still_safe_xml(region):
    BodyFactory(
        region=region, name='Overleg "quotes" <script>alert(1)</script> a\\b \\N', short_name=""
    )
    BodyFactory(region=region, name="Werk & zorg &nbsp; &#x3c;b&#x3e;", level=Level.TACTISCH)
    snap = structure_on(region, date.today())
    svg = render.structure_svg(snap, body_url=lambda b: '/x/?q="<a>"&r=\\')
    root = ET.fromstring(svg)
    assert "<script" not in svg
    text = "".join(root.itertext())
    assert "<script>alert(1)</script>" in text  # as text, escaped in the markup
    assert "a\\b \\N" in text
    assert "Werk & zorg &nbsp; &#x3c;b&#x3e;" in text
    assert {a.get("href") for a in root.iter(f"{SVG}a") if a.get("href")} == {'/x/?q="<a>"&r=\\'}
    assert "style=" not in svg


def test_empty_structure_gives_small_svg(region, monkeypatch):
    monkeypatch.setattr(render.shutil, "which", lambda name: None)  # no dot needed
    snap = structure_on(region, date(2000, 1, 1))
    svg = render.structure_svg(snap, body_url=url_of)
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title") is not None
    assert "Geen gremia op deze datum" in "".join(root.itertext())
    assert structure_table(snap) == []
    assert "style=" not in svg


def test_clean_svg_converts_style_attributes():
    raw = (
        '<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<!-- comment -->'
        '<svg width="10pt" height="20pt" viewBox="0 0 10 20" '
        'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        "<style>text{fill:red}</style>"
        '<g id="graph0" class="graph"><title>g</title>'
        '<text style="fill: #123456; font-weight: bold; behavior: url(x)" onclick="x()">'
        'a</text><a xlink:href="javascript:alert(1)"><text>b</text></a>'
        '<a xlink:href="#graph0"><text>c</text></a></g></svg>'
    )
    svg = render.clean_svg(raw, title="T", desc="D")
    root = ET.fromstring(svg)
    assert "style" not in svg and "onclick" not in svg and "javascript:" not in svg
    text = root.find(f"{SVG}g/{SVG}text")
    assert text.get("fill") == "#123456" and text.get("font-weight") == "bold"
    hrefs = [a.get("href") for a in root.iter(f"{SVG}a")]
    assert hrefs == ["#", "#zvd-graph0"]
    assert root.find(f"{SVG}g").get("id") == "zvd-graph0"
    assert "width" not in root.attrib


# ---------------------------------------------------------------- failures


def test_dot_missing_raises_diagram_unavailable(region, structure, monkeypatch):
    monkeypatch.setattr(render.shutil, "which", lambda name: None)
    snap = structure_on(region, MERGE_DAY)
    with pytest.raises(render.DiagramUnavailable, match="Graphviz"):
        render.structure_svg(snap, body_url=url_of)


def test_dot_path_missing_executable(region, structure, monkeypatch):
    monkeypatch.setattr(render, "DOT_EXECUTABLE", "/nonexistent/graphviz/dot")
    snap = structure_on(region, MERGE_DAY)
    with pytest.raises(render.DiagramUnavailable):
        render.structure_svg(snap, body_url=url_of)


def test_dot_failure_and_timeout_raise(region, structure, monkeypatch):
    snap = structure_on(region, MERGE_DAY)
    monkeypatch.setattr(render.shutil, "which", lambda name: "/usr/bin/dot")
    calls = []

    def failing(args, **kwargs):
        calls.append((args, kwargs))
        return subprocess.CompletedProcess(args, 1, stdout=b"", stderr=b"Error: syntax")

    monkeypatch.setattr(render.subprocess, "run", failing)
    with pytest.raises(render.DiagramUnavailable, match="niet worden getekend"):
        render.structure_svg(snap, body_url=url_of)
    args, kwargs = calls[0]
    assert args == ["/usr/bin/dot", "-Tsvg"]
    assert kwargs["timeout"] == 20 and "shell" not in kwargs
    assert kwargs["input"].startswith(b"digraph")

    def slow(args, **kwargs):
        raise subprocess.TimeoutExpired(args, kwargs["timeout"])

    monkeypatch.setattr(render.subprocess, "run", slow)
    with pytest.raises(render.DiagramUnavailable, match="te lang"):
        render.structure_svg(snap, body_url=url_of)

    def garbage(args, **kwargs):
        return subprocess.CompletedProcess(args, 0, stdout=b"<svg><unclosed></svg>", stderr=b"")

    monkeypatch.setattr(render.subprocess, "run", garbage)
    with pytest.raises(render.DiagramUnavailable):
        render.structure_svg(snap, body_url=url_of)


# ---------------------------------------------------------------- memo of drawn diagrams


def _counting_dot(monkeypatch):
    calls = []
    real = render.subprocess.run

    def counting(args, **kwargs):
        calls.append(args)
        return real(args, **kwargs)

    monkeypatch.setattr(render.subprocess, "run", counting)
    return calls


@needs_dot
def test_same_structure_is_drawn_once(region, structure, monkeypatch):
    calls = _counting_dot(monkeypatch)
    first = render.structure_svg(structure_on(region, MERGE_DAY), body_url=url_of)
    again = render.structure_svg(structure_on(region, MERGE_DAY), body_url=url_of)
    assert again == first
    assert len(calls) == 1


@needs_dot
def test_a_change_or_another_date_draws_again(region, structure, monkeypatch):
    calls = _counting_dot(monkeypatch)
    render.structure_svg(structure_on(region, MERGE_DAY), body_url=url_of)
    render.structure_svg(structure_on(region, date(2021, 1, 1)), body_url=url_of)
    assert len(calls) == 2
    structure["aio"].name = "Hernoemd adviesoverleg"
    structure["aio"].save()
    svg = render.structure_svg(structure_on(region, MERGE_DAY), body_url=url_of)
    assert len(calls) == 3
    assert "Hernoemd adviesoverleg" in svg
    # another link target is another diagram too
    render.structure_svg(structure_on(region, MERGE_DAY), body_url=lambda b: "/x/")
    assert len(calls) == 4


def test_a_failed_drawing_is_not_kept(region, structure, monkeypatch):
    snap = structure_on(region, MERGE_DAY)
    monkeypatch.setattr(render.shutil, "which", lambda name: "/usr/bin/dot")
    answers = [
        subprocess.CompletedProcess([], 1, stdout=b"", stderr=b"Error"),
        subprocess.CompletedProcess([], 0, stdout=b'<svg viewBox="0 0 1 1"></svg>', stderr=b""),
    ]
    monkeypatch.setattr(render.subprocess, "run", lambda args, **kw: answers.pop(0))
    with pytest.raises(render.DiagramUnavailable):
        render.structure_svg(snap, body_url=url_of)
    assert len(render.svg_memo) == 0
    assert render.structure_svg(snap, body_url=url_of).startswith("<svg")
    assert len(render.svg_memo) == 1


def test_memo_keeps_the_most_recently_used():
    memo = render._SvgMemo(2)
    memo.put("a", "A")
    memo.put("b", "B")
    assert memo.get("a") == "A"  # a is now the most recent
    memo.put("c", "C")
    assert memo.get("b") is None and memo.get("a") == "A" and memo.get("c") == "C"
    assert memo.key("x", "y") != memo.key("xy", "") != memo.key("x", "y", "")
