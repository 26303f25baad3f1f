"""Region exchange: one region's structure as a documented, versioned JSON document.

The format is described in ``docs/region-format.md``; its JSON Schema is
``docs/region.schema.json`` (generated from :func:`region_schema`, regenerate it with
``manage.py export_region --schema``).

Public API:

* :func:`export_region` / :func:`dump_region_json` — a region as a dict / as canonical text.
  Exporting, importing into an empty database and exporting again gives the same bytes.
* :func:`load_region_document` — bytes or text to a parsed document (size, encoding, JSON).
* :func:`validate_region_document` — every problem of a document, without writing anything.
* :func:`import_region` — all-or-nothing import; raises :class:`RegionImportFailed` whose
  ``errors`` are :class:`RegionImportError` objects (``path`` like
  ``$.bodies[3].memberships[0].person`` and a Dutch ``message``).

Nothing in the document is a database id: objects refer to each other by natural keys
(names within the region, a file-local ``key`` for persons, name + ``national`` for
organisations).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator
from simple_history.utils import bulk_create_with_history

from core.history import acting_as
from governance.constants import (
    BodyKind,
    BodyRole,
    BodyStatus,
    CollaborationModel,
    DecisionPower,
    Initiator,
    LegalBasisKind,
    Level,
    MembershipRole,
    Office,
    OrganisationDomain,
    Power,
    RelationKind,
)
from governance.models import (
    Body,
    BodyRelation,
    CostLine,
    Mandate,
    Membership,
    Municipality,
    Organisation,
    Person,
    Region,
    RegionPartner,
    RegionTheme,
    SubRegion,
    Theme,
)

FORMAT = "zv-portaal/region"
VERSION = 1

__all__ = [
    "FORMAT",
    "VERSION",
    "RegionImportError",
    "RegionImportFailed",
    "dump_document",
    "dump_region_json",
    "export_filename",
    "export_region",
    "import_region",
    "load_region_document",
    "region_schema",
    "validate_region_document",
]


# --------------------------------------------------------------------------------------------
# Errors


@dataclass(frozen=True)
class RegionImportError:
    """One problem in a region document: where (a JSON path) and what (Dutch text)."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class RegionImportFailed(Exception):
    """The document was not imported; nothing was saved. ``errors`` says why."""

    def __init__(self, errors: list[RegionImportError]):
        self.errors = list(errors)
        super().__init__("; ".join(str(e) for e in self.errors[:5]))


Path = tuple[str | int, ...]


def format_path(parts: Iterable[str | int]) -> str:
    """``("bodies", 3, "name")`` → ``$.bodies[3].name``."""
    text = "$"
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part.isidentifier():
            text += f".{part}"
        else:
            text += "[" + json.dumps(part, ensure_ascii=False) + "]"
    return text


def _error(parts: Path, message: str) -> RegionImportError:
    return RegionImportError(format_path(parts), message)


# --------------------------------------------------------------------------------------------
# Export


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _decimal(value: Decimal | int | float, places: int) -> str:
    return f"{Decimal(value):.{places}f}"


def _org_ref(organisation: Organisation | None) -> dict[str, Any] | None:
    if organisation is None:
        return None
    return {"name": organisation.name, "national": organisation.region_id is None}


def _canonical(item: Any) -> str:
    return json.dumps(item, ensure_ascii=False, sort_keys=True)


def _sorted(items: Iterable[dict], key: Callable[[dict], tuple]) -> list[dict]:
    """Sort by natural key; identical natural keys are ordered by the item's full text."""
    return sorted(items, key=lambda item: (key(item), _canonical(item)))


def _ref_key(ref: dict | None) -> tuple[str, bool]:
    return ("", False) if ref is None else (ref["name"], ref["national"])


def _s(value: str | None) -> str:
    return value or ""


_ROLE_ORDER = {value: index for index, value in enumerate(MembershipRole.values)}


def _person_keys(persons: list[Person]) -> dict[int, str]:
    """A stable file-local key per person: the slugified name, numbered when names clash.

    Persons are numbered in the order of (name, function, e-mail, office, organisation), so the
    key depends on the data only (and on the database order for fully identical persons,
    which an import preserves).
    """
    ordered = sorted(persons, key=_person_sort_key)
    bases = [slugify(p.name) or "persoon" for p in ordered]
    counts = Counter(bases)
    used: set[str] = {b for b in bases if counts[b] == 1}
    keys: dict[int, str] = {}
    numbers: Counter = Counter()
    for person, base in zip(ordered, bases, strict=True):
        if counts[base] == 1:
            keys[person.pk] = base
            continue
        while True:
            numbers[base] += 1
            key = f"{base}-{numbers[base]}"
            if key not in used:
                break
        used.add(key)
        keys[person.pk] = key
    return keys


def _person_sort_key(person: Person) -> tuple:
    org = person.organisation
    return (
        person.name,
        person.function,
        person.email,
        person.office,
        org.name if org else "",
        org is not None and org.region_id is None,
        person.pk,
    )


