"""The structure "as it was on a date" and its table (governance/diagram/structure.py)."""

from datetime import date

import pytest

from governance.constants import Level
from governance.diagram import dot
from governance.diagram.structure import structure_on, structure_table
from tests.factories import BodyFactory, RelationFactory
from tests.governance.diagram.support import MERGE_DAY

pytestmark = pytest.mark.django_db


def names(snapshot):
    return {b.name for b in snapshot.bodies}


def test_merge_day_switches_old_for_new(region, structure):
    before = structure_on(region, date(2022, 4, 18))
    after = structure_on(region, MERGE_DAY)
    assert structure["old"].name in names(before)
    assert structure["new"].name not in names(before)
    assert structure["old"].name not in names(after)
    assert structure["new"].name in names(after)
    # The merge relation itself never has both ends on one day.
    assert structure["merge"] not in before.relations + after.relations


def test_bodies_grouped_by_level_in_order_and_sorted(region, structure):
    snap = structure_on(region, MERGE_DAY)
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
    on_2021 = structure_on(region, date(2021, 3, 1))
    assert set(on_2021.relations) == {
        structure["aio_old"],
        structure["aio_stam"],
        structure["casus_aio"],
    }
    before = structure_on(region, date(2022, 4, 18))
    assert set(before.relations) == {structure["aio_old"], structure["aio_stam"]}
    after = structure_on(region, MERGE_DAY)
    assert set(after.relations) == {structure["aio_new"], structure["aio_stam"]}
    # A relation to a proposed body is left out, and so are other regions' relations.
    RelationFactory(
        source=BodyFactory(region=other_region), target=BodyFactory(region=other_region)
    )
    assert structure["to_proposed"] not in structure_on(region, MERGE_DAY).relations
    assert len(structure_on(region, MERGE_DAY).relations) == 2


def test_table_rows(region, structure):
    snap = structure_on(region, date(2022, 4, 18))
    rows = structure_table(snap)
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
        snap = structure_on(region, date.today())
        rows = structure_table(snap)  # urls need the region: no extra query
        dot.structure_dot(snap, body_url=lambda b: b.get_absolute_url())
    assert snap.body_count == size
    assert len(snap.relations) == size
    assert len(rows) == size
