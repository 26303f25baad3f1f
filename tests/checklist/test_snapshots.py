"""Peilmomenten: freezing (contents, refusals), immutability, comparison, the progress chart."""

from __future__ import annotations

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from checklist.charts import progress_chart_svg
from checklist.models import Assessment, Framework, FrozenError, Snapshot, SnapshotScore
from checklist.selectors.snapshots import snapshot_compare, snapshot_detail, snapshot_list
from checklist.services.snapshots import snapshot_freeze
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
SVG = "{http://www.w3.org/2000/svg}"


def item(code):
    return Framework.current().items.get(code=code)


def assess(region, code, status, municipality=None):
    return Assessment.objects.create(
        region=region, item=item(code), status=status, municipality=municipality
    )


def freeze(region, user=None, days_ago=0, note=""):
    return snapshot_freeze(
        region=region, date=TODAY - timedelta(days=days_ago), note=note, user=user
    )


def scores(snapshot) -> dict:
    return {
        (s.code, s.municipality_id): s.status
        for s in SnapshotScore.objects.filter(snapshot=snapshot)
    }


# --- freezing ------------------------------------------------------------------------------


def test_freeze_copies_every_item_and_municipality_assessments(region, secretary):
    zutphen = MunicipalityFactory(region=region, name="Zutphen")
    MunicipalityFactory(region=region, name="Lochem")  # not assessed: no score of its own
    assess(region, "I1", "gerealiseerd")
    assess(region, "U3", "in_ontwikkeling")
    assess(region, "U3", "geborgd", municipality=zutphen)
    snapshot = freeze(region, secretary, note="  Stamtafel maart  ")

    frozen = scores(snapshot)
    items = Framework.current().items.count()
    assert items == 34
    assert len(frozen) == items + 1
    assert frozen[("I1", None)] == "gerealiseerd"
    assert frozen[("U3", None)] == "in_ontwikkeling"
    assert frozen[("U3", zutphen.pk)] == "geborgd"
    assert frozen[("I2", None)] == "niet_gestart"  # never assessed
    assert snapshot.frozen_by == secretary
    assert snapshot.note == "Stamtafel maart"
    assert snapshot.framework == Framework.current()
    assert snapshot.date == TODAY


def test_freeze_ignores_other_regions(region, other_region):
    assess(other_region, "I1", "geborgd")
    frozen = scores(freeze(region))
    assert frozen[("I1", None)] == "niet_gestart"


def test_second_peilmoment_on_the_same_day_is_refused(region):
    freeze(region, days_ago=3)
    with pytest.raises(ValidationError) as exc:
        freeze(region, days_ago=3)
    assert "Er is al een peilmoment op" in exc.value.message_dict["date"][0]
    assert Snapshot.objects.filter(region=region).count() == 1
    freeze(region)  # another day is fine


def test_peilmoment_in_the_future_is_refused(region):
    with pytest.raises(ValidationError) as exc:
        freeze(region, days_ago=-1)
    assert "toekomst" in exc.value.message_dict["date"][0]
    assert not Snapshot.objects.exists()
    assert not SnapshotScore.objects.exists()


# --- immutability --------------------------------------------------------------------------


def test_snapshot_and_scores_cannot_be_saved_again(region):
    snapshot = freeze(region)
    snapshot.note = "Achteraf aangepast"
    with pytest.raises(FrozenError):
        snapshot.save()
    score = SnapshotScore.objects.filter(snapshot=snapshot).first()
    score.status = "geborgd"
    with pytest.raises(FrozenError):
        score.save()
    snapshot.refresh_from_db()
    assert snapshot.note == ""


def test_later_assessment_edits_never_change_a_peilmoment(region):
    municipality = MunicipalityFactory(region=region)
    regional = assess(region, "I1", "verkend")
    local = assess(region, "U1", "verkend", municipality=municipality)
    snapshot = freeze(region, days_ago=1)
    before = scores(snapshot)

    regional.status = "geborgd"
    regional.save()
    local.status = "gerealiseerd"
    local.save()
    assess(region, "I2", "gerealiseerd")
    local.delete()

    assert scores(snapshot) == before
    assert before[("I1", None)] == "verkend"
    later = scores(freeze(region))
    assert later[("I1", None)] == "geborgd" and later[("I2", None)] == "gerealiseerd"


