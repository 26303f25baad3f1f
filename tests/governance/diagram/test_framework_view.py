"""The diagram drawn by framework (kader): clusters per framework, bodies without one apart;
the choice on the structure page and in the printed overview; the memo keyed by the view."""

from datetime import date

import pytest
from django.urls import reverse

from governance.constants import FrameworkKind, Level
from governance.diagram import dot, render
from governance.diagram.structure import parse_view, structure_on, structure_table
from tests.factories import BodyFactory, FrameworkFactory, MembershipFactory, RelationFactory
from tests.governance.diagram.support import needs_dot

pytestmark = pytest.mark.django_db

DAY = date(2024, 6, 1)


@pytest.fixture
def framed(region, structure):
    """The diagram tests' structure with a GR around the Stamtafel and the BNT, and an informal
    network around the AIO; the casusoverleg stands in no framework."""
    gr = FrameworkFactory(
        region=region,
        name="GR Veiligheidsregio",
        kind=FrameworkKind.GR,
        source_document="Regeling 2019",
    )
    netwerk = FrameworkFactory(region=region, name="Netwerk Z&V <sterk>", kind="informeel_netwerk")
    for key in ("stamtafel", "new"):
        structure[key].framework = gr
        structure[key].save()
    structure["aio"].framework = netwerk
    structure["aio"].save()
    return {"gr": gr, "netwerk": netwerk, **structure}


def _url(region, **params):
    url = reverse("governance:structure", kwargs={"region": region.slug})
    if params:
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return url


@pytest.mark.parametrize(
    ("value", "view"),
    [
        ("kader", "kader"),
        ("niveau", "niveau"),
        (None, "niveau"),
        ("", "niveau"),
        ("KADER", "niveau"),
        ("kader'><script>", "niveau"),
        (["kader"], "niveau"),
    ],
)
def test_parse_view_falls_back_to_the_level_view(value, view):
    assert parse_view(value) == view


def test_snapshot_groups_bodies_by_framework(region, framed):
    snapshot = structure_on(region, DAY)
    groups = [
        (f.name if f else None, [b.name for b in bodies])
        for f, bodies in snapshot.bodies_by_framework
    ]
    assert groups == [
        # the formal line (a GR) first, then the other frameworks, then no framework
        ("GR Veiligheidsregio", ["Bestuurlijke netwerktafel", "Stamtafel zorg en veiligheid"]),
        ("Netwerk Z&V <sterk>", ["Advies- en implementatieoverleg"]),
        (None, ["Casusoverleg complexe casuïstiek"]),
    ]
    assert snapshot.summary("kader") == (
        "4 gremia in 2 kaders: GR Veiligheidsregio 2, Netwerk Z&V <sterk> 1, zonder kader 1; "
        "2 relaties"
    )
    rows = {r["name"]: r for r in structure_table(snapshot)}
    assert rows["Stamtafel zorg en veiligheid"]["framework_name"] == "GR Veiligheidsregio"
    assert rows["Stamtafel zorg en veiligheid"]["framework_kind_label"] == (
        "Gemeenschappelijke regeling"
    )
    assert rows["Casusoverleg complexe casuïstiek"]["framework_name"] == ""


def test_dot_source_has_a_cluster_per_framework_and_one_without(region, framed):
    snapshot = structure_on(region, DAY)
    source = dot.structure_dot(snapshot, body_url=lambda b: f"/g/{b.pk}/", view="kader")
    gr, netwerk = framed["gr"], framed["netwerk"]
    assert f"subgraph cluster_kader_{gr.pk} {{" in source
    assert f"subgraph cluster_kader_{netwerk.pk} {{" in source
    assert "subgraph cluster_kader_geen {" in source
    assert 'label="GR Veiligheidsregio\\n(gemeenschappelijke regeling)"' in source
    assert "Netwerk Z&amp;V &lt;sterk&gt;\\n(informeel netwerk)" in source  # user text escaped
    assert 'label="Zonder kader"' in source
    assert "cluster_bestuurlijk" not in source and "niveaugrens" not in source
    # the level, shown by the fill, is in the tooltip as words
    assert "(Advies- en implementatieoverleg, tactisch)" in source
    # the level view is what it was: no framework clusters
    level = dot.structure_dot(snapshot, body_url=lambda b: f"/g/{b.pk}/")
    assert "cluster_kader" not in level and "subgraph cluster_bestuurlijk {" in level
    assert dot.structure_dot(snapshot, body_url=lambda b: "", view="onzin") == dot.structure_dot(
        snapshot, body_url=lambda b: ""
    )


