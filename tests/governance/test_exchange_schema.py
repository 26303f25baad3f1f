"""Region exchange: the published JSON Schema is the one in the code, follows the choices,
and docs/region-format.md describes every field; the registry puts sections into it."""

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from checklist.constants import Status
from governance import constants as c
from governance.exchange import export_region, region_schema
from governance.exchange.schema import (
    CYCLE_DEFS,
    CYCLE_FIELDS,
    FRAMEWORK_DEFS,
    FRAMEWORK_FIELDS,
    FRAMEWORK_TOP_LEVEL,
    OPTIONAL_FIELDS,
    REEVALUATION_FIELDS,
)
from governance.exchange.sections import (
    PARTS,
    Section,
    available_parts,
    register_section,
    sections,
    unregister_section,
)
from tests.governance.exchange_data import ALL_PARTS

pytestmark = pytest.mark.django_db

DOCS = Path(__file__).resolve().parents[2] / "docs"
SCHEMA_FILE = DOCS / "region.schema.json"


def test_export_validates_against_the_published_schema(used_region):
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema == region_schema(), "regenerate: manage.py export_region --schema"
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    for parts in (["structuur"], ["structuur", "werkagenda"], ALL_PARTS):
        assert list(validator.iter_errors(export_region(used_region, parts))) == [], parts


def test_the_schema_ties_sections_to_their_parts(used_region):
    validator = Draft202012Validator(region_schema())
    document = export_region(used_region, ALL_PARTS)
    del document["meetings"]
    assert not validator.is_valid(document)  # listed part, missing section
    document = export_region(used_region, ["structuur"])
    document["knelpunten"] = []
    assert not validator.is_valid(document)  # section of a part that is not listed


def test_version_1_schema_is_the_structure_alone():
    v1 = region_schema(1)
    published = json.loads((DOCS / "region-v1.schema.json").read_text(encoding="utf-8"))
    assert v1 == published  # version 1 is frozen: the code still reads exactly it
    assert v1["$id"] == "urn:zv-portaal:schema:region:1"
    assert v1["properties"]["version"] == {"const": 1}
    assert "parts" not in v1["properties"] and "knelpunten" not in v1["properties"]
    v2 = region_schema(2)
    assert v2["$id"] == "urn:zv-portaal:schema:region:2"
    assert {k: v for k, v in v2["$defs"].items() if k in v1["$defs"]} == v1["$defs"]
    with pytest.raises(ValueError):
        region_schema(6)


def test_version_2_schema_is_frozen_and_version_3_adds_the_meeting_cycle():
    v2 = region_schema(2)
    published = json.loads((DOCS / "region-v2.schema.json").read_text(encoding="utf-8"))
    assert v2 == published  # version 2 is frozen: the code still reads exactly it
    v3 = region_schema(3)
    assert v3["$id"] == "urn:zv-portaal:schema:region:3"
    for name, fields in CYCLE_FIELDS.items():
        assert set(v3["$defs"][name]["properties"]) - set(v2["$defs"][name]["properties"]) == (
            set(fields)
        )
    assert set(v3["$defs"]) - set(v2["$defs"]) == set(CYCLE_DEFS)


def test_version_3_schema_is_frozen_and_version_4_adds_the_frameworks():
    v3 = region_schema(3)
    published = json.loads((DOCS / "region-v3.schema.json").read_text(encoding="utf-8"))
    assert v3 == published  # version 3 is frozen: the code still reads exactly it
    v4 = region_schema(4)
    assert v4["$id"] == "urn:zv-portaal:schema:region:4"
    for name, fields in FRAMEWORK_FIELDS.items():
        assert set(v4["$defs"][name]["properties"]) - set(v3["$defs"][name]["properties"]) == (
            set(fields)
        )
    assert set(v4["$defs"]) - set(v3["$defs"]) == set(FRAMEWORK_DEFS)
    assert set(v4["properties"]) - set(v3["properties"]) == set(FRAMEWORK_TOP_LEVEL)
    assert set(v4["required"]) - set(v3["required"]) == set(FRAMEWORK_TOP_LEVEL)
    assert v4["$defs"]["framework"]["properties"]["kind"]["enum"] == c.FrameworkKind.values


