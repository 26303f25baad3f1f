"""Format version 4: frameworks (kaders), a body's framework and the region's "registratie
sinds" in the region format; version 3 files still import."""

import copy
import json
from datetime import date

import pytest
from django.utils import timezone

from governance.constants import FrameworkKind
from governance.exchange import (
    RegionImportFailed,
    dump_region_json,
    export_region,
    import_region,
    validate_region_document,
)
from governance.models import Framework, Region
from tests.governance.exchange_data import (
    ALL_PARTS,
    counts,
    delete_region_completely,
    without_frameworks,
)

pytestmark = pytest.mark.django_db


def _errors(document, slug="kopie") -> dict[str, str]:
    return {e.path: e.message for e in validate_region_document(document, slug=slug)}


def test_frameworks_round_trip_byte_identical(rich_region, user):
    before = dump_region_json(rich_region)
    document = json.loads(before)
    assert document["version"] == 5
    assert [f["name"] for f in document["frameworks"]] == [
        "GR Veiligheidsregio Noord-Oost",
        "Netwerk zorg en veiligheid",
    ]
    delete_region_completely(rich_region)

    region = import_region(data=before, user=user).region

    assert dump_region_json(region) == before
    gr = Framework.objects.get(region=region, name="GR Veiligheidsregio Noord-Oost")
    assert gr.kind == FrameworkKind.GR
    assert [b.name for b in gr.bodies.all()] == ["Stamtafel"]
    assert gr.history.first().history_user == user
    assert region.registration_since == date(2024, 1, 1)


def test_a_version_3_file_still_imports_without_frameworks(used_region, user):
    document = without_frameworks(export_region(used_region, ALL_PARTS))
    document["version"] = 3
    assert _errors(document, slug="v3") == {}

    result = import_region(data=json.dumps(document), user=user, slug="v3")

    assert result.version == 3
    region = result.region
    assert not Framework.objects.filter(region=region).exists()
    assert not region.bodies.filter(framework__isnull=False).exists()
    # no date in a version-3 file: the day of the earliest meeting in it
    first = min(m["starts_at"] for m in document["meetings"])
    assert region.registration_since.isoformat() == first[:10]
    # a version-3 file with a field of version 4 is refused
    document["bodies"][0]["framework"] = None
    assert "hoort niet in versie 3" in _errors(document, slug="v3b")["$.bodies[0].framework"]


def test_registration_since_comes_from_the_file_when_given(used_region, user):
    document = export_region(used_region, ALL_PARTS)
    document["region"]["registration_since"] = "2019-05-01"
    region = import_region(data=json.dumps(document), user=user, slug="a").region
    assert region.registration_since == date(2019, 5, 1)


def test_registration_since_is_the_earliest_meeting_then_the_import_date(used_region, user):
    document = export_region(used_region, ALL_PARTS)
    document["region"]["registration_since"] = None
    meeting = next(m for m in document["meetings"] if m["body"] == "Stamtafel")
    assert all(m["starts_at"] > "2020-02-04" for m in document["meetings"])
    meeting["starts_at"] = "2020-02-03T23:30:00+00:00"  # in Amsterdam: 4 February
    meeting["ends_at"] = None

    region = import_region(data=json.dumps(document), user=user, slug="b").region
    assert region.registration_since == date(2020, 2, 4)

    structure = export_region(used_region)  # no meetings in the file
    structure["region"]["registration_since"] = None
    region = import_region(data=json.dumps(structure), user=user, slug="c").region
    assert region.registration_since == timezone.localdate()


def _unknown_framework(doc):
    doc["bodies"][0]["framework"] = "Convenant dat niet bestaat"


def _wrong_kind(doc):
    doc["frameworks"][0]["kind"] = "handdruk"


def _duplicate_name(doc):
    doc["frameworks"].append({**doc["frameworks"][0], "kind": "convenant"})


def _missing_framework_field(doc):
    del doc["frameworks"][0]["source_document"]


def _registration_since_no_date(doc):
    doc["region"]["registration_since"] = "1-1-2024"


@pytest.mark.parametrize(
    ("mutate", "path", "text"),
    [
        (_unknown_framework, "$.bodies[0].framework", "Onbekend kader ‘Convenant dat niet"),
        (_wrong_kind, "$.frameworks[0].kind", "Onbekende waarde ‘handdruk’"),
        (_duplicate_name, "$.frameworks[2].name", "komt meer dan eens voor"),
        (_missing_framework_field, "$.frameworks[0].source_document", "ontbreekt"),
        (_registration_since_no_date, "$.region.registration_since", "Ongeldige datum"),
    ],
)
def test_broken_frameworks_are_refused_at_their_path(rich_region, user, mutate, path, text):
    document = export_region(rich_region)
    assert document["bodies"][0]["name"] == "Bestuurlijke netwerktafel"
    mutate(document)
    errors = _errors(document)
    assert list(errors) == [path] and text in errors[path]
    before = counts()
    with pytest.raises(RegionImportFailed) as failed:
        import_region(data=json.dumps(document), user=user, slug="kopie")
    assert [e.path for e in failed.value.errors] == [path]
    assert counts() == before and not Region.objects.filter(slug="kopie").exists()


def test_a_framework_kind_of_the_file_is_kept_for_every_kind(rich_region, user):
    document = export_region(rich_region)
    template = document["frameworks"][0]
    document["frameworks"] = [
        {**copy.deepcopy(template), "name": f"Kader {kind}", "kind": kind}
        for kind in FrameworkKind.values
    ]
    for body in document["bodies"]:
        body["framework"] = None
    document["bodies"][0]["framework"] = "Kader wettelijk"
    region = import_region(data=json.dumps(document), user=user, slug="soorten").region
    assert sorted(Framework.objects.filter(region=region).values_list("kind", flat=True)) == (
        sorted(FrameworkKind.values)
    )
    assert region.bodies.get(name="Bestuurlijke netwerktafel").framework.kind == "wettelijk"
