"""Report 3, the Structuuroverzicht (reports/selectors/structure.py, structure_body.html).

One region with a structure that changed between ``PAST`` and today: a body dissolved and a
body established in between, a membership and a relation that ended, a mandate that started. The
report "stand per PAST" must show the structure of that day and "stand per today" the current
one — in the diagram, the tables and the structure check findings.
"""

from __future__ import annotations

import re
import shutil
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from dashboard.reports.selectors.structure import SECTIONS, structure_report
from governance.constants import (
    BodyKind,
    BodyStatus,
    DecisionPower,
    LegalBasisKind,
    Level,
    MembershipRole,
    Office,
    Power,
    RelationKind,
)
from governance.diagram import dot, render
from tests.factories import (
    BodyFactory,
    MandateFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    PersonFactory,
    RelationFactory,
    any_theme,
)
from tests.reports.pdf_helpers import assert_accessible_pdf, pdf_facts

pytestmark = pytest.mark.django_db

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot not installed")

TODAY = timezone.localdate()
PAST = TODAY - timedelta(days=400)
CHANGE = TODAY - timedelta(days=200)  # between PAST and today
LONG_AGO = TODAY - timedelta(days=3000)
SECTION_TITLES = [s.title for s in SECTIONS]


def url(region, name="structuur", **query) -> str:
    base = reverse(f"reports:{name}", kwargs={"region": region.slug})
    if query:
        base += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return base


@pytest.fixture
def world(region):
    oost = MunicipalityFactory(region=region, name="Oostdorp")
    ggz = OrganisationFactory(region=region, name="GGZ Rivierland")
    stamtafel = BodyFactory(
        region=region,
        name="Stamtafel zorg en veiligheid",
        short_name="Stamtafel",
        kind=BodyKind.STAMTAFEL,
        level=Level.BESTUURLIJK,
        decision_power=DecisionPower.BESLUITVORMEND,
        meeting_frequency_per_year=6,
        legal_basis_kind=LegalBasisKind.CONVENANT,
        legal_basis_reference="Convenant Zorg en Veiligheid 2020",
        established_on=LONG_AGO,
    )
    old_group = BodyFactory(
        region=region,
        name="Stuurgroep Veiligheidshuis",
        kind=BodyKind.STUURGROEP,
        level=Level.BESTUURLIJK,
        established_on=LONG_AGO,
        status=BodyStatus.OPGEHEVEN,
        dissolved_on=CHANGE,
    )
    bnt = BodyFactory(
        region=region,
        name="Bestuurlijke netwerktafel",
        short_name="BNT",
        kind=BodyKind.BNT,
        established_on=CHANGE,
    )
    aio = BodyFactory(
        region=region,
        name="Advies- & implementatieoverleg <AIO>",
        kind=BodyKind.ADVIESOVERLEG,
        level=Level.TACTISCH,
        decision_power=DecisionPower.ADVISEREND,
        meeting_frequency_per_year=10,
        established_on=LONG_AGO,
    )
    mayor = PersonFactory(
        region=region,
        name="Anna de Vries",
        function="Burgemeester van Oostdorp",
        office=Office.BURGEMEESTER,
    )
    alderman = PersonFactory(
        region=region, name="Bram Jansen", function="Wethouder zorg", office=Office.WETHOUDER
    )
    secretary_person = PersonFactory(
        region=region,
        name="Carla <i>Smit</i>",
        function="Netwerksecretaris",
        office=Office.AMBTELIJK,
        organisation=ggz,
    )
    MembershipFactory(
        body=stamtafel, person=mayor, role=MembershipRole.VOORZITTER, municipality=oost
    )
    MembershipFactory(
        body=stamtafel, person=alderman, role=MembershipRole.LID, end=CHANGE
    )  # left in between
    MembershipFactory(
        body=stamtafel, person=secretary_person, role=MembershipRole.NETWERKSECRETARIS
    )
    MembershipFactory(body=old_group, person=alderman, role=MembershipRole.VOORZITTER)
    MembershipFactory(body=bnt, person=alderman, role=MembershipRole.VOORZITTER)
    MembershipFactory(body=aio, person=None, organisation=ggz, role=MembershipRole.LID)
    MandateFactory(
        body=stamtafel,
        power=Power.BESLUITEN,
        subject="Regionale aanpak personen met verward gedrag",
        theme=any_theme(),
        source_document="Convenant 2020",
    )
    MandateFactory(body=aio, power=Power.ADVISEREN, subject="Uitvoering", valid_from=CHANGE)
    # The advice relation started in between: on PAST the AIO advised nobody.
    RelationFactory(
        source=aio,
        target=stamtafel,
        kind=RelationKind.ADVISEERT,
        note="Advies over de uitvoering",
        valid_from=CHANGE,
    )
    RelationFactory(
        source=old_group,
        target=stamtafel,
        kind=RelationKind.VERANTWOORDING,
        valid_to=CHANGE,
        note="Jaarverslag",
    )
    return {
        "stamtafel": stamtafel,
        "old_group": old_group,
        "bnt": bnt,
        "aio": aio,
        "oost": oost,
    }


