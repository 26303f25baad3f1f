"""Region exchange: files of format version 1 (written by the portal before version 2) still
import, as the structure alone; a version the portal does not know is refused."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from governance.exchange import (
    RegionImportFailed,
    dump_region_json,
    export_region,
    import_region,
    validate_region_document,
)
from governance.exchange.schema import CYCLE_FIELDS
from governance.models import Action, Region
from tests.governance.exchange_data import counts, without_frameworks

pytestmark = pytest.mark.django_db

V1_FILE = Path(__file__).parent / "data" / "regio-v1.json"


def _as_v1(document: dict) -> dict:
    """A version-5 export of the structure as version 1 (no ``parts``, no cycle fields, no
    frameworks)."""
    doc = {k: v for k, v in without_frameworks(document).items() if k != "parts"}
    doc["version"] = 1
    doc["bodies"] = [
        {k: v for k, v in b.items() if k not in CYCLE_FIELDS["body"]} for b in doc["bodies"]
    ]
    return doc


def test_a_version_1_file_imports_as_the_structure(user):
    """``data/regio-v1.json`` was written by the version-1 exporter."""
    text = V1_FILE.read_text(encoding="utf-8")
    v1 = json.loads(text)
    assert v1["version"] == 1 and "parts" not in v1

    result = import_region(data=text, user=user)

    assert result.version == 1 and result.parts == ["structuur"]
    assert result.region.slug == "noord-oost"
    assert set(result.persons) == {p["key"] for p in v1["persons"]}
    written = export_region(result.region)
    assert written["version"] == 5 and written["parts"] == ["structuur"]
    assert written["frameworks"] == [] and all(b["framework"] is None for b in written["bodies"])
    # no date in the file and no meetings: registered since the import
    assert written["region"]["registration_since"] == timezone.localdate().isoformat()
    assert all(b["documents_term_days"] == 7 and b["quorum"] is None for b in written["bodies"])
    assert _as_v1(written) == v1
    assert not Action.objects.exists()


def test_a_version_1_export_of_today_is_a_version_1_file(rich_region, user):
    """Version 5 with only the structure is version 1 plus ``parts``, the bodies' fields
    of the meeting cycle and the frameworks: with the defaults, both read the same."""
    doc = _as_v1(export_region(rich_region))
    assert validate_region_document(doc, slug="v1") == []
    region = import_region(data=json.dumps(doc), user=user, slug="v1").region
    again = json.loads(dump_region_json(region))
    again["region"].update(slug="noord-oost", name="Noord-Oost")
    assert without_frameworks(again) == without_frameworks(export_region(rich_region))


@pytest.mark.parametrize(
    ("change", "path", "text"),
    [
        ({"knelpunten": []}, "$.knelpunten", "hoort niet in versie 1"),
        ({"parts": ["structuur"]}, "$.parts", "hoort niet in versie 1"),
        ({"version": 6}, "$.version", "leest versie 1, 2, 3, 4 en 5"),
        ({"version": True}, "$.version", "niet ondersteund"),
    ],
)
def test_version_1_files_are_read_by_the_version_1_rules(user, change, path, text):
    doc = json.loads(V1_FILE.read_text(encoding="utf-8"))
    doc.update(change)
    before = counts()
    with pytest.raises(RegionImportFailed) as failed:
        import_region(data=json.dumps(doc), user=user)
    errors = {e.path: e.message for e in failed.value.errors}
    assert text in errors[path], errors
    assert counts() == before


def test_import_command_reads_a_version_1_file(user, capsys):
    call_command("import_region", str(V1_FILE), slug="oud")
    out = capsys.readouterr().out
    assert "versie 1" in out and "4 gremia" in out
    assert Region.objects.get(slug="oud").bodies.count() == 4
