"""Format version 5: the "evalueren vóór" dates of bodies and mandates in the region format;
files of version 4 (and older) still import, without dates."""

import json
from datetime import date

import pytest

from governance.exchange import (
    RegionImportFailed,
    dump_region_json,
    export_region,
    import_region,
    validate_region_document,
)
from governance.models import Body, Mandate, Region
from tests.governance.exchange_data import (
    ALL_PARTS,
    body_index,
    counts,
    delete_region_completely,
    without_reevaluation,
)

pytestmark = pytest.mark.django_db


def _errors(document, slug="kopie") -> dict[str, str]:
    return {e.path: e.message for e in validate_region_document(document, slug=slug)}


def _stamtafel(document) -> dict:
    return document["bodies"][body_index(document, "Stamtafel")]


def test_the_dates_are_exported_and_round_trip_byte_identical(used_region, user):
    before = dump_region_json(used_region, ALL_PARTS)
    document = json.loads(before)
    assert document["version"] == 5
    stamtafel = _stamtafel(document)
    assert stamtafel["evaluate_before"] == "2027-01-01"
    mandate = next(m for m in stamtafel["mandates"] if m["subject"] == "Regionale aanpak")
    assert mandate["evaluate_before"] == "2026-07-01"
    assert all("evaluate_before" in m for b in document["bodies"] for m in b["mandates"])
    assert {b["evaluate_before"] for b in document["bodies"]} == {"2027-01-01", None}

    delete_region_completely(used_region)
    region = import_region(data=before, user=user).region
    assert dump_region_json(region, ALL_PARTS) == before
    body = Body.objects.get(region=region, name="Stamtafel")
    assert body.evaluate_before == date(2027, 1, 1)
    assert body.history.first().evaluate_before == date(2027, 1, 1)
    assert Mandate.objects.get(body=body, subject="Regionale aanpak").evaluate_before == date(
        2026, 7, 1
    )


def test_a_version_4_file_still_imports_without_dates(used_region, user):
    document = without_reevaluation(export_region(used_region, ALL_PARTS))
    document["version"] = 4
    assert _errors(document, slug="v4") == {}
    result = import_region(data=json.dumps(document), user=user, slug="v4")
    assert result.version == 4
    region = result.region
    assert not Body.objects.filter(region=region, evaluate_before__isnull=False).exists()
    assert not Mandate.objects.filter(body__region=region, evaluate_before__isnull=False).exists()
    # everything else is as in version 5: exported again, it is the version-5 file without dates
    again = export_region(region, ALL_PARTS)
    again["region"].update(slug=used_region.slug, name=used_region.name)
    expected = export_region(used_region, ALL_PARTS)
    for body in expected["bodies"]:
        body["evaluate_before"] = None
        for mandate in body["mandates"]:
            mandate["evaluate_before"] = None
    assert again == expected


def test_a_version_4_file_with_a_date_is_refused(used_region):
    document = without_reevaluation(export_region(used_region, ALL_PARTS))
    document["version"] = 4
    _stamtafel(document)["evaluate_before"] = "2027-01-01"
    b = body_index(document, "Stamtafel")
    assert "hoort niet in versie 4" in _errors(document)[f"$.bodies[{b}].evaluate_before"]


def _not_a_date(doc):
    _stamtafel(doc)["evaluate_before"] = "1-1-2027"


def _before_establishment(doc):
    _stamtafel(doc)["evaluate_before"] = "2019-12-31"


def _mandate_before_start(doc):
    _stamtafel(doc)["mandates"][0]["evaluate_before"] = "2019-06-01"


def _missing(doc):
    del _stamtafel(doc)["mandates"][0]["evaluate_before"]


@pytest.mark.parametrize(
    ("mutate", "field", "text"),
    [
        (_not_a_date, "evaluate_before", "Ongeldige datum"),
        (_before_establishment, "evaluate_before", "moet na de datum van instelling liggen"),
        (_mandate_before_start, "mandates[0].evaluate_before", "moet na de begindatum liggen"),
        (_missing, "mandates[0].evaluate_before", "ontbreekt"),
    ],
)
def test_a_bad_date_is_refused_at_its_path_and_nothing_is_saved(
    rich_region, user, mutate, field, text
):
    document = export_region(rich_region)
    assert _stamtafel(document)["mandates"][0]["valid_from"] == "2020-01-01"
    mutate(document)
    path = f"$.bodies[{body_index(document, 'Stamtafel')}].{field}"
    before = counts()
    with pytest.raises(RegionImportFailed) as failed:
        import_region(data=json.dumps(document), user=user, slug="kopie")
    errors = {e.path: e.message for e in failed.value.errors}
    assert list(errors) == [path] and text in errors[path], errors
    assert counts() == before and not Region.objects.filter(slug="kopie").exists()
