"""The VNG comparison (heat map, distribution, CSV) and a region's national benchmark."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from checklist.models import Assessment, Framework, Snapshot, SnapshotScore
from checklist.services.snapshots import snapshot_freeze
from governance.constants import CollaborationModel
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db

URL = reverse("checklist:comparison")
CSV_URL = reverse("checklist:comparison_csv")


def item(code):
    return Framework.current().items.get(code=code)


def assess(region, **statuses):
    """Region-level assessments, e.g. ``assess(region, I1="geborgd", O1="verkend")``."""
    for code, status in statuses.items():
        code = code.replace("_", ".")
        Assessment.objects.update_or_create(
            region=region,
            code=code,
            municipality=None,
            defaults={"item": item(code), "status": status},
        )


def snapshot(region, day: date, **statuses):
    """A peilmoment with exactly these region-level scores."""
    snap = Snapshot.objects.create(region=region, framework=Framework.current(), date=day)
    for code, status in statuses.items():
        code = code.replace("_", ".")
        SnapshotScore.objects.create(snapshot=snap, item=item(code), code=code, status=status)
    return snap


def row_of(response, region):
    return next(row for row in response.context["rows"] if row.region == region)


def status_of(response, region, code):
    codes = [i.code for i in response.context["items"]]
    return row_of(response, region).cells[codes.index(code)].status


# --- permissions --------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["vng_advisor", "staff_user"])
def test_national_readers_see_the_comparison(client, persona, request, region):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 200
    assert client.get(CSV_URL).status_code == 200


@pytest.mark.parametrize("persona", ["secretary", "bestuurder", "participant"])
def test_regional_roles_are_refused(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403
    assert client.get(CSV_URL).status_code == 403


# --- heat map -----------------------------------------------------------------------------


def test_heat_map_shows_code_colour_and_legend(client, vng_advisor, region, other_region):
    snapshot(region, date(2026, 1, 10), I1="gerealiseerd", I2="verkend")
    client.force_login(vng_advisor)
    response = client.get(URL)
    html = response.content.decode()
    assert '<th scope="row"><a href="' in html
    assert "Testregio" in html and "Andere regio" in html
    # Status as text code and as colour class; the full label for screen readers.
    assert (
        '<td class="heat heat--gerealiseerd" title="Gerealiseerd">'
        '<span aria-hidden="true">G</span><span class="visually-hidden">Gerealiseerd</span></td>'
    ) in html
    assert 'class="heat heat--verkend"' in html
    # Item codes as column headers with their titles.
    assert f'title="{item("I1").title}">I1<span class="visually-hidden"> {item("I1").title}' in (
        html
    )
    # The legend explains every code.
    for text in (
        "NG = Niet gestart",
        "V = Verkend",
        "IO = In ontwikkeling",
        "G = Gerealiseerd",
        "B = Geborgd",
        "– = Geen gegevens",
    ):
        assert text in html
    # Missing data: no peilmoment for the other region.
    assert status_of(response, other_region, "I1") is None
    assert "geen peilmoment" in html
    assert row_of(response, region).source_date == date(2026, 1, 10)
    assert len(response.context["items"]) == 34


def test_latest_peilmoment_per_region_is_used(client, vng_advisor, region):
    snapshot(region, date(2025, 6, 1), I1="geborgd")
    snapshot(region, date(2026, 2, 1), I1="verkend")
    snapshot(region, date(2025, 12, 1), I1="in_ontwikkeling")
    client.force_login(vng_advisor)
    response = client.get(URL)
    assert status_of(response, region, "I1") == "verkend"
    assert row_of(response, region).source_date == date(2026, 2, 1)


def test_source_switch_between_peilmoment_and_live(client, vng_advisor, region):
    assess(region, I1="verkend")
    snapshot_freeze(region=region, date=date(2026, 1, 5), note="", user=vng_advisor)
    assess(region, I1="geborgd")  # after the peilmoment
    client.force_login(vng_advisor)

    frozen = client.get(URL)
    assert frozen.context["source"] == "peilmoment"
    assert status_of(frozen, region, "I1") == "verkend"
    # The freeze records items without an assessment as niet gestart.
    assert status_of(frozen, region, "I2") == "niet_gestart"

    live = client.get(URL, {"bron": "actueel"})
    assert live.context["source"] == "actueel"
    assert status_of(live, region, "I1") == "geborgd"
    assert status_of(live, region, "I2") is None  # not assessed: "–"
    assert "Peildatum" not in live.content.decode()


def test_per_gemeente_items_use_the_region_level_judgement(client, vng_advisor, region):
    from tests.factories import MunicipalityFactory

    municipality = MunicipalityFactory(region=region)
    Assessment.objects.create(
        region=region, item=item("U3"), municipality=municipality, status="geborgd"
    )
    client.force_login(vng_advisor)
    response = client.get(URL, {"bron": "actueel"})
    assert status_of(response, region, "U3") is None
    assess(region, U3="verkend")
    response = client.get(URL, {"bron": "actueel"})
    assert status_of(response, region, "U3") == "verkend"


def test_filter_by_stage(client, vng_advisor, region):
    client.force_login(vng_advisor)
    response = client.get(URL, {"fase": "input"})
    assert [i.code for i in response.context["items"]] == ["I1", "I2", "I3", "I4", "I5"]
    assert len(row_of(response, region).cells) == 5
    response = client.get(URL, {"fase": "outcome"})
    assert [i.code for i in response.context["items"]] == ["U1", "U2", "U3"]
    html = response.content.decode()
    assert ">I1<" not in html


def test_filter_by_collaboration_model(client, vng_advisor, region, other_region):
    other_region.collaboration_model = CollaborationModel.GEZAMENLIJK
    other_region.save()
    client.force_login(vng_advisor)
    response = client.get(URL, {"model": CollaborationModel.GEZAMENLIJK})
    assert [row.region for row in response.context["rows"]] == [other_region]
    assert "Testregio</a>" not in response.content.decode()
    response = client.get(URL, {"model": CollaborationModel.STUURGROEP})
    assert [row.region for row in response.context["rows"]] == [region]


def test_invalid_filter_is_ignored(client, vng_advisor, region, other_region):
    client.force_login(vng_advisor)
    response = client.get(URL, {"fase": "onzin", "bron": "gisteren"})
    assert response.status_code == 200
    assert len(response.context["items"]) == 34
    assert response.context["source"] == "peilmoment"
    assert len(response.context["rows"]) == 2


def test_sort_by_name_or_by_share_realised(client, vng_advisor):
    a = RegionFactory(name="Aregio")
    b = RegionFactory(name="Bregio")
    c = RegionFactory(name="Cregio")
    assess(a, I1="verkend", I2="verkend")
    assess(b, I1="geborgd", I2="gerealiseerd", I3="gerealiseerd")
    assess(c, I1="gerealiseerd", I2="in_ontwikkeling")
    client.force_login(vng_advisor)
    by_name = client.get(URL, {"bron": "actueel"})
    assert [row.region for row in by_name.context["rows"]] == [a, b, c]
    by_share = client.get(URL, {"bron": "actueel", "sorteer": "voortgang"})
    assert [row.region for row in by_share.context["rows"]] == [b, c, a]
    # The share is over the items shown: with only the input stage, 3 of 5 for b.
    staged = client.get(URL, {"bron": "actueel", "sorteer": "voortgang", "fase": "input"})
    first = staged.context["rows"][0]
    assert (first.region, first.realised, first.percentage) == (b, 3, 60)
    assert "3 van 5 (60%)" in staged.content.decode()


def test_distribution_per_item(client, vng_advisor):
    regions = [RegionFactory(name=f"Regio {n}") for n in range(5)]
    assess(regions[0], I1="geborgd", O1="verkend")
    assess(regions[1], I1="geborgd")
    assess(regions[2], I1="gerealiseerd")
    assess(regions[3], I1="niet_gestart")
    client.force_login(vng_advisor)
    response = client.get(URL, {"bron": "actueel"})
    by_code = {d.item.code: d for d in response.context["distributions"]}
    # niet gestart, verkend, in ontwikkeling, gerealiseerd, geborgd, geen gegevens
    assert by_code["I1"].columns() == [1, 0, 0, 1, 2, 1]
    assert by_code["I1"].realised == 3
    assert by_code["O1"].columns() == [0, 1, 0, 0, 0, 4]
    assert by_code["O1"].realised == 0
    html = response.content.decode()
    assert "Verdeling per item" in html
    i1_row = html.split(f"I1 {item('I1').title}</th>")[1].split("</tr>")[0]
    cells = [c.split("</td>")[0] for c in i1_row.split('<td class="num">')[1:]]
    assert cells == ["1", "0", "0", "1", "2", "1", "3"]


# --- CSV ------------------------------------------------------------------------------------


def read_csv(response) -> list[list[str]]:
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content.removeprefix("\ufeff")), delimiter=";"))


def test_csv_has_the_filters_and_guards_formulas(client, vng_advisor, region):
    evil = RegionFactory(name='=HYPERLINK("http://x")', slug="evil")
    assess(region, I1="geborgd")
    assess(evil, I2="verkend")
    client.force_login(vng_advisor)
    response = client.get(CSV_URL, {"bron": "actueel", "fase": "input", "sorteer": "voortgang"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0] == [
        "Regio",
        "Samenwerkingsmodel",
        "Bron",
        "Peildatum",
        "I1",
        "I2",
        "I3",
        "I4",
        "I5",
        "Gerealiseerd of beter",
        "Aantal items",
    ]
    assert rows[1][0] == "Testregio"
    assert rows[1][4:] == ["Geborgd", "", "", "", "", "1", "5"]
    assert rows[2][0] == '\'=HYPERLINK("http://x")'
    assert rows[2][4:6] == ["", "Verkend"]
    assert rows[1][2] == "Actuele stand"
    assert b"\r\n" in response.content


def test_csv_from_peilmoment_has_the_date(client, vng_advisor, region):
    snapshot(region, date(2026, 3, 4), I1="gerealiseerd")
    client.force_login(vng_advisor)
    rows = read_csv(client.get(CSV_URL, {"model": CollaborationModel.STUURGROEP}))
    assert rows[1][:5] == [
        "Testregio",
        "Richting geven en sturen (stuurgroep)",
        "Laatste peilmoment per regio",
        "04-03-2026",
        "Gerealiseerd",
    ]
    assert len(rows[0]) == 4 + 34 + 2


def test_page_links_to_csv_with_same_filters(client, vng_advisor, region):
    client.force_login(vng_advisor)
    html = client.get(URL, {"fase": "input", "bron": "actueel"}).content.decode()
    assert f"{CSV_URL}?fase=input&amp;bron=actueel" in html


# --- benchmark ------------------------------------------------------------------------------


def benchmark_url(region):
    return reverse("checklist:region_benchmark", kwargs={"region": region.slug})


@pytest.fixture
def national(region, other_region):
    """Own region and four other regions (names must never appear on the benchmark)."""
    others = [other_region] + [
        RegionFactory(name=f"Geheime regio {n}", slug=f"geheim-{n}") for n in range(3)
    ]
    assess(region, I1="gerealiseerd", I2="verkend")
    assess(others[0], I1="geborgd", I2="geborgd")
    assess(others[1], I1="geborgd")
    assess(others[2], I1="niet_gestart")
    snapshot(region, date(2026, 1, 1), I1="in_ontwikkeling")
    snapshot(others[0], date(2025, 6, 1), I1="verkend")
    snapshot(others[0], date(2026, 2, 1), I1="gerealiseerd")
    return others


def test_benchmark_for_readers_of_the_region(client, region, secretary, bestuurder, participant):
    for user in (secretary, bestuurder, participant):
        client.force_login(user)
        assert client.get(benchmark_url(region)).status_code == 200


def test_other_regions_secretary_cannot_see_it(client, region, other_secretary):
    client.force_login(other_secretary)
    assert client.get(benchmark_url(region)).status_code == 404


def test_benchmark_live_shows_own_status_and_national_counts(client, region, bestuurder, national):
    client.force_login(bestuurder)
    response = client.get(benchmark_url(region), {"bron": "actueel"})
    by_code = {d.item.code: d for d in response.context["distributions"]}
    assert response.context["total_regions"] == 5
    assert response.context["regions_with_data"] == 4
    assert by_code["I1"].own.status == "gerealiseerd"
    assert by_code["I1"].columns() == [1, 0, 0, 1, 2, 1]
    assert by_code["I1"].higher == 2
    assert by_code["I2"].own.status == "verkend"
    assert by_code["I2"].columns() == [0, 1, 0, 0, 1, 3]
    assert by_code["I3"].own.status is None
    html = response.content.decode()
    assert "Testregio landelijk vergeleken" in html
    assert 'class="heat heat--gerealiseerd"' in html
    stages = {s["stage"]: s for s in response.context["stages"]}
    assert stages["input"]["own_realised"] == 1
    assert stages["input"]["mean_realised"] == 1.0  # (1 + 2 + 1 + 0) / 4


def test_benchmark_from_latest_peilmoment(client, region, bestuurder, national):
    client.force_login(bestuurder)
    response = client.get(benchmark_url(region))
    assert response.context["source"] == "peilmoment"
    assert response.context["own_snapshot"].date == date(2026, 1, 1)
    assert response.context["regions_with_data"] == 2
    by_code = {d.item.code: d for d in response.context["distributions"]}
    assert by_code["I1"].own.status == "in_ontwikkeling"
    # Own (in ontwikkeling) and the other region's latest (gerealiseerd, not the older verkend).
    assert by_code["I1"].columns() == [0, 0, 1, 1, 0, 3]
    assert "01-01-2026" in response.content.decode()


@pytest.mark.parametrize("source", ["peilmoment", "actueel"])
def test_benchmark_never_names_other_regions(client, region, secretary, national, source):
    client.force_login(secretary)
    html = client.get(benchmark_url(region), {"bron": source}).content.decode()
    for other in national:
        assert other.name not in html
        assert f"/regio/{other.slug}/" not in html
        assert f'value="{other.slug}"' not in html
    assert "Geheime regio" not in html and "Andere regio" not in html
