"""The JSON Schema (draft 2020-12) of the region exchange format, generated from the models
and choices; ``docs/region.schema.json`` is :func:`region_schema` (regenerate it with
``manage.py export_region --schema``).

The helpers (``text``, ``enum``, ``obj``, ``array``, ``DATE``, ``MOMENT``, …) are public: the
sections registered by other apps (:mod:`governance.exchange.sections`) build their part of
the schema with them.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from governance.constants import (
    BodyKind,
    BodyRole,
    BodyStatus,
    CollaborationModel,
    DecisionPower,
    FrameworkKind,
    Initiator,
    LegalBasisKind,
    Level,
    MembershipRole,
    Office,
    OrganisationDomain,
    Power,
    QuorumUnit,
    RelationKind,
)
from governance.exchange.sections import STRUCTURE, available_parts, sections
from governance.models import (
    Body,
    BodyRelation,
    CostLine,
    Framework,
    Mandate,
    Membership,
    Municipality,
    Organisation,
    Person,
    Region,
    SubRegion,
    Theme,
)

FORMAT = "zv-portaal/region"
#: The version the portal writes; it reads every version in READABLE_VERSIONS.
VERSION = 5
READABLE_VERSIONS = (1, 2, 3, 4, 5)

#: What version 3 added (the meeting cycle): fields per definition, and whole definitions.
#: The schemas of versions 1 and 2 are that of version 3 without them.
CYCLE_FIELDS: dict[str, tuple[str, ...]] = {
    "body": ("documents_term_days", "quorum", "quorum_unit"),
    "meeting": (
        "agenda_state",
        "agenda_submitted_at",
        "agenda_published_at",
        "agenda_publish_reason",
        "agenda_chair_remark",
        "attendance",
        "agenda_changes",
        "minutes",
    ),
    "agenda_item": ("minutes_text", "adopts_minutes_of"),
}
CYCLE_DEFS = ("attendance", "agenda_change", "minutes")

#: What version 4 added (frameworks, *kaders*, the region's "registratie sinds", and a seat's
#: municipality in a membership reference): fields per definition, whole definitions, and
#: top-level lists. The schema of version 3 is that of
#: version 4 without them.
FRAMEWORK_FIELDS: dict[str, tuple[str, ...]] = {
    "region": ("registration_since",),
    "body": ("framework",),
    # a seat's municipality in a reference to a membership
    "membership_ref": ("municipality",),
    "membership_ref_or_null": ("municipality",),
}
FRAMEWORK_DEFS = ("framework",)
FRAMEWORK_TOP_LEVEL = ("frameworks",)

#: What version 5 added (re-evaluation dates, "evalueren vóór"): fields per definition. The
#: schema of version 4 is that of version 5 without them.
REEVALUATION_FIELDS: dict[str, tuple[str, ...]] = {
    "body": ("evaluate_before",),
    "mandate": ("evaluate_before",),
}

#: The one field a file may leave out: the seat's municipality in a membership reference,
#: written only when it is needed to tell seats apart (every other field is required).
OPTIONAL_FIELDS = ("municipality",)

#: The structure's top-level lists (version 1 holds only these).
STRUCTURE_FIELDS = (
    "region",
    "sub_regions",
    "municipalities",
    "organisations",
    "persons",
    "themes",
    "partners",
    "frameworks",
    "bodies",
    "relations",
)


def max_length(model: type[models.Model], field: str) -> int:
    return model._meta.get_field(field).max_length


def text(
    model: type[models.Model] | None = None,
    field: str | None = None,
    *,
    required: bool = False,
    description: str | None = None,
) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    if required:
        schema["minLength"] = 1
    if model is not None and field is not None:
        length = max_length(model, field)
        if length:
            schema["maxLength"] = length
    if description:
        schema["description"] = description
    return schema


def nullable_name(model: type[models.Model], description: str) -> dict[str, Any]:
    return {
        "type": ["string", "null"],
        "minLength": 1,
        "maxLength": max_length(model, "name"),
        "description": description,
    }


def enum(choices: type[models.Choices], *, blank: bool = False) -> dict[str, Any]:
    values = list(choices.values)
    return {"type": "string", "enum": ([""] + values) if blank else values}


def obj(
    properties: dict[str, Any], *, nullable: bool = False, description: str | None = None
) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": ["object", "null"] if nullable else "object",
        "additionalProperties": False,
        "required": list(properties),
        "properties": properties,
    }
    if description:
        schema["description"] = description
    return schema


def array(items: dict[str, Any], *, unique: bool = False) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "array", "items": items}
    if unique:
        schema["uniqueItems"] = True
    return schema


def ref(name: str) -> dict[str, Any]:
    """``{"$ref": "#/$defs/<name>"}``."""
    return {"$ref": f"#/$defs/{name}"}


def key(description: str) -> dict[str, Any]:
    """A file-local key (of a person, knelpunt, action or meeting)."""
    return {"type": "string", "minLength": 1, "maxLength": 250, "description": description}


def key_ref(description: str) -> dict[str, Any]:
    """A reference to a file-local key, or null."""
    return {"type": ["string", "null"], "minLength": 1, "description": description}


DATE = {
    "type": ["string", "null"],
    "format": "date",
    "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    "description": "Datum als JJJJ-MM-DD, of null.",
}
END_DATE = {
    **DATE,
    "description": "Datum als JJJJ-MM-DD, of null. De eerste dag waarop het niet meer geldt.",
}
DAY = {**DATE, "type": "string", "description": "Datum als JJJJ-MM-DD."}
MOMENT = {
    "type": "string",
    "format": "date-time",
    "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?"
    r"(Z|[+-][0-9]{2}:[0-9]{2})$",
    "description": "Tijdstip volgens ISO 8601 met tijdzone, bijv. 2026-10-15T13:30:00+02:00.",
}
EVALUATE_BEFORE = {
    **DATE,
    "description": "Evalueren vóór: uiterlijk op deze datum wordt het geëvalueerd "
    "(JJJJ-MM-DD), of null: geen datum.",
}
MOMENT_OR_NULL = {**MOMENT, "type": ["string", "null"], "description": MOMENT["description"]}


def structure_defs() -> dict[str, Any]:
    """The definitions of the structure (format version 1, and part ``structuur``)."""
    org_ref_props = {
        "name": text(Organisation, "name", required=True),
        "national": {
            "type": "boolean",
            "description": "true voor een landelijke organisatie (zonder regio).",
        },
    }
    return {
        "organisation_ref": obj(org_ref_props),
        "organisation_ref_or_null": obj(org_ref_props, nullable=True),
        "region": obj(
            {
                "name": text(Region, "name", required=True),
                "slug": {
                    **text(Region, "slug", required=True),
                    "pattern": r"^[-a-zA-Z0-9_]+$",
                    "description": "Korte naam in adressen: letters, cijfers, - en _.",
                },
                "code": text(Region, "code"),
                "collaboration_model": enum(CollaborationModel),
                "collaboration_note": text(),
                "initiator": enum(Initiator, blank=True),
                "characteristics": text(),
                "description": text(),
                # version 4
                "registration_since": {
                    **DATE,
                    "description": "Registratie sinds: vanaf deze datum legt de regio haar "
                    "vergaderingen in het portaal vast (JJJJ-MM-DD), of null.",
                },
            }
        ),
        "framework": obj(
            {
                "name": text(Framework, "name", required=True),
                "kind": enum(FrameworkKind),
                "source_document": text(Framework, "source_document"),
                "description": text(),
            }
        ),
        "sub_region": obj({"name": text(SubRegion, "name", required=True)}),
        "municipality": obj(
            {
                "name": text(Municipality, "name", required=True),
                "cbs_code": {
                    "type": "string",
                    "pattern": r"^(GM[0-9]{4})?$",
                    "description": "CBS-gemeentecode zoals GM0197, of leeg.",
                },
                "sub_region": nullable_name(SubRegion, "Naam van een subregio uit sub_regions."),
            }
        ),
        "organisation": obj(
            {
                **org_ref_props,
                "domain": enum(OrganisationDomain),
                "kind": text(Organisation, "kind"),
            }
        ),
        "person": obj(
            {
                "key": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": 200,
                    "description": "Sleutel van de persoon binnen dit bestand.",
                },
                "name": text(Person, "name", required=True),
                "function": text(Person, "function"),
                "office": enum(Office),
                "organisation": ref("organisation_ref_or_null"),
                "email": text(Person, "email"),
            }
        ),
        "region_theme": obj(
            {
                "theme": text(
                    Theme,
                    "name",
                    required=True,
                    description="Naam van een thema dat in het portaal bestaat.",
                ),
                "weighing": text(description="Het afwegingskader van de regio."),
            }
        ),
        "body": obj(
            {
                "name": text(Body, "name", required=True),
                "short_name": text(Body, "short_name"),
                "kind": enum(BodyKind),
                "level": enum(Level),
                "decision_power": enum(DecisionPower),
                "roles": array(enum(BodyRole), unique=True),
                "meeting_frequency_per_year": {
                    "type": ["integer", "null"],
                    "minimum": 0,
                    "maximum": 366,
                },
                "meeting_duration_hours": {
                    "type": "string",
                    "pattern": r"^[0-9]{1,2}(\.[0-9])?$",
                    "description": 'Uren als tekst met één decimaal, bijv. "2.0".',
                },
                "legal_basis_kind": enum(LegalBasisKind),
                "legal_basis_reference": text(Body, "legal_basis_reference"),
                "status": enum(BodyStatus),
                "established_on": DATE,
                "dissolved_on": END_DATE,
                "themes": array(text(Theme, "name", required=True), unique=True),
                "description": text(),
                "mandates": array(ref("mandate")),
                "memberships": array(ref("membership")),
                "cost_lines": array(ref("cost_line")),
                # version 3: the meeting cycle
                "documents_term_days": {
                    "type": "integer",
                    "minimum": 0,
                    "maximum": 90,
                    "description": "Termijn voor stukken: zoveel dagen voor de vergadering.",
                },
                "quorum": {
                    "type": ["integer", "null"],
                    "minimum": 1,
                    "maximum": 500,
                    "description": "Zoveel leden of gemeenten moeten aanwezig zijn; null: geen.",
                },
                "quorum_unit": enum(QuorumUnit),
                # version 4: the framework (kader) the body stands in
                "framework": nullable_name(Framework, "Naam van een kader uit frameworks."),
                # version 5: re-evaluation
                "evaluate_before": EVALUATE_BEFORE,
            }
        ),
        "mandate": obj(
            {
                "power": enum(Power),
                "subject": text(Mandate, "subject", required=True),
                "theme": nullable_name(Theme, "Naam van een thema dat in het portaal bestaat."),
                "organisation": ref("organisation_ref_or_null"),
                "source_document": text(Mandate, "source_document"),
                "valid_from": DATE,
                "valid_to": END_DATE,
                # version 5: re-evaluation
                "evaluate_before": EVALUATE_BEFORE,
            }
        ),
        "membership": obj(
            {
                "role": enum(MembershipRole),
                "person": {
                    "type": ["string", "null"],
                    "minLength": 1,
                    "description": "De key van een persoon uit persons.",
                },
                "organisation": ref("organisation_ref_or_null"),
                "municipality": nullable_name(
                    Municipality, "Naam van een gemeente uit municipalities."
                ),
                "portfolio": text(Membership, "portfolio"),
                "on_behalf_of": text(Membership, "on_behalf_of"),
                "on_behalf_of_body": nullable_name(Body, "Naam van een ander gremium."),
                "substitute_allowed": {"type": "boolean"},
                "start": DATE,
                "end": END_DATE,
            }
        ),
        "cost_line": obj(
            {
                "item": text(CostLine, "item", required=True),
                "estimate_eur": {
                    "type": "string",
                    "pattern": r"^[0-9]{1,8}(\.[0-9]{1,2})?$",
                    "description": 'Bedrag per jaar in euro als tekst, bijv. "2800.00".',
                },
                "funded_by": text(CostLine, "funded_by"),
                "note": text(CostLine, "note"),
            }
        ),
        "relation": obj(
            {
                "source": text(Body, "name", required=True),
                "kind": enum(RelationKind),
                "target": text(Body, "name", required=True),
                "note": text(BodyRelation, "note"),
                "valid_from": DATE,
                "valid_to": END_DATE,
            }
        ),
    }


def reference_defs() -> dict[str, Any]:
    """References into the structure used by the sections of version 2."""
    membership_ref = {
        "body": text(Body, "name", required=True, description="Naam van een gremium."),
        "person": key_ref("De key van een persoon uit persons, of null."),
        "role": enum(MembershipRole),
        "start": DATE,
        # version 4: tells apart seats that differ only in their municipality
        "municipality": nullable_name(
            Municipality,
            "De gemeente van de zetel. Alleen nodig (en alleen geschreven) als zetels van het "
            "gremium verder gelijk zijn en alleen in hun gemeente verschillen; ontbreekt hij "
            "(of is hij null), dan verwijst de verwijzing naar de zetel ongeacht zijn gemeente.",
        ),
    }
    seat_ref = obj(
        membership_ref,
        description="Verwijst naar precies één lidmaatschap (bodies[].memberships[]).",
    )
    seat_ref_or_null = obj(membership_ref, nullable=True)
    for definition in (seat_ref, seat_ref_or_null):
        definition["required"] = [f for f in definition["required"] if f not in OPTIONAL_FIELDS]
    return {
        "membership_ref": seat_ref,
        "membership_ref_or_null": seat_ref_or_null,
        "mandate_ref": obj(
            {
                "body": text(Body, "name", required=True, description="Naam van een gremium."),
                "power": enum(Power),
                "subject": text(Mandate, "subject", required=True),
                "valid_from": DATE,
            },
            description="Verwijst naar precies één mandaat (bodies[].mandates[]).",
        ),
    }


def _structure_properties() -> dict[str, Any]:
    return {
        "region": ref("region"),
        "sub_regions": array(ref("sub_region")),
        "municipalities": array(ref("municipality")),
        "organisations": array(ref("organisation")),
        "persons": array(ref("person")),
        "themes": array(ref("region_theme")),
        "partners": array(ref("organisation_ref")),
        "frameworks": array(ref("framework")),
        "bodies": array(ref("body")),
        "relations": array(ref("relation")),
    }


def region_schema(version: int = VERSION) -> dict[str, Any]:
    """The JSON Schema of format ``version`` (default: the one the portal writes), with the
    sections registered now; ``docs/region.schema.json`` is that of the newest version."""
    if version not in READABLE_VERSIONS:
        raise ValueError(f"Unknown format version {version}.")
    defs = structure_defs()
    properties: dict[str, Any] = {"format": {"const": FORMAT}, "version": {"const": version}}
    required = ["format", "version"]
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:zv-portaal:schema:region:{version}",
        "title": f"Z+V Portaal: één regio (uitwisselingsformaat versie {version})",
        "description": "Zie docs/region-format.md voor de betekenis van elk veld.",
        "type": "object",
        "additionalProperties": False,
    }
    if version == 1:
        schema["title"] = "Z+V Portaal: structuur van één regio (uitwisselingsformaat versie 1)"
        properties.update(_structure_properties())
        required += list(STRUCTURE_FIELDS)
        _without_cycle(defs)
        _without_frameworks(defs, properties, required)
        _without_reevaluation(defs)
        return {**schema, "required": required, "properties": properties, "$defs": defs}

    parts = available_parts()
    properties["parts"] = {
        "type": "array",
        "minItems": 1,
        "uniqueItems": True,
        "prefixItems": [{"const": STRUCTURE}],
        "items": {"type": "string", "enum": parts},
        "description": "De onderdelen in dit bestand, in de vaste volgorde: " + ", ".join(parts),
    }
    required.append("parts")
    properties.update(_structure_properties())
    required += list(STRUCTURE_FIELDS)
    defs.update(reference_defs())
    conditions = []
    for section in sections():
        value, section_defs = section.schema()
        clash = (set(section_defs) & set(defs)) | ({section.name} & set(properties))
        if clash:
            raise ValueError(f"Section {section.name!r} redefines {sorted(clash)}.")
        defs.update(section_defs)
        properties[section.name] = value
        listed = {"properties": {"parts": {"contains": {"const": section.part}}}}
        conditions.append(
            {
                "if": {**listed, "required": ["parts"]},
                "then": {"required": [section.name]},
                "else": {"not": {"required": [section.name]}},
            }
        )
    schema.update(required=required, properties=properties)
    if conditions:
        schema["allOf"] = conditions
    if version < 3:
        _without_cycle(defs)
    if version < 4:
        _without_frameworks(defs, properties, required)
    if version < 5:
        _without_reevaluation(defs)
    schema["$defs"] = defs
    return schema


def _without_frameworks(defs: dict[str, Any], properties: dict[str, Any], required: list) -> None:
    """Remove what version 4 added (``FRAMEWORK_*``) from the schema's parts."""
    _without(defs, FRAMEWORK_DEFS, FRAMEWORK_FIELDS)
    for name in FRAMEWORK_TOP_LEVEL:
        properties.pop(name, None)
        if name in required:
            required.remove(name)


def _without_reevaluation(defs: dict[str, Any]) -> None:
    """Remove what version 5 added (``REEVALUATION_FIELDS``) from ``defs``."""
    _without(defs, (), REEVALUATION_FIELDS)


def _without_cycle(defs: dict[str, Any]) -> None:
    """Remove what version 3 added (``CYCLE_FIELDS``, ``CYCLE_DEFS``) from ``defs``."""
    _without(defs, CYCLE_DEFS, CYCLE_FIELDS)


def _without(
    defs: dict[str, Any], names: tuple[str, ...], fields_of: dict[str, tuple[str, ...]]
) -> None:
    for name in names:
        defs.pop(name, None)
    for name, fields in fields_of.items():
        definition = defs.get(name)
        if definition is None:
            continue
        for field in fields:
            definition["properties"].pop(field, None)
        definition["required"] = [f for f in definition["required"] if f not in fields]
