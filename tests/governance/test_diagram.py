"""The structure overview diagram "as it was on a date" (governance/diagram.py)."""

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from governance import diagram
from governance.constants import BodyKind, BodyStatus, DecisionPower, Level, RelationKind
from tests.factories import BodyFactory, RelationFactory

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
MERGE_DAY = date(2022, 4, 19)
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot not installed")


def url_of(body):
    return f"/test/gremia/{body.pk}/?a=1&b=2"


@pytest.fixture
def structure(region):
    """Bodies on all levels, a merge on 2022-04-19 and relations with periods."""
    stamtafel = BodyFactory(
        region=region,
        name="Stamtafel zorg en veiligheid",
        short_name="Stamtafel",
        kind=BodyKind.STAMTAFEL,
        established_on=date(2020, 1, 1),
    )
    old = BodyFactory(
        region=region,
        name="Stuurgroep Zorg- en Veiligheidshuis",
        kind=BodyKind.STUURGROEP,
        established_on=date(2018, 1, 1),
        status=BodyStatus.OPGEHEVEN,
        dissolved_on=MERGE_DAY,
    )
    new = BodyFactory(
        region=region,
        name="Bestuurlijke netwerktafel",
        short_name="BNT",
        kind=BodyKind.BNT,
        established_on=MERGE_DAY,
        decision_power=DecisionPower.BESLUITVORMEND,
    )
    aio = BodyFactory(
        region=region,
        name="Advies- en implementatieoverleg",
        short_name="AIO",
        kind=BodyKind.ADVIESOVERLEG,
        level=Level.TACTISCH,
    )
    casus = BodyFactory(
        region=region,
        name="Casusoverleg complexe casuïstiek",
        kind=BodyKind.UITVOERINGSOVERLEG,
        level=Level.OPERATIONEEL,
    )
    proposed = BodyFactory(
        region=region,
        name="Voorgesteld overleg",
        status=BodyStatus.VOORGESTELD,
        level=Level.TACTISCH,
    )
    rels = {
        "merge": RelationFactory(
            source=old, target=new, kind=RelationKind.GAAT_OP_IN, valid_from=MERGE_DAY
        ),
        "aio_old": RelationFactory(
            source=aio, target=old, kind=RelationKind.BEREIDT_VOOR, valid_to=MERGE_DAY
        ),
        "aio_new": RelationFactory(
            source=aio, target=new, kind=RelationKind.BEREIDT_VOOR, valid_from=MERGE_DAY
        ),
        "aio_stam": RelationFactory(source=aio, target=stamtafel, kind=RelationKind.ADVISEERT),
        "casus_aio": RelationFactory(
            source=casus,
            target=aio,
            kind=RelationKind.VERANTWOORDING,
            valid_from=date(2021, 1, 1),
            valid_to=date(2021, 6, 1),
        ),
        "to_proposed": RelationFactory(
            source=stamtafel, target=proposed, kind=RelationKind.OPDRACHT
        ),
    }
    return {
        "stamtafel": stamtafel,
        "old": old,
        "new": new,
        "aio": aio,
        "casus": casus,
        "proposed": proposed,
        **rels,
    }


def names(snapshot):
    return {b.name for b in snapshot.bodies}


# ---------------------------------------------------------------- snapshot


def test_merge_day_switches_old_for_new(region, structure):
    before = diagram.structure_on(region, date(2022, 4, 18))
    after = diagram.structure_on(region, MERGE_DAY)
    assert structure["old"].name in names(before)
    assert structure["new"].name not in names(before)
    assert structure["old"].name not in names(after)
    assert structure["new"].name in names(after)
    # The merge relation itself never has both ends on one day.
    assert structure["merge"] not in before.relations + after.relations


def test_bodies_grouped_by_level_in_order_and_sorted(region, structure):
    snap = diagram.structure_on(region, MERGE_DAY)
    assert list(snap.bodies_by_level) == ["bestuurlijk", "tactisch", "operationeel"]
    assert [b.name for b in snap.bodies_by_level["bestuurlijk"]] == [
        "Bestuurlijke netwerktafel",
        "Stamtafel zorg en veiligheid",
    ]
    assert [b.name for b in snap.bodies_by_level["tactisch"]] == [
        "Advies- en implementatieoverleg"  # the proposed body never existed
    ]
    assert snap.summary() == "4 gremia: 2 bestuurlijk, 1 tactisch, 1 operationeel; 2 relaties"