# --- the selector ----------------------------------------------------------------------------


def by_name(ctx) -> dict:
    return {b.row["name"]: b for b in ctx["bodies"]}


def test_sections_in_template_order(region, world):
    ctx = structure_report(region, stand=TODAY, sinds=TODAY - timedelta(days=90), user=None)
    assert [s.id for s in ctx["sections"]] == [
        "structuur-diagram",
        "structuur-gremia",
        "structuur-relaties",
        "structuur-bevindingen",
    ]
    from django.template.loader import get_template

    source = get_template("reports/structure_body.html").template.source
    positions = [source.index(f'id="{s.id}"') for s in ctx["sections"]]
    assert positions == sorted(positions)
    for s in ctx["sections"]:
        assert f'id="{s.id}-kop">{s.title}</h2>' in source


def test_bodies_mandates_and_members_today(region, world):
    ctx = structure_report(region, stand=TODAY, sinds=PAST, user=None)
    bodies = by_name(ctx)
    assert set(bodies) == {
        "Stamtafel zorg en veiligheid",
        "Bestuurlijke netwerktafel",
        "Advies- & implementatieoverleg <AIO>",
    }
    # By level: bestuurlijk before tactisch.
    assert [b.row["level"] for b in ctx["bodies"]] == ["bestuurlijk", "bestuurlijk", "tactisch"]
    stam = bodies["Stamtafel zorg en veiligheid"]
    assert stam.row["kind_label"] == "Stamtafel"
    assert stam.row["level_label"] == "Bestuurlijk"
    assert stam.row["decision_power_label"] == "Besluitvormend"
    assert stam.meeting_frequency == 6
    assert stam.legal_basis == "Convenant: Convenant Zorg en Veiligheid 2020"
    assert [m.subject for m in stam.mandates] == ["Regionale aanpak personen met verward gedrag"]
    # The chair first; the alderman who left is gone.
    assert [(m.role, m.name) for m in stam.members] == [
        ("Voorzitter", "Anna de Vries"),
        ("Netwerksecretaris", "Carla <i>Smit</i>"),
    ]
    chair, secretary = stam.members
    assert chair.function == "Burgemeester van Oostdorp"
    assert chair.represents == "gemeente Oostdorp"
    assert secretary.represents == "GGZ Rivierland"  # the person's organisation
    aio = bodies["Advies- & implementatieoverleg <AIO>"]
    # A seat of an organisation without a person: the organisation is the name.
    assert [(m.name, m.represents) for m in aio.members] == [("GGZ Rivierland", "")]
    assert [m.subject for m in aio.mandates] == ["Uitvoering"]
    assert [(r["source"], r["kind"], r["target"], r["note"]) for r in ctx["relations"]] == [
        (
            "Advies- & implementatieoverleg <AIO>",
            "adviseert",
            "Stamtafel zorg en veiligheid",
            "Advies over de uitvoering",
        )
    ]
    assert ctx["is_today"] is True


def test_stand_in_the_past_shows_that_day(region, world):
    ctx = structure_report(region, stand=PAST, sinds=PAST - timedelta(days=90), user=None)
    bodies = by_name(ctx)
    assert set(bodies) == {
        "Stamtafel zorg en veiligheid",
        "Stuurgroep Veiligheidshuis",
        "Advies- & implementatieoverleg <AIO>",
    }
    old = bodies["Stuurgroep Veiligheidshuis"]
    assert old.row["dissolved_on"] == CHANGE  # dissolved later: said so
    stam = bodies["Stamtafel zorg en veiligheid"]
    assert [m.name for m in stam.members] == ["Anna de Vries", "Bram Jansen", "Carla <i>Smit</i>"]
    assert bodies["Advies- & implementatieoverleg <AIO>"].mandates == []  # started later
    assert [(r["source"], r["kind"]) for r in ctx["relations"]] == [
        ("Stuurgroep Veiligheidshuis", "legt verantwoording af aan")
    ]
    assert ctx["is_today"] is False