def export_region(region: Region) -> dict[str, Any]:
    """The region's structure as a format-version-1 document (a JSON-ready dict)."""
    sub_regions = list(SubRegion.objects.filter(region=region))
    municipalities = list(Municipality.objects.filter(region=region).select_related("sub_region"))
    persons = list(Person.objects.filter(region=region).select_related("organisation"))
    region_themes = list(RegionTheme.objects.filter(region=region).select_related("theme"))
    partners = list(RegionPartner.objects.filter(region=region).select_related("organisation"))
    bodies = list(
        Body.objects.filter(region=region).prefetch_related(
            "themes",
            models.Prefetch("mandates", Mandate.objects.select_related("theme", "organisation")),
            models.Prefetch(
                "memberships",
                Membership.objects.select_related(
                    "person", "organisation", "municipality", "on_behalf_of_body"
                ),
            ),
            "cost_lines",
        )
    )
    relations = list(
        BodyRelation.objects.filter(source__region=region).select_related("source", "target")
    )

    organisations: dict[int, Organisation] = {
        o.pk: o for o in Organisation.objects.filter(region=region)
    }
    used_orgs = [p.organisation for p in persons] + [p.organisation for p in partners]
    for body in bodies:
        used_orgs += [m.organisation for m in body.mandates.all()]
        used_orgs += [m.organisation for m in body.memberships.all()]
    for org in used_orgs:
        if org is not None and org.region_id is None:
            organisations[org.pk] = org

    person_keys = _person_keys(persons)

    def person_item(person: Person) -> dict[str, Any]:
        return {
            "key": person_keys[person.pk],
            "name": person.name,
            "function": person.function,
            "office": person.office,
            "organisation": _org_ref(person.organisation),
            "email": person.email,
        }

    def mandate_item(mandate: Mandate) -> dict[str, Any]:
        return {
            "power": mandate.power,
            "subject": mandate.subject,
            "theme": mandate.theme.name if mandate.theme else None,
            "organisation": _org_ref(mandate.organisation),
            "source_document": mandate.source_document,
            "valid_from": _iso(mandate.valid_from),
            "valid_to": _iso(mandate.valid_to),
        }

    def membership_item(membership: Membership) -> dict[str, Any]:
        return {
            "role": membership.role,
            "person": person_keys[membership.person_id] if membership.person_id else None,
            "organisation": _org_ref(membership.organisation),
            "municipality": membership.municipality.name if membership.municipality else None,
            "portfolio": membership.portfolio,
            "on_behalf_of": membership.on_behalf_of,
            "on_behalf_of_body": (
                membership.on_behalf_of_body.name if membership.on_behalf_of_body else None
            ),
            "substitute_allowed": membership.substitute_allowed,
            "start": _iso(membership.start),
            "end": _iso(membership.end),
        }

    def cost_line_item(line: CostLine) -> dict[str, Any]:
        return {
            "item": line.item,
            "estimate_eur": _decimal(line.estimate_eur, 2),
            "funded_by": line.funded_by,
            "note": line.note,
        }

    def body_item(body: Body) -> dict[str, Any]:
        return {
            "name": body.name,
            "short_name": body.short_name,
            "kind": body.kind,
            "level": body.level,
            "decision_power": body.decision_power,
            "roles": sorted(body.roles or []),
            "meeting_frequency_per_year": body.meeting_frequency_per_year,
            "meeting_duration_hours": _decimal(body.meeting_duration_hours, 1),
            "legal_basis_kind": body.legal_basis_kind,
            "legal_basis_reference": body.legal_basis_reference,
            "status": body.status,
            "established_on": _iso(body.established_on),
            "dissolved_on": _iso(body.dissolved_on),
            "themes": sorted(t.name for t in body.themes.all()),
            "description": body.description,
            "mandates": _sorted(
                (mandate_item(m) for m in body.mandates.all()),
                lambda m: (
                    m["power"],
                    m["subject"],
                    _s(m["theme"]),
                    _ref_key(m["organisation"]),
                    _s(m["valid_from"]),
                    _s(m["valid_to"]),
                ),
            ),
            "memberships": _sorted(
                (membership_item(m) for m in body.memberships.all()),
                lambda m: (
                    _ROLE_ORDER.get(m["role"], len(_ROLE_ORDER)),
                    _s(m["person"]),
                    _ref_key(m["organisation"]),
                    _s(m["municipality"]),
                    _s(m["start"]),
                    _s(m["end"]),
                ),
            ),
            "cost_lines": _sorted(
                (cost_line_item(c) for c in body.cost_lines.all()),
                lambda c: (c["item"], Decimal(c["estimate_eur"])),
            ),
        }

    return {
        "format": FORMAT,
        "version": VERSION,
        "region": {
            "name": region.name,
            "slug": region.slug,
            "code": region.code,
            "collaboration_model": region.collaboration_model,
            "collaboration_note": region.collaboration_note,
            "initiator": region.initiator,
            "characteristics": region.characteristics,
            "description": region.description,
        },
        "sub_regions": _sorted(({"name": s.name} for s in sub_regions), lambda s: (s["name"],)),
        "municipalities": _sorted(
            (
                {
                    "name": m.name,
                    "cbs_code": m.cbs_code,
                    "sub_region": m.sub_region.name if m.sub_region else None,
                }
                for m in municipalities
            ),
            lambda m: (m["name"],),
        ),
        "organisations": _sorted(
            (
                {
                    "name": o.name,
                    "national": o.region_id is None,
                    "domain": o.domain,
                    "kind": o.kind,
                }
                for o in organisations.values()
            ),
            lambda o: (o["name"], o["national"]),
        ),
        # Persons keep the order in which their keys were numbered.
        "persons": [person_item(p) for p in sorted(persons, key=_person_sort_key)],
        "themes": _sorted(
            ({"theme": rt.theme.name, "weighing": rt.weighing} for rt in region_themes),
            lambda t: (t["theme"],),
        ),
        "partners": _sorted(
            (_org_ref(p.organisation) for p in partners), lambda ref: _ref_key(ref)
        ),
        "bodies": _sorted((body_item(b) for b in bodies), lambda b: (b["name"],)),
        "relations": _sorted(
            (
                {
                    "source": r.source.name,
                    "kind": r.kind,
                    "target": r.target.name,
                    "note": r.note,
                    "valid_from": _iso(r.valid_from),
                    "valid_to": _iso(r.valid_to),
                }
                for r in relations
            ),
            lambda r: (r["source"], r["kind"], r["target"], _s(r["valid_from"]), _s(r["valid_to"])),
        ),
    }