# --- reading -------------------------------------------------------------------------------


def test_compare_lists_up_down_and_unchanged_per_stage(region):
    i1 = assess(region, "I1", "verkend")
    o1 = assess(region, "O1", "gerealiseerd")
    old = freeze(region, days_ago=30)
    i1.status = "geborgd"
    i1.save()
    o1.status = "in_ontwikkeling"
    o1.save()
    new = freeze(region)

    result = snapshot_compare(region, old, new)
    assert (result["up"], result["down"], result["unchanged"]) == (1, 1, 32)
    stages = {s.stage: s for s in result["stages"]}
    assert [(m.code, m.before, m.after, m.steps) for m in stages["input"].up] == [
        ("I1", "verkend", "geborgd", 3)
    ]
    assert stages["input"].unchanged == 4
    assert [(m.code, m.steps) for m in stages["output"].down] == [("O1", 1)]
    assert stages["activiteiten"].unchanged == 14
    reverse = snapshot_compare(region, new, old)
    assert (reverse["up"], reverse["down"]) == (1, 1)


def test_detail_groups_scores_and_spreads_per_gemeente(region):
    a = MunicipalityFactory(region=region, name="Apeldoorn")
    b = MunicipalityFactory(region=region, name="Berkelland")
    assess(region, "U3", "gerealiseerd", municipality=a)
    assess(region, "U3", "verkend", municipality=b)
    assess(region, "A2.1", "in_ontwikkeling")
    data = snapshot_detail(region, freeze(region))
    assert [s.stage for s in data["stages"]] == [
        "input",
        "activiteiten",
        "output",
        "mechanismen",
        "outcome",
    ]
    activities = data["stages"][1]
    assert len(activities.groups) == 4
    a21 = next(i for g in activities.groups for i in g.items if i.code == "A2.1")
    assert a21.status == "in_ontwikkeling"
    u3 = next(i for i in data["stages"][4].groups[0].items if i.code == "U3")
    assert [m[0] for m in u3.municipalities] == ["Apeldoorn", "Berkelland"]
    assert u3.realised_municipalities == 1
    assert data["item_count"] == 34


def test_list_summary_chart_and_table(region, secretary):
    assess(region, "I1", "gerealiseerd")
    freeze(region, secretary, days_ago=10)
    assess(region, "I2", "geborgd")
    freeze(region, secretary)
    data = snapshot_list(region)
    first, second = data["snapshots"]
    assert (first.total, first.realised) == (34, 1)
    assert second.realised == 2
    assert first.frozen_by == secretary.get_full_name()
    inputs = next(p for p in data["panels"] if p.stage == "input")
    assert [bar.counts for bar in inputs.bars] == [
        {"gerealiseerd": 1, "niet_gestart": 4},
        {"gerealiseerd": 1, "geborgd": 1, "niet_gestart": 3},
    ]
    # the table equivalent: one row per stage per peilmoment
    assert len(data["table"]) == 5 * 2
    row = data["table"][1]
    assert row.stage_label == "Input" and row.counts == [3, 0, 0, 1, 1] and row.total == 5


# --- the chart -----------------------------------------------------------------------------


def _svg(region):
    data = snapshot_list(region)
    return progress_chart_svg(data["panels"], region_name="Noord & Oost <Gelderland>")


def test_chart_is_valid_svg_with_title_and_description(region):
    assess(region, "I1", "gerealiseerd")
    freeze(region, days_ago=5)
    freeze(region)
    root = ElementTree.fromstring(_svg(region))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title.text.endswith("Noord & Oost <Gelderland>")  # escaped in the source
    assert "Input" in desc.text and "1 gerealiseerd" in desc.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    # a segment per status present, per bar: input has two statuses in two bars
    panel = next(
        g for g in root.iter(f"{SVG}g") if g.get("class") == "stage-panel stage-panel--input"
    )
    segments = [r for r in panel.iter(f"{SVG}rect") if "segment" in (r.get("class") or "")]
    assert len(segments) == 4
    assert "style" not in _svg(region)


def test_chart_without_peilmomenten_says_so(region):
    root = ElementTree.fromstring(_svg(region))
    assert "nog geen peilmomenten" in root.find(f"{SVG}desc").text