def test_relations_filtered_by_date_and_by_both_ends(region, structure, other_region):
    on_2021 = diagram.structure_on(region, date(2021, 3, 1))
    assert set(on_2021.relations) == {
        structure["aio_old"],
        structure["aio_stam"],
        structure["casus_aio"],
    }
    before = diagram.structure_on(region, date(2022, 4, 18))
    assert set(before.relations) == {structure["aio_old"], structure["aio_stam"]}
    after = diagram.structure_on(region, MERGE_DAY)
    assert set(after.relations) == {structure["aio_new"], structure["aio_stam"]}
    # A relation to a proposed body is left out, and so are other regions' relations.
    RelationFactory(
        source=BodyFactory(region=other_region), target=BodyFactory(region=other_region)
    )
    assert structure["to_proposed"] not in diagram.structure_on(region, MERGE_DAY).relations
    assert len(diagram.structure_on(region, MERGE_DAY).relations) == 2


def test_table_rows(region, structure):
    snap = diagram.structure_on(region, date(2022, 4, 18))
    rows = diagram.structure_table(snap)
    assert [(r["level"], r["name"]) for r in rows] == [
        ("bestuurlijk", "Stamtafel zorg en veiligheid"),
        ("bestuurlijk", "Stuurgroep Zorg- en Veiligheidshuis"),
        ("tactisch", "Advies- en implementatieoverleg"),
        ("operationeel", "Casusoverleg complexe casuïstiek"),
    ]
    aio = rows[2]
    assert aio["level_label"] == "Tactisch"
    assert aio["kind_label"] == "Advies- en implementatieoverleg"
    assert aio["decision_power_label"] == "Afstemmend (geen besluitvorming)"
    assert aio["relations_out"] == [
        "adviseert → Stamtafel zorg en veiligheid",
        "bereidt voor → Stuurgroep Zorg- en Veiligheidshuis",
    ]
    assert aio["url"] == structure["aio"].get_absolute_url()
    old = rows[1]
    assert old["relations_in"] == ["Advies- en implementatieoverleg bereidt voor"]
    assert old["status"] == "actief"  # it existed on that day
    assert old["current_status_label"] == "Opgeheven"
    assert old["dissolved_on"] == MERGE_DAY


@pytest.mark.parametrize("size", [3, 40])
def test_structure_on_query_count_is_bounded(region, size, django_assert_max_num_queries):
    bodies = [
        BodyFactory(
            region=region, level=[Level.BESTUURLIJK, Level.TACTISCH, Level.OPERATIONEEL][i % 3]
        )
        for i in range(size)
    ]
    for i, body in enumerate(bodies):
        RelationFactory(source=body, target=bodies[(i + 1) % size])
    region.refresh_from_db()
    with django_assert_max_num_queries(2):
        snap = diagram.structure_on(region, date.today())
        rows = diagram.structure_table(snap)  # urls need the region: no extra query
        diagram.structure_dot(snap, body_url=lambda b: b.get_absolute_url())
    assert snap.body_count == size
    assert len(snap.relations) == size
    assert len(rows) == size


# ---------------------------------------------------------------- DOT


def test_dot_escapes_user_text(region):
    nasty = 'Overleg "quotes" <script>alert(1)</script> a\\b \\N & co\nnieuwe regel'
    body = BodyFactory(region=region, name=nasty)
    snap = diagram.structure_on(region, date.today())
    source = diagram.structure_dot(snap, body_url=lambda b: '/x/"y"?a=1&b=<2>')
    node_line = next(line for line in source.splitlines() if f"b{body.pk} [" in line)
    # Every double quote inside the attribute list delimits a value: no stray quotes.
    assert "<script>" not in node_line
    assert "&lt;script&gt;" in node_line
    assert "&quot;quotes&quot;" in node_line
    assert "\\N" not in node_line and "a\\b" not in node_line
    assert "\n" not in node_line
    assert 'URL="/x/&quot;y&quot;?a=1&amp;b=&lt;2&gt;"' in node_line
    assert re.fullmatch(r'\s*b\d+ \[(\w+="[^"]*"(, )?)+\];', node_line)