def test_version_4_schema_is_frozen_and_version_5_adds_the_reevaluation_dates():
    v4 = region_schema(4)
    published = json.loads((DOCS / "region-v4.schema.json").read_text(encoding="utf-8"))
    assert v4 == published  # version 4 is frozen: the code still reads exactly it
    v5 = region_schema()
    assert v5["$id"] == "urn:zv-portaal:schema:region:5"
    for name, fields in REEVALUATION_FIELDS.items():
        assert set(v5["$defs"][name]["properties"]) - set(v4["$defs"][name]["properties"]) == (
            set(fields)
        )
        assert set(v5["$defs"][name]["required"]) - set(v4["$defs"][name]["required"]) == (
            set(fields)
        )
    assert set(v5["$defs"]) == set(v4["$defs"])
    assert v5["properties"].keys() == v4["properties"].keys()
    assert v5["$defs"]["body"]["properties"]["evaluate_before"]["type"] == ["string", "null"]


def test_schema_enums_follow_the_choices():
    defs = region_schema()["$defs"]
    assert defs["body"]["properties"]["kind"]["enum"] == c.BodyKind.values
    assert defs["membership"]["properties"]["role"]["enum"] == c.MembershipRole.values
    assert defs["relation"]["properties"]["kind"]["enum"] == c.RelationKind.values
    assert defs["region"]["properties"]["initiator"]["enum"] == ["", *c.Initiator.values]
    assert defs["action"]["properties"]["list"]["enum"] == c.ActionList.values
    assert defs["action"]["properties"]["importance"]["enum"] == [1, 2, 3, None]
    assert defs["action_update"]["properties"]["kind"]["enum"] == c.ActionUpdateKind.values
    assert defs["meeting"]["properties"]["status"]["enum"] == c.MeetingStatus.values
    assert defs["assessment"]["properties"]["status"]["enum"] == Status.values
    assert region_schema()["properties"]["parts"]["items"]["enum"] == list(PARTS)

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "object" or "object" in (node.get("type") or []):
                assert node.get("additionalProperties") is False
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(region_schema())
    for name, definition in region_schema()["$defs"].items():
        # all required, but for a seat's municipality in a membership reference
        optional = set(OPTIONAL_FIELDS) if name.startswith("membership_ref") else set()
        assert definition["required"] == [
            p for p in definition["properties"] if p not in optional
        ], name


def test_format_document_describes_every_field_and_value():
    text = (DOCS / "region-format.md").read_text(encoding="utf-8")
    schema = region_schema()
    for name, definition in schema["$defs"].items():
        for field, spec in definition["properties"].items():
            assert f"`{field}`" in text, (name, field)
            for value in spec.get("enum", []) + spec.get("items", {}).get("enum", []):
                assert value in ("", None) or f"`{value}`" in text, (name, field, value)
    for field in schema["properties"]:
        assert f"`{field}`" in text
    for part in PARTS:
        assert f"`{part}`" in text


def test_the_sections_are_registered_in_the_order_of_the_parts():
    assert [(s.name, s.part) for s in sections()] == [
        ("knelpunten", "werkagenda"),
        ("actions", "werkagenda"),
        ("meetings", "vergaderingen"),
        ("checklist", "checklist"),
    ]
    assert available_parts() == list(PARTS)
    assert [s.name for s in sections(["structuur", "werkagenda"])] == ["knelpunten", "actions"]


def test_a_registered_section_joins_the_schema_and_leaves_it_again():
    def schema():
        return {"type": "array", "items": {"$ref": "#/$defs/proef"}}, {
            "proef": {
                "type": "object",
                "additionalProperties": False,
                "required": ["naam"],
                "properties": {"naam": {"type": "string"}},
            }
        }

    extra = Section(
        name="proeven",
        part="checklist",
        schema=schema,
        export=lambda region, keys: [],
        validate=lambda data, refs: [],
        import_=lambda data, ctx: None,
    )
    register_section(extra)
    try:
        assert "proef" in region_schema()["$defs"]
        assert "proeven" in region_schema()["properties"]
        assert [s.name for s in sections(["checklist"])] == ["checklist", "proeven"]
    finally:
        unregister_section("proeven")
    assert "proeven" not in region_schema()["properties"]
    with pytest.raises(ValueError):
        Section(name="x", part="onbekend", schema=schema, export=None, validate=None, import_=None)