def dump_document(data: dict[str, Any]) -> str:
    """The canonical text of a document: UTF-8, sorted keys, two-space indent, final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def dump_region_json(region: Region) -> str:
    """The region as canonical JSON text (see :func:`dump_document`)."""
    return dump_document(export_region(region))


def export_filename(region: Region) -> str:
    """A file name for downloads, e.g. ``regio-nog.json``."""
    return f"regio-{region.slug}.json"


# --------------------------------------------------------------------------------------------
# Schema


def _max(model: type[models.Model], field: str) -> int:
    return model._meta.get_field(field).max_length


def _text(
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
        length = _max(model, field)
        if length:
            schema["maxLength"] = length
    if description:
        schema["description"] = description
    return schema


def _nullable_name(model: type[models.Model], description: str) -> dict[str, Any]:
    return {
        "type": ["string", "null"],
        "minLength": 1,
        "maxLength": _max(model, "name"),
        "description": description,
    }


def _enum(choices: type[models.TextChoices], *, blank: bool = False) -> dict[str, Any]:
    values = list(choices.values)
    return {"type": "string", "enum": ([""] + values) if blank else values}


def _object(
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


def _array(items: dict[str, Any], *, unique: bool = False) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "array", "items": items}
    if unique:
        schema["uniqueItems"] = True
    return schema


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


def region_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of format version 1; ``docs/region.schema.json``."""
    org_ref_props = {
        "name": _text(Organisation, "name", required=True),
        "national": {
            "type": "boolean",
            "description": "true voor een landelijke organisatie (zonder regio).",
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:zv-portaal:schema:region:1",
        "title": "Z+V Portaal: structuur van één regio (uitwisselingsformaat versie 1)",
        "description": "Zie docs/region-format.md voor de betekenis van elk veld.",
        "type": "object",
        "additionalProperties": False,
        "required": [
            "format",
            "version",
            "region",
            "sub_regions",
            "municipalities",
            "organisations",
            "persons",
            "themes",
            "partners",
            "bodies",
            "relations",
        ],
        "properties": {
            "format": {"const": FORMAT},
            "version": {"const": VERSION},
            "region": {"$ref": "#/$defs/region"},
            "sub_regions": _array({"$ref": "#/$defs/sub_region"}),
            "municipalities": _array({"$ref": "#/$defs/municipality"}),
            "organisations": _array({"$ref": "#/$defs/organisation"}),
            "persons": _array({"$ref": "#/$defs/person"}),
            "themes": _array({"$ref": "#/$defs/region_theme"}),
            "partners": _array({"$ref": "#/$defs/organisation_ref"}),
            "bodies": _array({"$ref": "#/$defs/body"}),
            "relations": _array({"$ref": "#/$defs/relation"}),
        },
        "$defs": {
            "organisation_ref": _object(org_ref_props),
            "organisation_ref_or_null": _object(org_ref_props, nullable=True),
            "region": _object(
                {
                    "name": _text(Region, "name", required=True),
                    "slug": {
                        **_text(Region, "slug", required=True),
                        "pattern": r"^[-a-zA-Z0-9_]+$",
                        "description": "Korte naam in adressen: letters, cijfers, - en _.",
                    },
                    "code": _text(Region, "code"),
                    "collaboration_model": _enum(CollaborationModel),
                    "collaboration_note": _text(),
                    "initiator": _enum(Initiator, blank=True),
                    "characteristics": _text(),
                    "description": _text(),
                }
            ),
            "sub_region": _object({"name": _text(SubRegion, "name", required=True)}),
            "municipality": _object(
                {
                    "name": _text(Municipality, "name", required=True),
                    "cbs_code": {
                        "type": "string",
                        "pattern": r"^(GM[0-9]{4})?$",
                        "description": "CBS-gemeentecode zoals GM0197, of leeg.",
                    },
                    "sub_region": _nullable_name(
                        SubRegion, "Naam van een subregio uit sub_regions."
                    ),
                }
            ),
            "organisation": _object(
                {
                    **org_ref_props,
                    "domain": _enum(OrganisationDomain),
                    "kind": _text(Organisation, "kind"),
                }
            ),
            "person": _object(
                {
                    "key": {
                        "type": "string",
                        "minLength": 1,
                        "maxLength": 200,
                        "description": "Sleutel van de persoon binnen dit bestand.",
                    },
                    "name": _text(Person, "name", required=True),
                    "function": _text(Person, "function"),
                    "office": _enum(Office),
                    "organisation": {"$ref": "#/$defs/organisation_ref_or_null"},
                    "email": _text(Person, "email"),
                }
            ),
            "region_theme": _object(
                {
                    "theme": _text(
                        Theme,
                        "name",
                        required=True,
                        description="Naam van een thema dat in het portaal bestaat.",
                    ),
                    "weighing": _text(description="Het afwegingskader van de regio."),
                }
            ),
            "body": _object(
                {
                    "name": _text(Body, "name", required=True),
                    "short_name": _text(Body, "short_name"),
                    "kind": _enum(BodyKind),
                    "level": _enum(Level),
                    "decision_power": _enum(DecisionPower),
                    "roles": _array(_enum(BodyRole), unique=True),
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
                    "legal_basis_kind": _enum(LegalBasisKind),
                    "legal_basis_reference": _text(Body, "legal_basis_reference"),
                    "status": _enum(BodyStatus),
                    "established_on": DATE,
                    "dissolved_on": END_DATE,
                    "themes": _array(_text(Theme, "name", required=True), unique=True),
                    "description": _text(),
                    "mandates": _array({"$ref": "#/$defs/mandate"}),
                    "memberships": _array({"$ref": "#/$defs/membership"}),
                    "cost_lines": _array({"$ref": "#/$defs/cost_line"}),
                }
            ),
            "mandate": _object(
                {
                    "power": _enum(Power),
                    "subject": _text(Mandate, "subject", required=True),
                    "theme": _nullable_name(
                        Theme, "Naam van een thema dat in het portaal bestaat."
                    ),
                    "organisation": {"$ref": "#/$defs/organisation_ref_or_null"},
                    "source_document": _text(Mandate, "source_document"),
                    "valid_from": DATE,
                    "valid_to": END_DATE,
                }
            ),
            "membership": _object(
                {
                    "role": _enum(MembershipRole),
                    "person": {
                        "type": ["string", "null"],
                        "minLength": 1,
                        "description": "De key van een persoon uit persons.",
                    },
                    "organisation": {"$ref": "#/$defs/organisation_ref_or_null"},
                    "municipality": _nullable_name(
                        Municipality, "Naam van een gemeente uit municipalities."
                    ),
                    "portfolio": _text(Membership, "portfolio"),
                    "on_behalf_of": _text(Membership, "on_behalf_of"),
                    "on_behalf_of_body": _nullable_name(Body, "Naam van een ander gremium."),
                    "substitute_allowed": {"type": "boolean"},
                    "start": DATE,
                    "end": END_DATE,
                }
            ),
            "cost_line": _object(
                {
                    "item": _text(CostLine, "item", required=True),
                    "estimate_eur": {
                        "type": "string",
                        "pattern": r"^[0-9]{1,8}(\.[0-9]{1,2})?$",
                        "description": 'Bedrag per jaar in euro als tekst, bijv. "2800.00".',
                    },
                    "funded_by": _text(CostLine, "funded_by"),
                    "note": _text(CostLine, "note"),
                }
            ),
            "relation": _object(
                {
                    "source": _text(Body, "name", required=True),
                    "kind": _enum(RelationKind),
                    "target": _text(Body, "name", required=True),
                    "note": _text(BodyRelation, "note"),
                    "valid_from": DATE,
                    "valid_to": END_DATE,
                }
            ),
        },
    }


# --------------------------------------------------------------------------------------------
# Loading and validating


def load_region_document(data: bytes | str) -> Any:
    """Parse a document; raises :class:`RegionImportFailed` (size, encoding, JSON syntax)."""
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    limit = settings.REGION_IMPORT_MAX_BYTES
    if len(raw) > limit:
        raise RegionImportFailed(
            [
                _error(
                    (),
                    _("Het bestand is te groot (%(size)s MB); de grens is %(limit)s MB.")
                    % {"size": _mb(len(raw)), "limit": _mb(limit)},
                )
            ]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RegionImportFailed(
            [_error((), _("Het bestand is geen UTF-8-tekst; sla het op als UTF-8."))]
        ) from None

    def reject_constant(name: str) -> None:
        raise ValueError(name)

    try:
        return json.loads(text, parse_constant=reject_constant)
    except json.JSONDecodeError as error:
        raise RegionImportFailed(
            [
                _error(
                    (),
                    _("Het bestand is geen geldige JSON (regel %(line)s, kolom %(col)s): %(msg)s.")
                    % {"line": error.lineno, "col": error.colno, "msg": error.msg},
                )
            ]
        ) from None
    except ValueError as error:
        raise RegionImportFailed(
            [_error((), _("Het bestand bevat de ongeldige waarde %s.") % error)]
        ) from None


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


_TYPE_NAMES = {
    "string": "tekst",
    "integer": "een geheel getal",
    "number": "een getal",
    "boolean": "true of false",
    "object": "een object",
    "array": "een lijst",
    "null": "null",
}


def _show(value: Any) -> str:
    return "(leeg)" if value == "" else str(value)


def _translate(error) -> list[tuple[Path, str]]:
    """A jsonschema error as (path, Dutch message) pairs."""
    path: Path = tuple(error.absolute_path)
    kind = error.validator
    instance = error.instance
    if kind == "required":
        missing = [n for n in error.validator_value if n not in instance]
        return [((*path, name), _("Dit verplichte veld ontbreekt.")) for name in missing]
    if kind == "additionalProperties":
        known = error.schema.get("properties", {})
        return [
            (
                (*path, name),
                _("Onbekend veld: dit veld hoort niet in versie %s van het formaat.") % VERSION,
            )
            for name in instance
            if name not in known
        ]
    if kind == "type":
        expected = error.validator_value
        expected = [expected] if isinstance(expected, str) else expected
        return [(path, _("Verwacht: %s.") % " of ".join(_TYPE_NAMES[t] for t in expected))]
    if kind == "enum":
        allowed = ", ".join(_show(v) for v in error.validator_value)
        return [
            (
                path,
                _("Onbekende waarde ‘%(value)s’. Toegestaan: %(allowed)s.")
                % {"value": _show(instance), "allowed": allowed},
            )
        ]
    if kind == "const":
        return [(path, _("Moet ‘%s’ zijn.") % error.validator_value)]
    if (kind == "format" and error.validator_value == "date") or (
        kind == "pattern" and error.schema.get("format") == "date"
    ):
        return [(path, _("Ongeldige datum ‘%s’; schrijf een datum als JJJJ-MM-DD.") % instance)]
    if kind == "pattern":
        hint = error.schema.get("description", "")
        return [(path, (_("Ongeldige waarde ‘%s’.") % instance + " " + hint).strip())]
    if kind == "minLength":
        return [(path, _("Mag niet leeg zijn."))]
    if kind == "maxLength":
        return [
            (
                path,
                _("Te lang: maximaal %(max)s tekens (nu %(len)s).")
                % {"max": error.validator_value, "len": len(instance)},
            )
        ]
    if kind == "minimum":
        return [(path, _("Moet minstens %s zijn.") % error.validator_value)]
    if kind == "maximum":
        return [(path, _("Mag hoogstens %s zijn.") % error.validator_value)]
    if kind == "uniqueItems":
        return [(path, _("Bevat een waarde meer dan eens."))]
    return [(path, _("Ongeldig: %s") % error.message)]


def _path_sort_key(parts: Path) -> tuple:
    return tuple((0, p, "") if isinstance(p, int) else (1, 0, p) for p in parts)


def _schema_errors(document: Any) -> list[RegionImportError]:
    validator = Draft202012Validator(
        region_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    found: dict[Path, str] = {}
    for error in validator.iter_errors(document):
        for parts, message in _translate(error):
            found.setdefault(parts, message)  # one message per place is enough
    return [_error(parts, found[parts]) for parts in sorted(found, key=_path_sort_key)]


def _kind_errors(document: Any) -> list[RegionImportError]:
    """Is this a region document of a version we read at all?"""
    if not isinstance(document, dict):
        return [_error((), _("Het bestand moet één JSON-object bevatten."))]
    if document.get("format") != FORMAT:
        return [
            _error(
                ("format",),
                _("Dit is geen regiobestand van het Z+V Portaal (verwacht ‘%s’).") % FORMAT,
            )
        ]
    version = document.get("version")
    if version != VERSION or isinstance(version, bool):
        return [
            _error(
                ("version",),
                _(
                    "Versie %(found)s van het formaat wordt niet ondersteund; dit portaal leest "
                    "versie %(version)s."
                )
                % {"found": json.dumps(version, ensure_ascii=False), "version": VERSION},
            )
        ]
    return []


class _RefCheck:
    """Duplicate names and unknown references inside one (schema-valid) document."""

    def __init__(self, document: dict[str, Any]):
        self.doc = document
        self.errors: list[RegionImportError] = []

    def add(self, parts: Path, message: str) -> None:
        self.errors.append(_error(parts, message))

    def unique(
        self, section: str, field: str, label: str, key: Callable[[dict], Any] | None = None
    ) -> set:
        seen: set = set()
        for index, item in enumerate(self.doc[section]):
            value = key(item) if key else item[field]
            if value in seen:
                self.add(
                    (section, index, field),
                    _("%(label)s ‘%(name)s’ komt meer dan eens voor.")
                    % {"label": label, "name": item[field]},
                )
            seen.add(value)
        return seen

    def org(self, parts: Path, ref: dict | None, organisations: set) -> None:
        if ref is not None and (ref["name"], ref["national"]) not in organisations:
            where = _("landelijke") if ref["national"] else _("regionale")
            self.add(
                parts,
                _("Onbekende %(where)s organisatie ‘%(name)s’: deze staat niet in ‘organisations’.")
                % {"where": where, "name": ref["name"]},
            )

    def name(self, parts: Path, value: str | None, known: set, message: str) -> None:
        if value is not None and value not in known:
            self.add(parts, message % value)

    def run(self) -> list[RegionImportError]:
        doc = self.doc
        sub_regions = self.unique("sub_regions", "name", _("Subregio"))
        municipalities = self.unique("municipalities", "name", _("Gemeente"))
        organisations = self.unique(
            "organisations", "name", _("Organisatie"), key=lambda o: (o["name"], o["national"])
        )
        persons = self.unique("persons", "key", _("Persoonssleutel"))
        self.unique("themes", "theme", _("Thema"))
        bodies = self.unique("bodies", "name", _("Gremium"))
        unknown_body = _("Onbekend gremium ‘%s’: dit gremium staat niet in ‘bodies’.")

        for i, item in enumerate(doc["municipalities"]):
            self.name(
                ("municipalities", i, "sub_region"),
                item["sub_region"],
                sub_regions,
                _("Onbekende subregio ‘%s’: deze staat niet in ‘sub_regions’."),
            )
        for i, item in enumerate(doc["persons"]):
            self.org(("persons", i, "organisation"), item["organisation"], organisations)
        seen_partners: set = set()
        for i, ref in enumerate(doc["partners"]):
            self.org(("partners", i), ref, organisations)
            if (ref["name"], ref["national"]) in seen_partners:
                self.add(
                    ("partners", i), _("Ketenpartner ‘%s’ komt meer dan eens voor.") % ref["name"]
                )
            seen_partners.add((ref["name"], ref["national"]))

        themes: list[tuple[Path, str]] = [
            (("themes", i, "theme"), item["theme"]) for i, item in enumerate(doc["themes"])
        ]
        for b, body in enumerate(doc["bodies"]):
            themes += [(("bodies", b, "themes", t), name) for t, name in enumerate(body["themes"])]
            for m, mandate in enumerate(body["mandates"]):
                if mandate["theme"] is not None:
                    themes.append((("bodies", b, "mandates", m, "theme"), mandate["theme"]))
                self.org(
                    ("bodies", b, "mandates", m, "organisation"),
                    mandate["organisation"],
                    organisations,
                )
            for m, member in enumerate(body["memberships"]):
                parts = ("bodies", b, "memberships", m)
                if member["person"] is not None and member["person"] not in persons:
                    self.add(
                        (*parts, "person"),
                        _("Onbekende persoon ‘%s’: geen persoon in ‘persons’ heeft deze key.")
                        % member["person"],
                    )
                self.org((*parts, "organisation"), member["organisation"], organisations)
                self.name(
                    (*parts, "municipality"),
                    member["municipality"],
                    municipalities,
                    _("Onbekende gemeente ‘%s’: deze staat niet in ‘municipalities’."),
                )
                self.name(
                    (*parts, "on_behalf_of_body"), member["on_behalf_of_body"], bodies, unknown_body
                )
        for r, relation in enumerate(doc["relations"]):
            self.name(("relations", r, "source"), relation["source"], bodies, unknown_body)
            self.name(("relations", r, "target"), relation["target"], bodies, unknown_body)
            if relation["source"] == relation["target"]:
                self.add(
                    ("relations", r, "target"), _("Een gremium heeft geen relatie met zichzelf.")
                )

        existing = set(
            Theme.objects.filter(name__in={n for _p, n in themes}).values_list("name", flat=True)
        )
        for parts, name in themes:
            if name not in existing:
                self.add(
                    parts,
                    _(
                        "Onbekend thema ‘%s’: thema’s zijn landelijke "
                        "referentiegegevens en dit thema bestaat niet in het portaal."
                    )
                    % name,
                )
        return sorted(self.errors, key=lambda e: _path_sort_key(_parse_path(e.path)))


def _parse_path(path: str) -> Path:
    """Inverse of :func:`format_path` for the paths this module makes (sorting only)."""
    parts: list[str | int] = []
    for chunk in path[1:].replace("[", ".[").split("."):
        if not chunk:
            continue
        parts.append(int(chunk[1:-1]) if chunk.startswith("[") and chunk[1:-1].isdigit() else chunk)
    return tuple(parts)


def _copy_name(base: str) -> str:
    taken = set(Region.objects.filter(name__startswith=base).values_list("name", flat=True))
    candidates = [_("%s (kopie)") % base] + [
        _("%(name)s (kopie %(n)s)") % {"name": base, "n": n} for n in range(2, 1000)
    ]
    return next(c for c in candidates if c not in taken)


def _identity(
    document: dict[str, Any], slug: str | None, name: str | None
) -> tuple[str, str, list[RegionImportError]]:
    """The slug and name the imported region gets, and why they cannot be used."""
    errors: list[RegionImportError] = []
    new_slug = slug or document["region"]["slug"]
    if Region.objects.filter(slug=new_slug).exists():
        errors.append(
            _error(
                ("region", "slug"),
                _(
                    "Er bestaat al een regio met de korte naam ‘%s’. Kies bij het importeren een "
                    "andere korte naam (opdracht: --slug)."
                )
                % new_slug,
            )
        )
    if name:
        new_name = name
    else:
        new_name = document["region"]["name"]
        if slug and Region.objects.filter(name=new_name).exists():
            new_name = _copy_name(new_name)
    if Region.objects.filter(name=new_name).exists():
        errors.append(
            _error(
                ("region", "name"),
                _(
                    "Er bestaat al een regio met de naam ‘%s’. Kies bij het importeren een andere "
                    "naam (opdracht: --name) of een andere korte naam (--slug)."
                )
                % new_name,
            )
        )
    return new_slug, new_name, errors


def validate_region_document(
    data: Any, *, slug: str | None = None, name: str | None = None
) -> list[RegionImportError]:
    """Every problem that keeps ``data`` from being imported; an empty list when none.

    ``data`` is a parsed document (a dict), or the raw bytes/text of a file. Checks: format
    and version, the JSON Schema, duplicate names and unknown references within the file,
    theme names against the portal's themes, and whether the region's slug and name (or the
    given ``slug`` / ``name``) are still free. Model validation (dates within a body's
    lifetime and the like) needs the objects and happens during :func:`import_region`.
    Nothing is written.
    """
    if isinstance(data, bytes | bytearray | str):
        try:
            data = load_region_document(data)
        except RegionImportFailed as failure:
            return failure.errors
    errors = _kind_errors(data)
    if errors:
        return errors
    errors = _schema_errors(data)
    if errors:
        return errors
    errors = _RefCheck(data).run()
    errors += _identity(data, slug, name)[2]
    return errors


# --------------------------------------------------------------------------------------------
# Import


class _Builder:
    """Creates the objects of a valid document, collecting model validation errors.

    Every object is validated with ``full_clean()`` before anything is written, and the
    objects of one kind are then written together (``bulk_create``, with one history record
    each through simple-history's ``bulk_history_create``; the author is the user the import
    acts as). Two parts of ``full_clean()`` are left out, because the import already knows the
    answer and they would cost a query per object:

    * the existence check of foreign keys: every reference is an object this import just
      wrote, a national organisation it read, or a theme it read;
    * the uniqueness checks: every unique constraint below the region is unique per region,
      the region is new, and :class:`_RefCheck` has refused duplicates inside the document.
      The database still enforces them; a violation becomes a :class:`RegionImportFailed`.

    Relations are written one by one: whether a "gaat op in" relation makes a cycle depends
    on the relations written before it.
    """

    def __init__(self, document: dict[str, Any], *, slug: str, name: str):
        self.doc = document
        self.slug = slug
        self.name = name
        self.errors: list[RegionImportError] = []
        self.themes = {t.name: t for t in Theme.objects.all()}

    def valid(
        self, obj: models.Model, parts: Path, item: dict[str, Any] | None, *, full: bool = False
    ) -> bool:
        """full_clean(); on errors record them at the item's JSON paths.

        Without ``full`` the foreign-key existence and uniqueness checks are left out (see
        the class docstring)."""
        try:
            if full:
                obj.full_clean()
            else:
                obj.full_clean(
                    exclude=_foreign_keys(type(obj)),
                    validate_unique=False,
                    validate_constraints=False,
                )
        except ValidationError as error:
            fields = set(item or ())
            messages = (
                error.message_dict
                if hasattr(error, "error_dict")
                else {NON_FIELD_ERRORS: error.messages}
            )
            for field, texts in messages.items():
                where = (*parts, field) if field in fields else parts
                for text in texts:
                    self.errors.append(_error(where, str(text)))
            return False
        return True

    def create(self, model: type[models.Model], pending: list[tuple]) -> list:
        """Validate each ``(obj, parts, item)`` and write the valid ones in bulk; returns them
        with their primary keys."""
        objs = [obj for obj, parts, item in pending if self.valid(obj, parts, item)]
        if objs:
            bulk_create_with_history(objs, model)
        return objs

    def run(self) -> Region:
        doc = self.doc
        data = doc["region"]
        region = Region(
            name=self.name,
            slug=self.slug,
            code=data["code"],
            collaboration_model=data["collaboration_model"],
            collaboration_note=data["collaboration_note"],
            initiator=data["initiator"],
            characteristics=data["characteristics"],
            description=data["description"],
        )
        if not self.valid(region, ("region",), data, full=True):
            return region
        region.save()

        sub_regions = {
            obj.name: obj
            for obj in self.create(
                SubRegion,
                [
                    (SubRegion(region=region, name=item["name"]), ("sub_regions", i), item)
                    for i, item in enumerate(doc["sub_regions"])
                ],
            )
        }

        pending: list[tuple] = []
        for i, item in enumerate(doc["municipalities"]):
            sub = item["sub_region"]
            if sub is not None and sub not in sub_regions:
                continue
            obj = Municipality(
                region=region,
                name=item["name"],
                cbs_code=item["cbs_code"],
                sub_region=sub_regions.get(sub),
            )
            pending.append((obj, ("municipalities", i), item))
        municipalities = {obj.name: obj for obj in self.create(Municipality, pending)}

        orgs: dict[tuple[str, bool], Organisation] = {}
        national = {
            o.name: o
            for o in Organisation.objects.filter(
                region=None,
                name__in=[item["name"] for item in doc["organisations"] if item["national"]],
            )
        }
        pending = []
        for i, item in enumerate(doc["organisations"]):
            key = (item["name"], item["national"])
            if item["national"] and item["name"] in national:
                orgs[key] = national[item["name"]]  # shared reference data: used as it is
                continue
            obj = Organisation(
                name=item["name"],
                domain=item["domain"],
                kind=item["kind"],
                region=None if item["national"] else region,
            )
            pending.append((obj, ("organisations", i), item))
        for obj in self.create(Organisation, pending):
            orgs[(obj.name, obj.region_id is None)] = obj

        def org(ref: dict | None) -> tuple[bool, Organisation | None]:
            if ref is None:
                return True, None
            found = orgs.get((ref["name"], ref["national"]))
            return found is not None, found

        pending = []
        keys: dict[int, str] = {}
        for i, item in enumerate(doc["persons"]):
            ok, organisation = org(item["organisation"])
            if not ok:
                continue
            obj = Person(
                region=region,
                name=item["name"],
                function=item["function"],
                office=item["office"],
                organisation=organisation,
                email=item["email"],
            )
            keys[id(obj)] = item["key"]
            pending.append((obj, ("persons", i), item))
        persons: dict[str, Person] = {keys[id(obj)]: obj for obj in self.create(Person, pending)}

        self.create(
            RegionTheme,
            [
                (
                    RegionTheme(
                        region=region, theme=self.themes[item["theme"]], weighing=item["weighing"]
                    ),
                    ("themes", i),
                    item,
                )
                for i, item in enumerate(doc["themes"])
            ],
        )

        pending = []
        for i, ref in enumerate(doc["partners"]):
            ok, organisation = org(ref)
            if ok:
                pending.append(
                    (RegionPartner(region=region, organisation=organisation), ("partners", i), None)
                )
        self.create(RegionPartner, pending)

        pending = []
        for b, item in enumerate(doc["bodies"]):
            frequency = item["meeting_frequency_per_year"]
            obj = Body(
                region=region,
                name=item["name"],
                short_name=item["short_name"],
                kind=item["kind"],
                level=item["level"],
                decision_power=item["decision_power"],
                roles=sorted(item["roles"]),
                meeting_frequency_per_year=None if frequency is None else int(frequency),
                meeting_duration_hours=Decimal(item["meeting_duration_hours"]),
                legal_basis_kind=item["legal_basis_kind"],
                legal_basis_reference=item["legal_basis_reference"],
                status=item["status"],
                established_on=_date(item["established_on"]),
                dissolved_on=_date(item["dissolved_on"]),
                description=item["description"],
            )
            pending.append((obj, ("bodies", b), item))
        bodies: dict[str, Body] = {obj.name: obj for obj in self.create(Body, pending)}
        Body.themes.through.objects.bulk_create(
            [
                Body.themes.through(body_id=bodies[item["name"]].pk, theme_id=self.themes[n].pk)
                for item in doc["bodies"]
                if item["name"] in bodies
                for n in dict.fromkeys(item["themes"])
            ]
        )

        mandates: list[tuple] = []
        memberships: list[tuple] = []
        cost_lines: list[tuple] = []
        for b, item in enumerate(doc["bodies"]):
            body = bodies.get(item["name"])
            if body is None:
                continue
            parts = ("bodies", b)
            mandates += self.mandates(body, parts, item, orgs=org)
            memberships += self.memberships(
                body,
                parts,
                item,
                orgs=org,
                persons=persons,
                municipalities=municipalities,
                bodies=bodies,
            )
            cost_lines += [
                (
                    CostLine(
                        body=body,
                        item=line["item"],
                        estimate_eur=Decimal(line["estimate_eur"]),
                        funded_by=line["funded_by"],
                        note=line["note"],
                    ),
                    (*parts, "cost_lines", c),
                    line,
                )
                for c, line in enumerate(item["cost_lines"])
            ]
        self.create(Mandate, mandates)
        self.create(Membership, memberships)
        self.create(CostLine, cost_lines)

        for r, item in enumerate(doc["relations"]):
            source, target = bodies.get(item["source"]), bodies.get(item["target"])
            if source is None or target is None:
                continue
            obj = BodyRelation(
                source=source,
                target=target,
                kind=item["kind"],
                note=item["note"],
                valid_from=_date(item["valid_from"]),
                valid_to=_date(item["valid_to"]),
            )
            if self.valid(obj, ("relations", r), item):
                obj.save()
        return region

    def mandates(self, body: Body, parts: Path, item: dict[str, Any], *, orgs) -> list[tuple]:
        pending = []
        for m, mandate in enumerate(item["mandates"]):
            ok, organisation = orgs(mandate["organisation"])
            if not ok:
                continue
            obj = Mandate(
                body=body,
                power=mandate["power"],
                subject=mandate["subject"],
                theme=self.themes[mandate["theme"]] if mandate["theme"] else None,
                organisation=organisation,
                source_document=mandate["source_document"],
                valid_from=_date(mandate["valid_from"]),
                valid_to=_date(mandate["valid_to"]),
            )
            pending.append((obj, (*parts, "mandates", m), mandate))
        return pending

    def memberships(
        self,
        body: Body,
        parts: Path,
        item: dict[str, Any],
        *,
        orgs,
        persons,
        municipalities,
        bodies,
    ) -> list[tuple]:
        pending = []
        for m, member in enumerate(item["memberships"]):
            ok, organisation = orgs(member["organisation"])
            refs = [
                (member["person"], persons),
                (member["municipality"], municipalities),
                (member["on_behalf_of_body"], bodies),
            ]
            if not ok or any(value is not None and value not in known for value, known in refs):
                continue
            obj = Membership(
                body=body,
                role=member["role"],
                person=persons.get(member["person"]) if member["person"] else None,
                organisation=organisation,
                municipality=(
                    municipalities.get(member["municipality"]) if member["municipality"] else None
                ),
                portfolio=member["portfolio"],
                on_behalf_of=member["on_behalf_of"],
                on_behalf_of_body=(
                    bodies.get(member["on_behalf_of_body"]) if member["on_behalf_of_body"] else None
                ),
                substitute_allowed=member["substitute_allowed"],
                start=_date(member["start"]),
                end=_date(member["end"]),
            )
            pending.append((obj, (*parts, "memberships", m), member))
        return pending


def _foreign_keys(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if f.is_relation]


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def import_region(
    *, data: bytes | str, user, slug: str | None = None, name: str | None = None
) -> Region:
    """Create a new region from a document; all or nothing.

    ``user`` is recorded as the author in the history of every created object. ``slug`` and
    ``name`` replace the region's slug and name from the file; with only ``slug`` given and the
    file's name already taken, the name becomes "<name> (kopie)". National organisations that
    already exist (same name) are reused as they are. Raises :class:`RegionImportFailed` with
    every problem found; the database is then unchanged.
    """
    slug = slug or None
    name = name or None
    document = load_region_document(data)
    errors = validate_region_document(document, slug=slug, name=name)
    if errors:
        raise RegionImportFailed(errors)
    new_slug, new_name, _errors = _identity(document, slug, name)
    try:
        with acting_as(user), transaction.atomic():
            builder = _Builder(document, slug=new_slug, name=new_name)
            region = builder.run()
            if builder.errors:
                raise RegionImportFailed(
                    sorted(builder.errors, key=lambda e: _path_sort_key(_parse_path(e.path)))
                )
    except IntegrityError as error:  # e.g. the same slug saved concurrently
        raise RegionImportFailed(
            [
                _error(
                    (),
                    _("De regio kon niet worden opgeslagen (%s); er is niets veranderd.") % error,
                )
            ]
        ) from error
    return region
