"""Exporting a region: the structure, plus the sections of the parts asked for.

The portal always writes the newest format version (``schema.VERSION``) and the canonical
text (:func:`dump_document`). The number of queries does not depend on the size of the
region: every kind of object is read once for the whole region (see
``tests/governance/test_exchange_queries.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import models

from governance.constants import MembershipRole
from governance.exchange.keys import RegionKeys, region_keys
from governance.exchange.schema import FORMAT, VERSION
from governance.exchange.sections import STRUCTURE, available_parts, normalise_parts, sections
from governance.exchange.values import (
    decimal_text,
    dump_document,
    iso,
    org_ref,
    ref_key,
    s,
    sorted_items,
)
from governance.models import (
    Body,
    BodyRelation,
    CostLine,
    Framework,
    Mandate,
    Membership,
    Organisation,
    Region,
    RegionPartner,
    RegionTheme,
    SubRegion,
)

_ROLE_ORDER = {value: index for index, value in enumerate(MembershipRole.values)}


def _mandate_item(mandate: Mandate) -> dict[str, Any]:
    return {
        "power": mandate.power,
        "subject": mandate.subject,
        "theme": mandate.theme.name if mandate.theme else None,
        "organisation": org_ref(mandate.organisation),
        "source_document": mandate.source_document,
        "valid_from": iso(mandate.valid_from),
        "valid_to": iso(mandate.valid_to),
        "evaluate_before": iso(mandate.evaluate_before),
    }


def _membership_item(membership: Membership, keys: RegionKeys) -> dict[str, Any]:
    return {
        "role": membership.role,
        "person": keys.person_key(membership.person_id),
        "organisation": org_ref(membership.organisation),
        "municipality": membership.municipality.name if membership.municipality else None,
        "portfolio": membership.portfolio,
        "on_behalf_of": membership.on_behalf_of,
        "on_behalf_of_body": (
            membership.on_behalf_of_body.name if membership.on_behalf_of_body else None
        ),
        "substitute_allowed": membership.substitute_allowed,
        "start": iso(membership.start),
        "end": iso(membership.end),
    }


def _cost_line_item(line: CostLine) -> dict[str, Any]:
    return {
        "item": line.item,
        "estimate_eur": decimal_text(line.estimate_eur, 2),
        "funded_by": line.funded_by,
        "note": line.note,
    }


def _body_item(body: Body, keys: RegionKeys) -> dict[str, Any]:
    return {
        "name": body.name,
        "short_name": body.short_name,
        "kind": body.kind,
        "level": body.level,
        "decision_power": body.decision_power,
        "roles": sorted(body.roles or []),
        "meeting_frequency_per_year": body.meeting_frequency_per_year,
        "meeting_duration_hours": decimal_text(body.meeting_duration_hours, 1),
        "legal_basis_kind": body.legal_basis_kind,
        "legal_basis_reference": body.legal_basis_reference,
        "status": body.status,
        "established_on": iso(body.established_on),
        "dissolved_on": iso(body.dissolved_on),
        "themes": sorted(t.name for t in body.themes.all()),
        "description": body.description,
        "mandates": sorted_items(
            (_mandate_item(m) for m in body.mandates.all()),
            lambda m: (
                m["power"],
                m["subject"],
                s(m["theme"]),
                ref_key(m["organisation"]),
                s(m["valid_from"]),
                s(m["valid_to"]),
            ),
        ),
        "memberships": sorted_items(
            (_membership_item(m, keys) for m in body.memberships.all()),
            lambda m: (
                _ROLE_ORDER.get(m["role"], len(_ROLE_ORDER)),
                s(m["person"]),
                ref_key(m["organisation"]),
                s(m["municipality"]),
                s(m["start"]),
                s(m["end"]),
            ),
        ),
        "cost_lines": sorted_items(
            (_cost_line_item(c) for c in body.cost_lines.all()),
            lambda c: (c["item"], Decimal(c["estimate_eur"])),
        ),
        "documents_term_days": body.documents_term_days,
        "quorum": body.quorum,
        "quorum_unit": body.quorum_unit,
        "framework": body.framework.name if body.framework_id else None,
        "evaluate_before": iso(body.evaluate_before),
    }


def export_structure(region: Region, keys: RegionKeys) -> dict[str, Any]:
    """The structure's top-level fields. Organisations are the region's own plus every
    national one the structure — or a section exported before (``keys.used_organisations``)
    — refers to."""
    sub_regions = list(SubRegion.objects.filter(region=region))
    frameworks = list(Framework.objects.filter(region=region))
    municipalities = list(keys.municipalities.values())
    region_themes = list(RegionTheme.objects.filter(region=region).select_related("theme"))
    partners = list(RegionPartner.objects.filter(region=region).select_related("organisation"))
    bodies = list(keys.bodies.values())  # with mandates and memberships (see region_keys)
    models.prefetch_related_objects(bodies, "themes", "cost_lines")
    relations = list(
        BodyRelation.objects.filter(source__region=region).select_related("source", "target")
    )
    persons = list(keys.persons.values())  # in the order in which their keys were numbered

    organisations: dict[int, Organisation] = {
        o.pk: o for o in Organisation.objects.filter(region=region)
    }
    used = [p.organisation for p in persons] + [p.organisation for p in partners]
    for body in bodies:
        used += [m.organisation for m in body.mandates.all()]
        used += [m.organisation for m in body.memberships.all()]
    used += list(keys.used_organisations.values())
    for org in used:
        if org is not None and org.region_id is None:
            organisations[org.pk] = org

    return {
        "region": {
            "name": region.name,
            "slug": region.slug,
            "code": region.code,
            "collaboration_model": region.collaboration_model,
            "collaboration_note": region.collaboration_note,
            "initiator": region.initiator,
            "characteristics": region.characteristics,
            "description": region.description,
            "registration_since": iso(region.registration_since),
        },
        "sub_regions": sorted_items(
            ({"name": x.name} for x in sub_regions), lambda x: (x["name"],)
        ),
        "municipalities": sorted_items(
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
        "organisations": sorted_items(
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
        "persons": [
            {
                "key": key,
                "name": person.name,
                "function": person.function,
                "office": person.office,
                "organisation": org_ref(person.organisation),
                "email": person.email,
            }
            for key, person in keys.persons.items()
        ],
        "themes": sorted_items(
            ({"theme": rt.theme.name, "weighing": rt.weighing} for rt in region_themes),
            lambda t: (t["theme"],),
        ),
        "partners": sorted_items((org_ref(p.organisation) for p in partners), ref_key),
        "frameworks": sorted_items(
            (
                {
                    "name": f.name,
                    "kind": f.kind,
                    "source_document": f.source_document,
                    "description": f.description,
                }
                for f in frameworks
            ),
            lambda f: (f["name"],),
        ),
        "bodies": sorted_items((_body_item(b, keys) for b in bodies), lambda b: (b["name"],)),
        "relations": sorted_items(
            (
                {
                    "source": r.source.name,
                    "kind": r.kind,
                    "target": r.target.name,
                    "note": r.note,
                    "valid_from": iso(r.valid_from),
                    "valid_to": iso(r.valid_to),
                }
                for r in relations
            ),
            lambda r: (r["source"], r["kind"], r["target"], s(r["valid_from"]), s(r["valid_to"])),
        ),
    }


def export_region(region: Region, parts: Iterable[str] | None = None) -> dict[str, Any]:
    """The region as a document of the newest format version (a JSON-ready dict) with
    ``parts`` (default: the structure alone; ``structuur`` is always included). Raises
    ValueError (Dutch) for an unknown part or a part without the parts it needs."""
    parts = normalise_parts(parts or [STRUCTURE])
    keys = region_keys(region, parts=parts)
    document: dict[str, Any] = {"format": FORMAT, "version": VERSION, "parts": parts}
    exported = {section.name: section.export(region, keys) for section in sections(parts)}
    document.update(export_structure(region, keys))
    document.update(exported)
    return document


def dump_region_json(region: Region, parts: Iterable[str] | None = None) -> str:
    """The region as canonical JSON text (see :func:`dump_document`)."""
    return dump_document(export_region(region, parts))


def export_filename(region: Region, parts: Iterable[str] | None = None) -> str:
    """A file name for downloads: ``regio-nog.json`` for the structure, ``regio-nog-alles.json``
    with every part, else the parts named (``regio-nog-structuur-werkagenda.json``)."""
    chosen = normalise_parts(parts or [STRUCTURE])
    if chosen == [STRUCTURE]:
        suffix = ""
    elif chosen == available_parts():
        suffix = "-alles"
    else:
        suffix = "-" + "-".join(chosen)
    return f"regio-{region.slug}{suffix}.json"