def test_memo_key_includes_the_view(region, framed, monkeypatch):
    drawn = []

    def fake_draw(source, *, title, desc):
        drawn.append((source, title, desc))
        return f"<svg>{len(drawn)}</svg>"

    monkeypatch.setattr(render, "_draw", fake_draw)
    render.svg_memo.clear()
    snapshot = structure_on(region, DAY)
    level = render.structure_svg(snapshot, body_url=lambda b: "")
    kader = render.structure_svg(snapshot, body_url=lambda b: "", view="kader")
    assert level != kader and len(drawn) == 2
    assert drawn[1][1].endswith(", per kader") and "in 2 kaders" in drawn[1][2]
    assert render.structure_svg(snapshot, body_url=lambda b: "", view="kader") == kader
    assert len(drawn) == 2  # the second framework drawing came from the memo
    key_level = render.svg_memo.key("niveau", "x", "t", "d")
    assert key_level != render.svg_memo.key("kader", "x", "t", "d")
    render.svg_memo.clear()


@needs_dot
def test_structure_page_switches_views(client, bestuurder, region, framed):
    client.force_login(bestuurder)
    html = client.get(_url(region)).content.decode()
    assert "Diagram per niveau" in html and 'id="zvd-kader-geen"' not in html
    assert f'href="{_url(region, weergave="kader")}"' in html
    assert '<a href="/regio/test/structuur/" aria-current="true">per niveau</a>' in html
    assert '<th scope="col">Kader</th>' in html and "GR Veiligheidsregio" in html

    html = client.get(_url(region, weergave="kader")).content.decode()
    assert "Diagram per kader" in html
    assert 'id="zvd-kader-geen"' in html and f'id="zvd-kader-{framed["gr"].pk}"' in html
    assert "Structuur van Testregio op" in html and ", per kader</title>" in html
    assert 'aria-current="true">per kader</a>' in html
    # the date form keeps the view, and the report link carries it
    assert '<input type="hidden" name="weergave" value="kader">' in html
    assert "/rapportages/structuur/?weergave=kader" in html

    html = client.get(_url(region, weergave="kader", datum="2021-06-01")).content.decode()
    assert "/rapportages/structuur/?stand=2021-06-01&amp;weergave=kader" in html
    assert 'href="/regio/test/structuur/?datum=2021-06-01"' in html  # back to per niveau


@pytest.mark.parametrize("value", ["onzin", "", "%00", "kader%27%3E", "1"])
def test_an_invalid_view_gives_the_default_view(client, bestuurder, region, framed, value):
    client.force_login(bestuurder)
    response = client.get(_url(region, weergave=value))
    assert response.status_code == 200
    assert "Diagram per niveau" in response.content.decode()


def test_structure_report_in_the_framework_view(client, bestuurder, region, framed):
    client.force_login(bestuurder)
    url = reverse("reports:structuur", kwargs={"region": region.slug})
    html = client.get(url + "?weergave=kader").content.decode()
    assert "Weergave: per kader." in html
    assert 'Structuuroverzicht</span><span class="report-title__subtitle">per kader' in html
    assert "GR Veiligheidsregio (gemeenschappelijke regeling)</strong> — Regeling 2019" in html
    assert "Netwerk Z&amp;V &lt;sterk&gt; (informeel netwerk)" in html
    assert 'value="kader" checked' in html.replace('type="radio" name="weergave" ', "") or (
        "checked" in html.split('value="kader"')[1][:80]
    )
    assert "/rapportages/structuur/pdf/?weergave=kader" in html

    html = client.get(url).content.decode()
    assert "Weergave: per niveau." in html and "Gremia per kader" not in html
    response = client.get(url + "?weergave=onzin")
    assert response.status_code == 200 and "Weergave: per niveau." in response.content.decode()


def _grow(region, n):
    frameworks = [
        FrameworkFactory(region=region, name=f"Kader {n}-{i}", kind=FrameworkKind.values[i % 5])
        for i in range(max(1, n // 3))
    ]
    bodies = [
        BodyFactory(
            region=region,
            framework=frameworks[i % len(frameworks)] if i % 4 else None,
            level=Level.values[i % 3],
        )
        for i in range(n)
    ]
    for i, body in enumerate(bodies):
        MembershipFactory(body=body)
        RelationFactory(source=body, target=bodies[(i + 1) % n])


#: Queries of the structure page, in both views, however large the region.
STRUCTURE_QUERIES = 10


@pytest.mark.parametrize("view", ["niveau", "kader"])
def test_structure_page_queries_do_not_grow(
    client, secretary, region, view, django_assert_max_num_queries
):
    client.force_login(secretary)
    counts = []
    for size in (3, 15):
        _grow(region, size)
        with django_assert_max_num_queries(STRUCTURE_QUERIES) as captured:
            response = client.get(_url(region, weergave=view))
        assert response.status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1], counts
