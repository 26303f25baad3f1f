import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

import pytest

from governance import constants as c
from governance.drukte import (
    Counts,
    YearRow,
    drukte_chart_svg,
    drukte_figures,
    drukte_table_rows,
    format_change,
    format_number,
)
from tests.factories import BodyFactory, MembershipFactory, PersonFactory, RegionFactory

pytestmark = pytest.mark.django_db

TODAY = date(2025, 6, 1)
SINCE = date(2024, 6, 1)
SVG = "{http://www.w3.org/2000/svg}"


def seat(body, office, **kwargs):
    return MembershipFactory(body=body, person__office=office, **kwargs)


@pytest.fixture
def known_region(region):
    """A hand-built region whose figures are worked out in the comments."""
    # Bestuurlijk, 4×/year, 2 h: 3 aldermen now (one joined in 2025, so 2 on SINCE); the
    # secretary is not an administrator; one alderman sits twice but counts once.
    a = BodyFactory(
        region=region,
        name="A",
        level=c.Level.BESTUURLIJK,
        meeting_frequency_per_year=4,
        meeting_duration_hours=Decimal("2.0"),
        established_on=date(2020, 3, 1),
    )
    twice = PersonFactory(region=region, office=c.Office.WETHOUDER)
    MembershipFactory(body=a, person=twice)
    MembershipFactory(body=a, person=twice, role=c.MembershipRole.PORTEFEUILLEHOUDER)
    seat(a, c.Office.WETHOUDER)
    seat(a, c.Office.WETHOUDER, start=date(2025, 1, 1))
    seat(a, c.Office.AMBTELIJK, role=c.MembershipRole.SECRETARIS)
    # Tactisch, 10×/year, 1.5 h, established after SINCE: 1 mayor → 15 h now.
    b = BodyFactory(
        region=region,
        name="B",
        level=c.Level.TACTISCH,
        meeting_frequency_per_year=10,
        meeting_duration_hours=Decimal("1.5"),
        established_on=date(2025, 1, 1),
    )
    seat(b, c.Office.BURGEMEESTER)
    seat(b, c.Office.AMBTELIJK)
    # Bestuurlijk, 6×/year, 2 h, dissolved before TODAY: 2 partner directors → 24 h on SINCE.
    gone = BodyFactory(
        region=region,
        name="C",
        level=c.Level.BESTUURLIJK,
        meeting_frequency_per_year=6,
        status=c.BodyStatus.OPGEHEVEN,
        established_on=date(2019, 3, 1),
        dissolved_on=date(2025, 2, 1),
    )
    seat(gone, c.Office.PARTNER_BESTUURDER, end=date(2025, 2, 1))
    seat(gone, c.Office.PARTNER_BESTUURDER, end=date(2025, 2, 1))
    # Operationeel, no frequency and no date of establishment: counts as a body, nothing more.
    d = BodyFactory(
        region=region, name="D", level=c.Level.OPERATIONEEL, meeting_frequency_per_year=None
    )
    seat(d, c.Office.WETHOUDER)
    # A proposal counts nowhere.
    e = BodyFactory(
        region=region, name="E", status=c.BodyStatus.VOORGESTELD, established_on=date(2025, 5, 1)
    )
    seat(e, c.Office.BURGEMEESTER)
    return region


def test_figures_today_per_level(known_region):
    figures = drukte_figures(known_region, since=SINCE, today=TODAY)
    assert figures.level("bestuurlijk").now == Counts(1, 4, Decimal("24"))
    assert figures.level("tactisch").now == Counts(1, 10, Decimal("15"))
    assert figures.level("operationeel").now == Counts(1, 0, Decimal("0"))
    assert figures.total.now == Counts(3, 14, Decimal("39"))


def test_figures_on_since(known_region):
    figures = drukte_figures(known_region, since=SINCE, today=TODAY)
    assert figures.level("bestuurlijk").then == Counts(2, 10, Decimal("40"))
    assert figures.level("tactisch").then == Counts(0, 0, Decimal("0"))
    assert figures.level("operationeel").then == Counts(1, 0, Decimal("0"))
    assert figures.total.then == Counts(3, 10, Decimal("40"))


def test_change_since_a_date_has_a_sign(known_region):
    figures = drukte_figures(known_region, since=SINCE, today=TODAY)
    assert figures.level("bestuurlijk").change == Counts(-1, -6, Decimal("-16"))
    assert figures.level("tactisch").change == Counts(1, 10, Decimal("15"))
    assert figures.total.change == Counts(0, 4, Decimal("-1"))