def test_dot_structure_clusters_and_styles(region, structure):
    snap = diagram.structure_on(region, MERGE_DAY)
    source = diagram.structure_dot(snap, body_url=url_of)
    for level, label in (
        ("bestuurlijk", "Bestuurlijk"),
        ("tactisch", "Tactisch"),
        ("operationeel", "Operationeel"),
    ):
        assert f"subgraph cluster_{level} {{" in source
        assert f'label="{label}"' in source
    assert (
        source.index("cluster_bestuurlijk")
        < source.index("cluster_tactisch")
        < (source.index("cluster_operationeel"))
    )
    assert 'fontname="DejaVu Sans"' in source
    assert 'target="_top"' in source
    assert f'tooltip="Bestuurlijke netwerktafel ({BodyKind.BNT.label})"' in source
    # Long names wrap; short names are used when present.
    assert 'label="Advies- en implementatieoverleg"' not in source
    assert 'label="AIO"' in source
    # An upward relation (tactisch adviseert bestuurlijk) is written downwards, drawn back.
    aio, stam = structure["aio"], structure["stamtafel"]
    assert re.search(rf'b{stam.pk} -> b{aio.pk} \[[^\]]*dir="back"', source)
    assert relation_colour(RelationKind.ADVISEERT) in source


def relation_colour(kind):
    return f'color="{diagram.RELATION_STYLES[kind]["colour"]}"'


def test_wrap_label():
    assert diagram.wrap_label("Regiegroep gedwongen zorg Wvggz en Wzd") == (
        "Regiegroep gedwongen\\nzorg Wvggz en Wzd"
    )
    assert diagram.wrap_label('Kort "x"') == "Kort &quot;x&quot;"


def test_relation_styles_and_legend_cover_every_kind():
    assert set(diagram.RELATION_STYLES) == set(RelationKind)
    legend = diagram.legend_items()
    assert [item["kind"] for item in legend] == list(RelationKind.values)
    for item in legend:
        assert item["style"] in {"solid", "dashed", "dotted", "bold"}
        assert re.fullmatch(r"#[0-9a-f]{6}", item["colour"])
        assert item["label"]
        # Lines need 3:1 against the white background (WCAG 1.4.11).
        assert contrast(item["colour"], "#ffffff") >= 3
    # No two kinds look the same in colour, line style and arrowhead together.
    looks = {(s["colour"], s["style"], s["arrowhead"]) for s in diagram.RELATION_STYLES.values()}
    assert len(looks) == len(RelationKind)


def test_node_text_contrast():
    for style in diagram.LEVEL_STYLES.values():
        assert contrast(style["fontcolor"], style["fillcolor"]) >= 4.5
        assert contrast(diagram.CLUSTER_FONTCOLOR, style["cluster_fill"]) >= 4.5


def contrast(a: str, b: str) -> float:
    def luminance(colour):
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


# ---------------------------------------------------------------- SVG


@needs_dot
def test_svg_is_clean_accessible_xml(region, structure):
    snap = diagram.structure_on(region, MERGE_DAY)
    svg = diagram.structure_svg(snap, body_url=url_of)
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
    snap = diagram.structure_on(region, date.today())
    svg = diagram.structure_svg(snap, body_url=lambda b: '/x/?q="<a>"&r=\\')
    root = ET.fromstring(svg)
    assert "<script" not in svg
    text = "".join(root.itertext())
    assert "<script>alert(1)</script>" in text  # as text, escaped in the markup
    assert "a\\b \\N" in text
    assert "Werk & zorg &nbsp; &#x3c;b&#x3e;" in text
    assert {a.get("href") for a in root.iter(f"{SVG}a") if a.get("href")} == {'/x/?q="<a>"&r=\\'}
    assert "style=" not in svg


def test_empty_structure_gives_small_svg(region, monkeypatch):
    monkeypatch.setattr(diagram.shutil, "which", lambda name: None)  # no dot needed
    snap = diagram.structure_on(region, date(2000, 1, 1))
    svg = diagram.structure_svg(snap, body_url=url_of)
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title") is not None
    assert "Geen gremia op deze datum" in "".join(root.itertext())
    assert diagram.structure_table(snap) == []
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
    svg = diagram.clean_svg(raw, title="T", desc="D")
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
    monkeypatch.setattr(diagram.shutil, "which", lambda name: None)
    snap = diagram.structure_on(region, MERGE_DAY)
    with pytest.raises(diagram.DiagramUnavailable, match="Graphviz"):
        diagram.structure_svg(snap, body_url=url_of)


def test_dot_path_missing_executable(region, structure, monkeypatch):
    monkeypatch.setattr(diagram, "DOT_EXECUTABLE", "/nonexistent/graphviz/dot")
    snap = diagram.structure_on(region, MERGE_DAY)
    with pytest.raises(diagram.DiagramUnavailable):
        diagram.structure_svg(snap, body_url=url_of)