def test_findings_are_those_of_the_stand_date(region, world):
    def titles(stand):
        return [f.title for f in structure_report(region, stand=stand, user=None)["findings"]]

    # On PAST the AIO advised nobody; today it advises the Stamtafel.
    assert "Advies zonder adressaat" in titles(PAST)
    assert "Advies zonder adressaat" not in titles(TODAY)
    findings = structure_report(region, stand=PAST, user=None)["findings"]
    severities = [f.severity for f in findings]
    order = {"hoog": 0, "middel": 1, "laag": 2}
    assert severities == sorted(severities, key=order.__getitem__)
    assert all(f.severity_label in ("Hoog", "Middel", "Laag") for f in findings)


@needs_dot
def test_diagram_and_alt_text(region, world):
    ctx = structure_report(region, stand=TODAY, user=None)
    svg = ctx["diagram_svg"]
    assert svg.startswith("<svg")
    # A picture: no links (unreachable inside role="img"), and its natural size in points.
    assert "<a " not in svg and "</a>" not in svg and "href" not in svg
    assert re.match(r'<svg width="[\d.]+pt" height="[\d.]+pt" ', svg)
    assert "Stamtafel" in svg  # the labels stay
    assert ctx["diagram_error"] == ""
    alt = ctx["diagram_alt"]
    assert "Testregio" in alt
    assert "3 gremia: 2 bestuurlijk, 1 tactisch, 0 operationeel; 1 relatie" in alt
    assert "Stuurgroep Veiligheidshuis" not in ctx["diagram_svg"]
    past = structure_report(region, stand=PAST, user=None)
    assert "Stuurgroep Veiligheidshuis" in past["diagram_svg"]
    assert [item["kind"] for item in ctx["legend"]] == list(RelationKind.values)


def test_diagram_unavailable_gives_a_notice(region, world, monkeypatch):
    monkeypatch.setattr(render.shutil, "which", lambda name: None)
    ctx = structure_report(region, stand=TODAY, user=None)
    assert ctx["diagram_svg"] == ""
    assert "Graphviz" in ctx["diagram_error"]
    assert ctx["bodies"]  # the tables are still there


def test_empty_region(region):
    ctx = structure_report(region, stand=TODAY, user=None)
    assert ctx["bodies"] == [] and ctx["relations"] == []
    assert "geen gremia" in ctx["diagram_alt"]


def test_legend_css_matches_the_diagram_colours():
    """The legend's line samples are CSS (an inline SVG would be an untagged figure in the PDF):
    every kind of relation has a rule with its colour and line style."""
    from django.contrib.staticfiles import finders

    css = open(finders.find("css/report.css"), encoding="utf-8").read()
    block = css.split("/* --- structuur --- */", 1)[1].split("/* --- ", 1)[0]
    style = {"dashed": "dashed", "dotted": "dotted", "solid": "solid", "bold": "solid"}
    for item in dot.legend_items():
        rule = re.search(r"\.structuur-legenda__lijn--" + item["kind"] + r"\s*\{([^}]*)\}", block)
        assert rule, item["kind"]
        assert item["colour"].lower() in rule.group(1).lower(), item["kind"]
        assert style[item["style"]] in rule.group(1), item["kind"]


# --- query count -----------------------------------------------------------------------------


def _grow(region, n: int) -> None:
    for i in range(n):
        body = BodyFactory(region=region, name=f"Werkgroep {i}", level=Level.OPERATIONEEL)
        MembershipFactory(body=body, municipality=MunicipalityFactory(region=region))
        MandateFactory(body=body)
        RelationFactory(source=body, target=BodyFactory(region=region, name=f"Tafel {i}"))


def test_query_count_does_not_grow(region, world, django_assert_max_num_queries, monkeypatch):
    # The diagram runs no query; leave Graphviz out to keep the test fast.
    monkeypatch.setattr(render.shutil, "which", lambda name: None)
    # 11: the structure checks read the meetings of the meeting-cycle rules (issue 18, +1).
    # 12: the answers to the findings (issue 19, +1).
    # +1: the stamps under which the checks are kept (issue 22)
    with django_assert_max_num_queries(13):
        small = structure_report(region, stand=TODAY, user=None)
    _grow(region, 12)
    with django_assert_max_num_queries(13):
        large = structure_report(region, stand=TODAY, user=None)
    assert len(large["bodies"]) == len(small["bodies"]) + 24


