"""The overview of the case reflections, its CSV and the rotation planner."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from casereflection.constants import ReflectionStatus
from tests.casereflection.ui_helpers import conclude, quarter_ago, reflection, url
from tests.factories import SubRegionFactory

pytestmark = pytest.mark.django_db


def test_overview_has_a_row_per_quarter_of_three_years(client, secretary, region, sub_region):
    reflection(region, ago=2, sub_region=sub_region, title="Wachtlijst beschermd wonen")
    client.force_login(secretary)
    response = client.get(url("reflection_list", region))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert len(rows) == 12
    assert [(r.year, r.quarter) for r in rows[:3]] == [quarter_ago(n) for n in range(3)]
    html = response.content.decode()
    assert "Wachtlijst beschermd wonen" in html
    assert "Geen reflectie vastgelegd" in html
    year, quarter = quarter_ago(0)
    assert f"{url('reflection_add', region)}?year={year}&amp;quarter={quarter}" in html
    assert "Casusreflectie plannen" in html
    # the summary per sub-region counts the cases of the three years
    assert [(c.sub_region.name, c.count) for c in response.context["sub_region_counts"]] == [
        ("Achterhoek", 1)
    ]


def test_overview_lists_planned_future_quarters_first(client, bestuurder, region):
    reflection(region, ago=-2)
    client.force_login(bestuurder)
    response = client.get(url("reflection_list", region))
    rows = response.context["rows"]
    assert len(rows) == 13
    assert rows[0].is_future and rows[0].reflection is not None
    html = response.content.decode()
    assert "Casusreflectie plannen" not in html  # the bestuurder reads only
    assert "reflecties/nieuw/" not in html


def test_overview_filters(client, secretary, region, sub_region):
    reflection(region, ago=1, sub_region=sub_region, case_kind="persoon")
    reflection(region, ago=2, case_kind="beleid")
    client.force_login(secretary)
    response = client.get(url("reflection_list", region), {"soort": "persoon"})
    assert [r.reflection.case_kind for r in response.context["rows"]] == ["persoon"]
    response = client.get(url("reflection_list", region), {"subregio": sub_region.pk})
    assert [r.reflection.sub_region for r in response.context["rows"]] == [sub_region]
    year = quarter_ago(1)[0]
    response = client.get(url("reflection_list", region), {"jaar": year})
    assert {r.year for r in response.context["rows"]} == {year}
    response = client.get(url("reflection_list", region), {"status": "kapot"})
    assert response.status_code == 200
    assert response.context["filter_form"].errors["status"]


def test_overview_shows_the_follow_up(client, secretary, region):
    r = reflection(region, ago=1, status=ReflectionStatus.AANGEBODEN, proposal="Voorstel.")
    conclude(
        r,
        secretary,
        due_date=timezone.localdate() - timedelta(days=3),
        decided_on=timezone.localdate() - timedelta(days=10),
    )
    client.force_login(secretary)
    html = client.get(url("reflection_list", region)).content.decode()
    assert "1 actie" in html
    assert "0 gereed / 1 lopend" in html
    assert "1 met verstreken termijn" in html


def test_csv_holds_the_filtered_rows(client, secretary, region, sub_region):
    reflection(region, ago=1, sub_region=sub_region, title="Casus zonder woonplek")
    client.force_login(secretary)
    response = client.get(url("reflection_csv", region))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Kwartaal", "Subregio", "Soort casus", "Titel"]
    assert len(rows) == 13
    year, quarter = quarter_ago(1)
    line = next(row for row in rows if row[0] == f"K{quarter} {year}")
    assert line[1:4] == ["Achterhoek", "Systeemcasus", "Casus zonder woonplek"]
    filtered = client.get(url("reflection_csv", region), {"soort": "systeem"})
    assert len(list(csv.reader(io.StringIO(filtered.content.decode("utf-8-sig"))))) == 2


# --- planner ---------------------------------------------------------------------------------


def test_planner_proposes_the_longest_waiting_sub_region(client, secretary, bestuurder, region):
    early = SubRegionFactory(region=region, name="Achterhoek")
    waiting = SubRegionFactory(region=region, name="Noord-Veluwe")
    reflection(region, ago=1, sub_region=early)
    client.force_login(secretary)
    response = client.get(url("reflection_planner", region))
    assert response.status_code == 200
    first = response.context["rotation"].quarters[0]
    assert first.proposed == waiting
    html = response.content.decode()
    year, quarter = quarter_ago(0)
    assert f"?year={year}&amp;quarter={quarter}&amp;sub_region={waiting.pk}" in html
    assert "langst" in html  # the sentence that explains the rotation
    client.force_login(bestuurder)
    assert "reflecties/nieuw/" not in client.get(url("reflection_planner", region)).content.decode()