def test_dot_failure_and_timeout_raise(region, structure, monkeypatch):
    snap = diagram.structure_on(region, MERGE_DAY)
    monkeypatch.setattr(diagram.shutil, "which", lambda name: "/usr/bin/dot")
    calls = []

    def failing(args, **kwargs):
        calls.append((args, kwargs))
        return subprocess.CompletedProcess(args, 1, stdout=b"", stderr=b"Error: syntax")

    monkeypatch.setattr(diagram.subprocess, "run", failing)
    with pytest.raises(diagram.DiagramUnavailable, match="niet worden getekend"):
        diagram.structure_svg(snap, body_url=url_of)
    args, kwargs = calls[0]
    assert args == ["/usr/bin/dot", "-Tsvg"]
    assert kwargs["timeout"] == 20 and "shell" not in kwargs
    assert kwargs["input"].startswith(b"digraph")

    def slow(args, **kwargs):
        raise subprocess.TimeoutExpired(args, kwargs["timeout"])

    monkeypatch.setattr(diagram.subprocess, "run", slow)
    with pytest.raises(diagram.DiagramUnavailable, match="te lang"):
        diagram.structure_svg(snap, body_url=url_of)

    def garbage(args, **kwargs):
        return subprocess.CompletedProcess(args, 0, stdout=b"<svg><unclosed></svg>", stderr=b"")

    monkeypatch.setattr(diagram.subprocess, "run", garbage)
    with pytest.raises(diagram.DiagramUnavailable):
        diagram.structure_svg(snap, body_url=url_of)


# ---------------------------------------------------------------- memo of drawn diagrams


def _counting_dot(monkeypatch):
    calls = []
    real = diagram.subprocess.run

    def counting(args, **kwargs):
        calls.append(args)
        return real(args, **kwargs)

    monkeypatch.setattr(diagram.subprocess, "run", counting)
    return calls


@needs_dot
def test_same_structure_is_drawn_once(region, structure, monkeypatch):
    calls = _counting_dot(monkeypatch)
    first = diagram.structure_svg(diagram.structure_on(region, MERGE_DAY), body_url=url_of)
    again = diagram.structure_svg(diagram.structure_on(region, MERGE_DAY), body_url=url_of)
    assert again == first
    assert len(calls) == 1


@needs_dot
def test_a_change_or_another_date_draws_again(region, structure, monkeypatch):
    calls = _counting_dot(monkeypatch)
    diagram.structure_svg(diagram.structure_on(region, MERGE_DAY), body_url=url_of)
    diagram.structure_svg(diagram.structure_on(region, date(2021, 1, 1)), body_url=url_of)
    assert len(calls) == 2
    structure["aio"].name = "Hernoemd adviesoverleg"
    structure["aio"].save()
    svg = diagram.structure_svg(diagram.structure_on(region, MERGE_DAY), body_url=url_of)
    assert len(calls) == 3
    assert "Hernoemd adviesoverleg" in svg
    # another link target is another diagram too
    diagram.structure_svg(diagram.structure_on(region, MERGE_DAY), body_url=lambda b: "/x/")
    assert len(calls) == 4


def test_a_failed_drawing_is_not_kept(region, structure, monkeypatch):
    snap = diagram.structure_on(region, MERGE_DAY)
    monkeypatch.setattr(diagram.shutil, "which", lambda name: "/usr/bin/dot")
    answers = [
        subprocess.CompletedProcess([], 1, stdout=b"", stderr=b"Error"),
        subprocess.CompletedProcess([], 0, stdout=b'<svg viewBox="0 0 1 1"></svg>', stderr=b""),
    ]
    monkeypatch.setattr(diagram.subprocess, "run", lambda args, **kw: answers.pop(0))
    with pytest.raises(diagram.DiagramUnavailable):
        diagram.structure_svg(snap, body_url=url_of)
    assert len(diagram.svg_memo) == 0
    assert diagram.structure_svg(snap, body_url=url_of).startswith("<svg")
    assert len(diagram.svg_memo) == 1


def test_memo_keeps_the_most_recently_used():
    memo = diagram._SvgMemo(2)
    memo.put("a", "A")
    memo.put("b", "B")
    assert memo.get("a") == "A"  # a is now the most recent
    memo.put("c", "C")
    assert memo.get("b") is None and memo.get("a") == "A" and memo.get("c") == "C"
    assert memo.key("x", "y") != memo.key("xy", "") != memo.key("x", "y", "")
