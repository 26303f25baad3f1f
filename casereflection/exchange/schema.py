"""The JSON Schema of the reflections file (``zv-portaal/casusreflecties``, version 1).

One file holds the case reflections of one region, with their Stamtafel conclusions. It
refers to the region's structure, werkagenda and meetings with the keys and references of the
region exchange format (docs/region-format.md), so it is read *after* that region exists.

The file contains case text. It is the format of the demo's reflections (``demo/``) and of
``manage.py export_demo``; the portal offers no download of it (see docs/demo-format.md).
"""

from __future__ import annotations

from typing import Any

from casereflection.constants import CaseKind, Method, Priority, ReflectionStatus
from casereflection.models import CaseReflection, Conclusion
from governance.constants import MembershipRole
from governance.exchange.schema import DATE, DAY, array, enum, key_ref, obj, ref, text
from governance.models import Body, SubRegion, Theme

FORMAT = "zv-portaal/casusreflecties"
VERSION = 1

#: The free-text fields of a reflection, in the file as in the model.
REFLECTION_TEXT_FIELDS = (
    "title",
    "summary",
    "answer_principles",
    "answer_administration",
    "answer_justice",
    "dilemma",
    "insights",
    "proposal",
    "method_note",
    "rotation_note",
    "follow_up_note",
)
CONCLUSION_TEXT_FIELDS = ("title", "common_challenge", "assignment", "note")


def reflections_schema() -> dict[str, Any]:
    organisation_ref = obj(
        {
            "name": {"type": "string", "minLength": 1, "maxLength": 160},
            "national": {"type": "boolean"},
        },
        description="Een organisatie van de regio of een landelijke organisatie.",
    )
    membership_ref = obj(
        {
            "body": text(Body, "name", required=True, description="Naam van een gremium."),
            "person": key_ref("De key van een persoon van de regio, of null."),
            "role": enum(MembershipRole),
            "start": DATE,
            "municipality": {
                "type": ["string", "null"],
                "minLength": 1,
                "description": "De gemeente van de zetel; alleen als zetels verder gelijk zijn.",
            },
        },
        description="Verwijst naar precies één lidmaatschap van een gremium van de regio.",
    )
    membership_ref["required"].remove("municipality")  # written only when it is needed
    reflection = {
        "year": {"type": "integer", "minimum": 2000, "maximum": 2100},
        "quarter": {"type": "integer", "minimum": 1, "maximum": 4},
        "sub_region": text(SubRegion, "name", required=True),
        "case_kind": enum(CaseKind),
        "themes": array(text(Theme, "name", required=True), unique=True),
        "method": enum(Method),
        "facilitator": key_ref("De key van de gespreksleider (een persoon van de regio)."),
        "organisations": array(ref("organisation_ref"), unique=True),
        "delegation": array({"type": "string", "minLength": 1}, unique=True),
        "planned_on": DATE,
        "held_on": DATE,
        "offered_on": DATE,
        "status": enum(ReflectionStatus),
        **{
            name: text(CaseReflection, name, required=name == "title")
            for name in REFLECTION_TEXT_FIELDS
        },
        "conclusions": array(ref("conclusion")),
    }
    conclusion = {
        "decided_on": DAY,
        "priority": {"type": "integer", "enum": list(Priority.values)},
        "assignee_body": {
            "type": ["string", "null"],
            "minLength": 1,
            "description": "Naam van het gremium dat de opdracht krijgt, of null.",
        },
        "assignee_organisation": ref("organisation_ref_or_null"),
        "contact_administrator": ref("membership_ref"),
        "due_date": DATE,
        "agenda_item": ref("agenda_item_ref_or_null"),
        "action": key_ref("De key van de actie op de werkagenda, of null."),
        **{
            name: text(Conclusion, name, required=name != "note") for name in CONCLUSION_TEXT_FIELDS
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:zv-portaal:schema:casusreflecties:{VERSION}",
        "title": "Z+V Portaal: casusreflecties van één regio (versie 1)",
        "description": "Zie docs/demo-format.md voor de betekenis van elk veld.",
        "type": "object",
        "additionalProperties": False,
        "required": ["format", "version", "reflections"],
        "properties": {
            "format": {"const": FORMAT},
            "version": {"const": VERSION},
            "reflections": array(ref("reflection")),
        },
        "$defs": {
            "reflection": obj(reflection),
            "conclusion": obj(conclusion),
            "organisation_ref": organisation_ref,
            "organisation_ref_or_null": {**organisation_ref, "type": ["object", "null"]},
            "membership_ref": membership_ref,
            "agenda_item_ref_or_null": obj(
                {
                    "meeting": {"type": "string", "minLength": 1},
                    "item": {"type": "integer", "minimum": 1},
                },
                nullable=True,
                description="Een agendapunt: de key van de vergadering en de plaats (vanaf 1).",
            ),
        },
    }