def test_since_defaults_to_one_year_before_today(known_region):
    figures = drukte_figures(known_region, today=TODAY)
    assert figures.since == SINCE
    assert drukte_figures(known_region, today=date(2024, 2, 29)).since == date(2023, 2, 28)


def test_bodies_added_and_ended_per_year(known_region):
    figures = drukte_figures(known_region, since=SINCE, today=TODAY)
    assert figures.years == (
        YearRow(2019, 1, 0),
        YearRow(2020, 1, 0),
        YearRow(2021, 0, 0),
        YearRow(2022, 0, 0),
        YearRow(2023, 0, 0),
        YearRow(2024, 0, 0),
        YearRow(2025, 1, 1),
    )
    assert (figures.added_total, figures.ended_total) == (3, 1)


def test_events_after_today_are_not_counted(region):
    BodyFactory(region=region, established_on=date(2026, 1, 1))
    assert drukte_figures(region, today=TODAY).years == ()


def test_table_rows(known_region):
    rows = drukte_table_rows(drukte_figures(known_region, since=SINCE, today=TODAY))
    assert len(rows) == 12  # 3 figures × (3 levels + total)
    by_key = {(r.figure, r.level): r for r in rows}
    hours = by_key[("admin_hours", "totaal")]
    assert (hours.since_display, hours.now_display, hours.change_display) == ("40", "39", "-1")
    assert hours.is_total
    tactical = by_key[("bodies", "tactisch")]
    assert tactical.change_display == "+1"
    assert tactical.level_label == "Tactisch"
    assert by_key[("meetings", "operationeel")].change_display == "0"


def test_number_formatting():
    assert format_number(Decimal("37.5")) == "37,5"
    assert format_number(1234) == "1.234"
    assert format_number(Decimal("24.0")) == "24"
    assert format_change(Decimal("-2.5")) == "-2,5"
    assert format_change(3) == "+3"


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_chart_is_valid_accessible_svg_without_inline_styles(known_region):
    svg = drukte_chart_svg(drukte_figures(known_region, since=SINCE, today=TODAY))
    root = _parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert "Testregio" in title.text
    assert "3 gremia ingesteld en 1 opgeheven" in desc.text
    assert "2025: 1 ingesteld, 1 opgeheven" in desc.text
    assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
    assert "style=" not in svg
    assert "<script" not in svg
    assert len(root.findall(f".//{SVG}rect[@class='bar-added']")) == 7 + 1  # bars + legend
    assert len(root.findall(f".//{SVG}rect[@class='bar-ended']")) == 7 + 1
    texts = {t.text for t in root.iter(f"{SVG}text")}
    assert {"Jaar", "Aantal gremia", "Ingesteld", "Opgeheven", "2019", "2025"} <= texts


def test_chart_escapes_text_and_is_deterministic(db):
    region = RegionFactory(name='Regio <script>&"')
    BodyFactory(region=region, established_on=date(2024, 1, 1))
    figures = drukte_figures(region, today=TODAY)
    svg = drukte_chart_svg(figures, id_prefix="grafiek")
    root = _parse(svg)
    assert 'Regio <script>&"' in root.find(f"{SVG}title").text
    assert "<script>" not in svg
    assert root.find(f"{SVG}title").get("id") == "grafiek-title"
    assert svg == drukte_chart_svg(drukte_figures(region, today=TODAY), id_prefix="grafiek")


def test_chart_without_history_still_renders(region):
    root = _parse(drukte_chart_svg(drukte_figures(region, today=TODAY)))
    assert root.find(f"{SVG}desc").text
    assert not root.findall(f".//{SVG}rect")


def test_chart_with_many_years_is_valid(region):
    for year in range(1990, 2025):
        BodyFactory(region=region, established_on=date(year, 1, 1))
    root = _parse(drukte_chart_svg(drukte_figures(region, today=TODAY)))
    assert len(root.findall(f".//{SVG}rect[@class='bar-added']")) == 35 + 1


@pytest.mark.parametrize("size", [3, 30])
def test_query_count_does_not_grow_with_region_size(region, size, django_assert_max_num_queries):
    for i in range(size):
        body = BodyFactory(
            region=region, level=c.Level.values[i % 3], established_on=date(2015 + i % 10, 1, 1)
        )
        seat(body, c.Office.WETHOUDER)
        seat(body, c.Office.BURGEMEESTER, start=date(2025, 1, 1))
    with django_assert_max_num_queries(2):
        figures = drukte_figures(region, today=TODAY)
        drukte_table_rows(figures)
        drukte_chart_svg(figures)
    assert figures.total.now.bodies == size
