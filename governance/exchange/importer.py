"""Importing a region document: always a new region, all or nothing.

The structure is built here; every other section by its registered ``import_`` (see
:mod:`governance.exchange.sections`), in the order of the parts, with the same
:class:`~governance.exchange.context.ImportContext`. Relations are written one by one: whether
a "gaat op in" relation makes a cycle depends on the relations written before it.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.history import acting_as
from governance.exchange.context import ImportContext, ImportResult, Pending
from governance.exchange.errors import Path, RegionImportFailed, error, sort_errors
from governance.exchange.keys import mandate_key, seat_keys
from governance.exchange.parse import load_region_document, printable
from governance.exchange.sections import sections
from governance.exchange.validate import identity, upgrade, validate_region_document
from governance.exchange.values import parse_date, parse_moment
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
    RegionPartner,
    RegionTheme,
    SubRegion,
)


def registration_since(doc: dict[str, Any]) -> date:
    """The region's "registratie sinds": the date in the file when it gives one; otherwise the
    day of the earliest meeting in the file; otherwise today (the import date). Rules that look
    back in time judge only the period from then on."""
    given = parse_date(doc["region"]["registration_since"])
    if given is not None:
        return given
    starts = [parse_moment(m["starts_at"]) for m in doc.get("meetings", [])]
    if starts:
        return timezone.localdate(min(starts))
    return timezone.localdate()


def _build_region(ctx: ImportContext, doc: dict[str, Any], *, slug: str, name: str) -> bool:
    data = doc["region"]
    region = Region(
        name=name,
        slug=slug,
        code=data["code"],
        collaboration_model=data["collaboration_model"],
        collaboration_note=data["collaboration_note"],
        initiator=data["initiator"],
        characteristics=data["characteristics"],
        description=data["description"],
        registration_since=registration_since(doc),
    )
    ctx.result.region = region
    if not ctx.valid(region, ("region",), data, full=True):
        return False
    region.save()
    ctx.count(Region)
    return True


def _build_places(ctx: ImportContext, doc: dict[str, Any]) -> None:
    region = ctx.region
    sub_regions = {
        obj.name: obj
        for obj in ctx.create(
            SubRegion,
            [
                (SubRegion(region=region, name=item["name"]), ("sub_regions", i), item)
                for i, item in enumerate(doc["sub_regions"])
            ],
        )
    }
    pending: list[Pending] = []
    for i, item in enumerate(doc["municipalities"]):
        ok, sub_region = ctx.lookup(sub_regions, item["sub_region"])
        if ok:
            obj = Municipality(
                region=region, name=item["name"], cbs_code=item["cbs_code"], sub_region=sub_region
            )
            pending.append((obj, ("municipalities", i), item))
    ctx.result.municipalities = {obj.name: obj for obj in ctx.create(Municipality, pending)}


def _build_organisations(ctx: ImportContext, doc: dict[str, Any]) -> None:
    national = {
        o.name: o
        for o in Organisation.objects.filter(
            region=None,
            name__in=[item["name"] for item in doc["organisations"] if item["national"]],
        )
    }
    pending: list[Pending] = []
    for i, item in enumerate(doc["organisations"]):
        key = (item["name"], item["national"])
        if item["national"] and item["name"] in national:
            ctx.organisations[key] = national[item["name"]]  # shared reference data, as it is
            continue
        obj = Organisation(
            name=item["name"],
            domain=item["domain"],
            kind=item["kind"],
            region=None if item["national"] else ctx.region,
        )
        pending.append((obj, ("organisations", i), item))
    for obj in ctx.create(Organisation, pending):
        ctx.organisations[(obj.name, obj.region_id is None)] = obj


def _build_persons(ctx: ImportContext, doc: dict[str, Any]) -> None:
    pending: list[Pending] = []
    keys: dict[int, str] = {}
    for i, item in enumerate(doc["persons"]):
        ok, organisation = ctx.organisation(item["organisation"])
        if not ok:
            continue
        obj = Person(
            region=ctx.region,
            name=item["name"],
            function=item["function"],
            office=item["office"],
            organisation=organisation,
            email=item["email"],
        )
        keys[id(obj)] = item["key"]
        pending.append((obj, ("persons", i), item))
    ctx.result.persons = {keys[id(obj)]: obj for obj in ctx.create(Person, pending)}


def _build_themes_and_partners(ctx: ImportContext, doc: dict[str, Any]) -> None:
    region = ctx.region
    ctx.create(
        RegionTheme,
        [
            (
                RegionTheme(
                    region=region, theme=ctx.themes[item["theme"]], weighing=item["weighing"]
                ),
                ("themes", i),
                item,
            )
            for i, item in enumerate(doc["themes"])
        ],
    )
    pending: list[Pending] = []
    for i, ref in enumerate(doc["partners"]):
        ok, organisation = ctx.organisation(ref)
        if ok:
            pending.append(
                (RegionPartner(region=region, organisation=organisation), ("partners", i), None)
            )
    ctx.create(RegionPartner, pending)


def _build_frameworks(ctx: ImportContext, doc: dict[str, Any]) -> None:
    ctx.result.frameworks = {
        obj.name: obj
        for obj in ctx.create(
            Framework,
            [
                (
                    Framework(
                        region=ctx.region,
                        name=item["name"],
                        kind=item["kind"],
                        source_document=item["source_document"],
                        description=item["description"],
                    ),
                    ("frameworks", i),
                    item,
                )
                for i, item in enumerate(doc["frameworks"])
            ],
        )
    }


def _build_bodies(ctx: ImportContext, doc: dict[str, Any]) -> None:
    pending: list[Pending] = []
    for b, item in enumerate(doc["bodies"]):
        ok, framework = ctx.lookup(ctx.result.frameworks, item["framework"])
        if not ok:
            continue  # a refused framework: its error is recorded
        frequency = item["meeting_frequency_per_year"]
        obj = Body(
            region=ctx.region,
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
            established_on=parse_date(item["established_on"]),
            dissolved_on=parse_date(item["dissolved_on"]),
            description=item["description"],
            documents_term_days=item["documents_term_days"],
            quorum=item["quorum"],
            quorum_unit=item["quorum_unit"],
            framework=framework,
            evaluate_before=parse_date(item["evaluate_before"]),
        )
        pending.append((obj, ("bodies", b), item))
    bodies: dict[str, Body] = {obj.name: obj for obj in ctx.create(Body, pending)}
    ctx.result.bodies = bodies
    Body.themes.through.objects.bulk_create(
        [
            Body.themes.through(body_id=bodies[item["name"]].pk, theme_id=ctx.themes[n].pk)
            for item in doc["bodies"]
            if item["name"] in bodies
            for n in dict.fromkeys(item["themes"])
        ]
    )


def _mandates(ctx: ImportContext, body: Body, parts: Path, item: dict) -> list[Pending]:
    pending: list[Pending] = []
    for m, mandate in enumerate(item["mandates"]):
        ok, organisation = ctx.organisation(mandate["organisation"])
        if not ok:
            continue
        obj = Mandate(
            body=body,
            power=mandate["power"],
            subject=mandate["subject"],
            theme=ctx.themes[mandate["theme"]] if mandate["theme"] else None,
            organisation=organisation,
            source_document=mandate["source_document"],
            valid_from=parse_date(mandate["valid_from"]),
            valid_to=parse_date(mandate["valid_to"]),
            evaluate_before=parse_date(mandate["evaluate_before"]),
        )
        pending.append((obj, (*parts, "mandates", m), mandate))
    return pending


def _memberships(ctx: ImportContext, body: Body, parts: Path, item: dict) -> list[Pending]:
    result = ctx.result
    pending: list[Pending] = []
    for m, member in enumerate(item["memberships"]):
        ok, organisation = ctx.organisation(member["organisation"])
        refs = [
            ctx.lookup(result.persons, member["person"]),
            ctx.lookup(result.municipalities, member["municipality"]),
            ctx.lookup(result.bodies, member["on_behalf_of_body"]),
        ]
        if not ok or not all(found for found, _obj in refs):
            continue  # a refused person, municipality or body: its error is recorded
        person, municipality, on_behalf_of_body = (obj for _found, obj in refs)
        obj = Membership(
            body=body,
            role=member["role"],
            person=person,
            organisation=organisation,
            municipality=municipality,
            portfolio=member["portfolio"],
            on_behalf_of=member["on_behalf_of"],
            on_behalf_of_body=on_behalf_of_body,
            substitute_allowed=member["substitute_allowed"],
            start=parse_date(member["start"]),
            end=parse_date(member["end"]),
        )
        pending.append((obj, (*parts, "memberships", m), member))
    return pending


def _keyed(objs: list, pending: list[Pending], keys) -> dict:
    """The created objects under each of ``keys(body name, item)``, for keys that name one
    object."""
    created = {id(obj) for obj in objs}
    pairs = [
        (key, obj)
        for obj, parts, item in pending
        for body_name in [obj.body.name]
        if id(obj) in created
        for key in keys(body_name, item)
    ]
    counts = Counter(k for k, _obj in pairs)
    return {k: obj for k, obj in pairs if counts[k] == 1}


def _build_body_parts(ctx: ImportContext, doc: dict[str, Any]) -> None:
    mandates: list[Pending] = []
    memberships: list[Pending] = []
    cost_lines: list[Pending] = []
    for b, item in enumerate(doc["bodies"]):
        body = ctx.result.bodies.get(item["name"])
        if body is None:
            continue
        parts = ("bodies", b)
        mandates += _mandates(ctx, body, parts, item)
        memberships += _memberships(ctx, body, parts, item)
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
    created = ctx.create(Mandate, mandates)
    ctx.result.mandates = _keyed(
        created, mandates, lambda body, item: [mandate_key({"body": body, **item})]
    )
    created = ctx.create(Membership, memberships)
    ctx.result.memberships = _keyed(
        created, memberships, lambda body, item: seat_keys({"body": body, **item})
    )
    ctx.create(CostLine, cost_lines)


def _build_relations(ctx: ImportContext, doc: dict[str, Any]) -> None:
    bodies = ctx.result.bodies
    for r, item in enumerate(doc["relations"]):
        source, target = bodies.get(item["source"]), bodies.get(item["target"])
        if source is None or target is None:
            continue
        obj = BodyRelation(
            source=source,
            target=target,
            kind=item["kind"],
            note=item["note"],
            valid_from=parse_date(item["valid_from"]),
            valid_to=parse_date(item["valid_to"]),
        )
        if ctx.valid(obj, ("relations", r), item):
            obj.save()
            ctx.count(BodyRelation)


def build_structure(ctx: ImportContext, doc: dict[str, Any], *, slug: str, name: str) -> bool:
    """Write the structure; False when the region itself was refused (nothing else done)."""
    if not _build_region(ctx, doc, slug=slug, name=name):
        return False
    _build_places(ctx, doc)
    _build_organisations(ctx, doc)
    _build_persons(ctx, doc)
    _build_themes_and_partners(ctx, doc)
    _build_frameworks(ctx, doc)
    _build_bodies(ctx, doc)
    _build_body_parts(ctx, doc)
    _build_relations(ctx, doc)
    return True


def import_region(
    *, data: bytes | str, user, slug: str | None = None, name: str | None = None
) -> ImportResult:
    """Create a new region from a document of any version the portal reads; all or nothing.

    ``user`` is recorded as the author in the history of every created object. ``slug`` and
    ``name`` replace the region's slug and name from the file; with only ``slug`` given and the
    file's name already taken, the name becomes "<name> (kopie)". National organisations that
    already exist (same name) are reused as they are. Raises :class:`RegionImportFailed` with
    every problem found; the database is then unchanged.

    Returns an :class:`~governance.exchange.context.ImportResult`: ``result.region`` is the new
    region; its maps give the created objects under the keys of the file (``persons``,
    ``bodies``, ``knelpunten``, ``actions``, ``meetings``, ``agenda_items`` by ``(meeting key,
    position)``, ``memberships`` and ``mandates`` by their reference tuples, …), ``created``
    counts the objects per kind.
    """
    slug = slug or None
    name = name or None
    document = load_region_document(data)
    errors = validate_region_document(document, slug=slug, name=name)
    if errors:
        raise RegionImportFailed(errors)
    version = document["version"]
    document = upgrade(document)
    new_slug, new_name, _errors = identity(document, slug, name)
    result = ImportResult(region=None, version=version, parts=list(document["parts"]))
    try:
        with acting_as(user), transaction.atomic():
            ctx = ImportContext(result=result, user=user)
            if build_structure(ctx, document, slug=new_slug, name=new_name):
                for section in sections(document["parts"]):
                    section.import_(document[section.name], ctx)
            if not ctx.errors:
                ctx.finish()
            if ctx.errors:
                raise RegionImportFailed(sort_errors(ctx.errors))
    except DatabaseError as problem:
        # The checks above should leave nothing for the database to refuse; what remains
        # (e.g. the same slug saved concurrently) is refused as a whole, and the transaction
        # has written nothing.
        raise RegionImportFailed(
            [
                error(
                    (),
                    _("De regio kon niet worden opgeslagen (%s); er is niets veranderd.")
                    % printable(str(problem), 300),
                )
            ]
        ) from problem
    return result
