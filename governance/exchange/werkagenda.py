"""Part ``werkagenda``: the sections ``knelpunten`` and ``actions``.

Actions refer to the structure (trekker = a membership reference, owner = a person key,
owning body and coalition), to knelpunten by key, and to the agenda item whose decision
created them (``{"meeting": key, "item": position}``, part ``vergaderingen``). Because agenda
items refer to actions as well, actions are written first without that link; it is set —
and the actions' history records are written — after the meetings (``ImportContext.defer``).
The log (``ActionUpdate``) names its author as text: accounts belong to one installation.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext as _

from governance.constants import (
    ActionList,
    ActionOrigin,
    ActionUpdateKind,
    ClosedReason,
    KnelpuntSource,
    KnelpuntStatus,
    Weight,
)
from governance.exchange.context import ImportContext, Pending
from governance.exchange.errors import Problems
from governance.exchange.keys import RegionKeys, membership_key
from governance.exchange.refs import DocumentRefs, unique
from governance.exchange.schema import (
    DATE,
    DAY,
    array,
    enum,
    key,
    key_ref,
    nullable_name,
    obj,
    ref,
    text,
)
from governance.exchange.sections import Section
from governance.exchange.values import iso, parse_date, ref_key, sorted_items
from governance.models import Action, ActionUpdate, Body, Knelpunt, Region, Theme

WEIGHT = {
    "type": ["integer", "null"],
    "enum": [*Weight.values, None],
    "description": "1 (laag), 2 (midden), 3 (hoog), of null (nog niet gewogen).",
}


# --- knelpunten --------------------------------------------------------------------------------


def knelpunten_schema() -> tuple[dict[str, Any], dict[str, Any]]:
    return array(ref("knelpunt")), {
        "knelpunt": obj(
            {
                "key": key("Sleutel van het knelpunt binnen dit bestand."),
                "theme": text(
                    Theme, "name", required=True, description="Naam van een thema van het portaal."
                ),
                "title": text(Knelpunt, "title", required=True),
                "description": text(),
                "source": enum(KnelpuntSource),
                "source_note": text(Knelpunt, "source_note"),
                "status": enum(KnelpuntStatus),
                "signalled_on": DAY,
            }
        )
    }


def export_knelpunten(region: Region, keys: RegionKeys) -> list[dict[str, Any]]:
    return [
        {
            "key": key,
            "theme": k.theme.name,
            "title": k.title,
            "description": k.description,
            "source": k.source,
            "source_note": k.source_note,
            "status": k.status,
            "signalled_on": iso(k.signalled_on),
        }
        for key, k in keys.knelpunten.items()
    ]


def validate_knelpunten(data: list[dict], refs: DocumentRefs) -> Problems:
    problems = Problems()
    unique(problems, data, ("knelpunten",), "key", _("Knelpuntsleutel"))
    for i, item in enumerate(data):
        problems.check(("knelpunten", i, "theme"), refs.theme(item["theme"]))
    return problems


def import_knelpunten(data: list[dict], ctx: ImportContext) -> None:
    pending: list[Pending] = []
    keys: dict[int, str] = {}
    for i, item in enumerate(data):
        knelpunt = Knelpunt(
            region=ctx.region,
            theme=ctx.themes[item["theme"]],
            title=item["title"],
            description=item["description"],
            source=item["source"],
            source_note=item["source_note"],
            status=item["status"],
            signalled_on=parse_date(item["signalled_on"]),
        )
        keys[id(knelpunt)] = item["key"]
        pending.append((knelpunt, ("knelpunten", i), item))
    ctx.result.knelpunten = {keys[id(k)]: k for k in ctx.create(Knelpunt, pending)}


KNELPUNTEN = Section(
    name="knelpunten",
    part="werkagenda",
    schema=knelpunten_schema,
    export=export_knelpunten,
    validate=validate_knelpunten,
    import_=import_knelpunten,
)


# --- actions -----------------------------------------------------------------------------------


def actions_schema() -> tuple[dict[str, Any], dict[str, Any]]:
    return array(ref("action")), {
        "action": obj(
            {
                "key": key("Sleutel van de actie binnen dit bestand."),
                "title": text(Action, "title", required=True),
                "description": text(),
                "theme": nullable_name(Theme, "Naam van een thema van het portaal, of null."),
                "list": enum(ActionList),
                "list_since": DAY,
                "closed_reason": enum(ClosedReason, blank=True),
                "closing_note": text(),
                "importance": WEIGHT,
                "feasibility": WEIGHT,
                "impact": WEIGHT,
                "trekker": ref("membership_ref_or_null"),
                "owner": key_ref("De key van een persoon uit persons (de actiehouder), of null."),
                "owning_body": nullable_name(Body, "Naam van een gremium uit bodies, of null."),
                "coalition": array(ref("organisation_ref"), unique=True),
                "knelpunten": array(
                    {"type": "string", "minLength": 1, "description": "De key van een knelpunt."},
                    unique=True,
                ),
                "due_date": DATE,
                "origin": enum(ActionOrigin, blank=True),
                "origin_note": text(Action, "origin_note"),
                "origin_agenda_item": ref("agenda_item_ref_or_null"),
                "created_on": DAY,
                "log": array(ref("action_update")),
            }
        ),
        "agenda_item_ref_or_null": obj(
            {
                "meeting": key_ref("De key van een vergadering uit meetings."),
                "item": {
                    "type": "integer",
                    "minimum": 1,
                    "description": "Plaats van het agendapunt in items van die vergadering "
                    "(vanaf 1).",
                },
            },
            nullable=True,
        ),
        "action_update": obj(
            {
                "date": DAY,
                "kind": enum(ActionUpdateKind),
                "from_list": enum(ActionList, blank=True),
                "to_list": enum(ActionList, blank=True),
                "text": text(),
                "author": text(
                    ActionUpdate, "author_name", description="Naam van de auteur, of leeg."
                ),
            }
        ),
    }


def export_actions(region: Region, keys: RegionKeys) -> list[dict[str, Any]]:
    actions = list(keys.actions.values())
    # the trekker is one of the memberships region_keys read with the bodies
    seats = {m.pk: m for body in keys.bodies.values() for m in body.memberships.all()}
    prefetch_related_objects(
        actions,
        "coalition",
        "knelpunten",
        Prefetch("updates", ActionUpdate.objects.select_related("author").order_by("date", "pk")),
    )
    return [
        {
            "key": key,
            "title": a.title,
            "description": a.description,
            "theme": a.theme.name if a.theme else None,
            "list": a.list,
            "list_since": iso(a.list_since),
            "closed_reason": a.closed_reason,
            "closing_note": a.closing_note,
            "importance": a.importance,
            "feasibility": a.feasibility,
            "impact": a.impact,
            "trekker": keys.membership_ref(seats.get(a.trekker_id)),
            "owner": keys.person_key(a.owner_id),
            "owning_body": keys.body_name(a.owning_body_id),
            "coalition": sorted_items(
                (keys.organisation_ref(o) for o in a.coalition.all()), ref_key
            ),
            "knelpunten": sorted(
                k for k in (keys.knelpunt_key(k.pk) for k in a.knelpunten.all()) if k is not None
            ),
            "due_date": iso(a.due_date),
            "origin": a.origin,
            "origin_note": a.origin_note,
            "origin_agenda_item": keys.agenda_item_ref(a.origin_agenda_item_id),
            "created_on": iso(a.created_on),
            "log": [
                {
                    "date": iso(u.date),
                    "kind": u.kind,
                    "from_list": u.from_list,
                    "to_list": u.to_list,
                    "text": u.text,
                    "author": u.author_label,
                }
                for u in a.updates.all()
            ],
        }
        for key, a in keys.actions.items()
    ]


def validate_actions(data: list[dict], refs: DocumentRefs) -> Problems:
    problems = Problems()
    unique(problems, data, ("actions",), "key", _("Actiesleutel"))
    for i, item in enumerate(data):
        at = ("actions", i)
        problems.check((*at, "theme"), refs.theme(item["theme"]))
        problems.check((*at, "trekker"), refs.membership(item["trekker"]))
        problems.check((*at, "owner"), refs.person(item["owner"]))
        problems.check((*at, "owning_body"), refs.body(item["owning_body"]))
        for c, organisation in enumerate(item["coalition"]):
            problems.check((*at, "coalition", c), refs.organisation(organisation))
        for k, knelpunt in enumerate(item["knelpunten"]):
            problems.check((*at, "knelpunten", k), refs.knelpunt(knelpunt))
        found = refs.agenda_item(item["origin_agenda_item"])
        if found:
            problems.add((*at, "origin_agenda_item", *found[0]), found[1])
    return problems


def import_actions(data: list[dict], ctx: ImportContext) -> None:
    result = ctx.result
    pending: list[Pending] = []
    items: dict[int, tuple[int, dict]] = {}
    for i, item in enumerate(data):
        trekker = (
            result.memberships.get(membership_key(item["trekker"])) if item["trekker"] else None
        )
        found = [
            item["trekker"] is None or trekker is not None,
            ctx.lookup(result.persons, item["owner"])[0],
            ctx.lookup(result.bodies, item["owning_body"])[0],
        ]
        if not all(found):
            continue  # a refused membership, person or body: its error is recorded
        action = Action(
            region=ctx.region,
            title=item["title"],
            description=item["description"],
            theme=ctx.themes[item["theme"]] if item["theme"] else None,
            list=item["list"],
            list_since=parse_date(item["list_since"]),
            closed_reason=item["closed_reason"],
            closing_note=item["closing_note"],
            importance=item["importance"],
            feasibility=item["feasibility"],
            impact=item["impact"],
            trekker=trekker,
            owner=result.persons.get(item["owner"]) if item["owner"] else None,
            owning_body=result.bodies.get(item["owning_body"]) if item["owning_body"] else None,
            due_date=parse_date(item["due_date"]),
            origin=item["origin"],
            origin_note=item["origin_note"],
            created_on=parse_date(item["created_on"]),
        )
        items[id(action)] = (i, item)
        pending.append((action, ("actions", i), item))
    # History records are written once the link to the agenda item is known (see below).
    actions = ctx.create(Action, pending, history=False)
    result.actions = {items[id(a)][1]["key"]: a for a in actions}

    coalition, knelpunten, log = [], [], []
    for action in actions:
        i, item = items[id(action)]
        for ref_ in item["coalition"]:
            ok, organisation = ctx.organisation(ref_)
            if ok:
                coalition.append(
                    Action.coalition.through(action_id=action.pk, organisation_id=organisation.pk)
                )
        for key_ in item["knelpunten"]:
            knelpunt = result.knelpunten.get(key_)
            if knelpunt is not None:
                knelpunten.append(
                    Action.knelpunten.through(action_id=action.pk, knelpunt_id=knelpunt.pk)
                )
        for u, entry in enumerate(item["log"]):
            update = ActionUpdate(
                action=action,
                date=parse_date(entry["date"]),
                kind=entry["kind"],
                from_list=entry["from_list"],
                to_list=entry["to_list"],
                text=entry["text"],
                author=None,
                author_name=entry["author"],
            )
            log.append((update, ("actions", i, "log", u), entry))
    Action.coalition.through.objects.bulk_create(coalition)
    Action.knelpunten.through.objects.bulk_create(knelpunten)
    ctx.create(ActionUpdate, log)  # in file order, so that (date, id) keeps the file's order

    def link_and_record() -> None:
        linked = []
        for action in actions:
            reference = items[id(action)][1]["origin_agenda_item"]
            agenda_item = result.agenda_item(reference)
            if agenda_item is not None:
                action.origin_agenda_item = agenda_item
                linked.append(action)
        if linked:
            Action.objects.bulk_update(linked, ["origin_agenda_item"])
        Action.history.bulk_history_create(actions)

    ctx.defer(link_and_record)


ACTIONS = Section(
    name="actions",
    part="werkagenda",
    schema=actions_schema,
    export=export_actions,
    validate=validate_actions,
    import_=import_actions,
)
