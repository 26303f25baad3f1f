"""The DOT source, its styles and the legend (governance/diagram/dot.py)."""

import re
from datetime import date

import pytest

from governance.constants import BodyKind, RelationKind
from governance.diagram import dot
from governance.diagram.structure import structure_on
from tests.factories import BodyFactory
from tests.governance.diagram.support import MERGE_DAY, url_of

pytestmark = pytest.mark.django_db


def test_dot_escapes_user_text(region):
    nasty = 'Overleg "quotes" <script>alert(1)</script> a\\b \\N & co\nnieuwe regel'
    body = BodyFactory(region=region, name=nasty)
    snap = structure_on(region, date.today())
    source = dot.structure_dot(snap, body_url=lambda b: '/x/"y"?a=1&b=<2>')
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
    snap = structure_on(region, MERGE_DAY)
    source = dot.structure_dot(snap, body_url=url_of)
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
    return f'color="{dot.RELATION_STYLES[kind]["colour"]}"'


def test_wrap_label():
    assert dot.wrap_label("Regiegroep gedwongen zorg Wvggz en Wzd") == (
        "Regiegroep gedwongen\\nzorg Wvggz en Wzd"
    )
    assert dot.wrap_label('Kort "x"') == "Kort &quot;x&quot;"


def test_relation_styles_and_legend_cover_every_kind():
    assert set(dot.RELATION_STYLES) == set(RelationKind)
    legend = dot.legend_items()
    assert [item["kind"] for item in legend] == list(RelationKind.values)
    for item in legend:
        assert item["style"] in {"solid", "dashed", "dotted", "bold"}
        assert re.fullmatch(r"#[0-9a-f]{6}", item["colour"])
        assert item["label"]
        # Lines need 3:1 against the white background (WCAG 1.4.11).
        assert contrast(item["colour"], "#ffffff") >= 3
    # No two kinds look the same in colour, line style and arrowhead together.
    looks = {(s["colour"], s["style"], s["arrowhead"]) for s in dot.RELATION_STYLES.values()}
    assert len(looks) == len(RelationKind)


def test_node_text_contrast():
    for style in dot.LEVEL_STYLES.values():
        assert contrast(style["fontcolor"], style["fillcolor"]) >= 4.5
        assert contrast(dot.CLUSTER_FONTCOLOR, style["cluster_fill"]) >= 4.5


def contrast(a: str, b: str) -> float:
    def luminance(colour):
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