# --- the page --------------------------------------------------------------------------------


@needs_dot
def test_page_shows_the_report_and_escapes_user_text(client, region, world, secretary):
    client.force_login(secretary)
    response = client.get(url(region, stand=PAST.isoformat()))
    assert response.status_code == 200
    html = response.content.decode()
    for s in SECTIONS:
        assert f'id="{s.id}"' in html
        assert f'href="#{s.id}"' in html  # the table of contents
    assert "Stuurgroep Veiligheidshuis" in html
    assert "Bestuurlijke netwerktafel" not in html  # established after PAST
    assert "Carla &lt;i&gt;Smit&lt;/i&gt;" in html
    assert "<i>Smit</i>" not in html
    assert "Advies- &amp; implementatieoverleg &lt;AIO&gt;" in html
    assert "<AIO>" not in html
    assert "Advies zonder adressaat" in html
    assert "zonder datum bij" in html  # the note on checks for a date in the past
    assert "zonder geschiedenis bij" in html  # names and functions are today's
    assert '<figure class="report-figure structuur-diagram">' in html
    assert "structuur-legenda__lijn--adviseert" in html


def test_page_today_has_no_note_on_undated_data(client, region, world, bestuurder):
    client.force_login(bestuurder)
    response = client.get(url(region))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bestuurlijke netwerktafel" in html
    assert "zonder datum bij" not in html
    assert "zonder geschiedenis bij" not in html


def test_page_without_graphviz(client, region, world, secretary, monkeypatch):
    monkeypatch.setattr(render.shutil, "which", lambda name: None)
    client.force_login(secretary)
    response = client.get(url(region))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Het diagram kan nu niet worden getekend" in html
    assert "report-figure" not in html
    assert "Stamtafel zorg en veiligheid" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"stand": (TODAY + timedelta(days=1)).isoformat()}, "niet in de toekomst"),
        ({"stand": "31-02-2025"}, "Vul een geldige datum in"),
    ],
)
def test_bad_stand_gives_400(client, region, world, secretary, query, message):
    client.force_login(secretary)
    response = client.get(url(region, **query))
    assert response.status_code == 400
    assert message in response.content.decode()
    pdf = client.get(url(region, "structuur_pdf", **query))
    assert pdf.status_code == 400


def test_other_region_is_404(client, region, world, other_secretary):
    client.force_login(other_secretary)
    assert client.get(url(region)).status_code == 404
    assert client.get(url(region, "structuur_pdf")).status_code == 404


# --- the PDF, for every role that may read the structure --------------------------------------


@needs_dot
@pytest.mark.parametrize(
    "reader", ["secretary", "bestuurder", "participant", "vng_advisor", "staff_user"]
)
def test_pdf_for_each_reader(request, client, region, world, reader):
    client.force_login(request.getfixturevalue(reader))
    response = client.get(url(region, "structuur_pdf", stand=PAST.isoformat()))
    facts = pdf_facts(response)
    assert_accessible_pdf(facts, title_contains="Structuuroverzicht")
    assert facts.filename == f"structuuroverzicht-test-{PAST.isoformat()}.pdf"
    for title in SECTION_TITLES:
        assert title in facts.outline
    assert "Stuurgroep Veiligheidshuis" in facts.outline  # one bookmark per body
    text = " ".join(facts.text.split())
    assert "Anna de Vries" in text
    assert "Burgemeester van Oostdorp" in text
    assert "Carla <i>Smit</i>" in text
    assert "Regionale aanpak personen met verward gedrag" in text
    assert "Advies zonder adressaat" in text
    assert "legt verantwoording af aan" in text
    # The diagram is a figure with its alt text.
    assert any("Structuurdiagram van Testregio" in alt for alt in facts.figure_alts)


def test_the_mandates_show_their_evaluation_date(client, region, world, secretary):
    from governance.models import Mandate

    Mandate.objects.filter(subject="Regionale aanpak personen met verward gedrag").update(
        evaluate_before=date(2027, 3, 1)
    )
    client.force_login(secretary)
    html = client.get(url(region)).content.decode()
    assert '<th scope="col">Evalueren vóór</th>' in html
    assert "<td>1-3-2027</td>" in html
