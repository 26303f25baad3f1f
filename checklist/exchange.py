"""Part ``checklist`` of the region exchange format: the section ``checklist``.

Registered in ``ChecklistConfig.ready()`` with ``governance.exchange.register_section``:
governance does not import the checklist (DESIGN.md §4), yet its export, import, validation
and schema include this section.

``{"framework": {"name", "version"}, "assessments": [...], "peilmomenten": [...]}``:

* ``framework`` — the framework version the assessments were made against: the current one
  (assessments left behind on an older version when a new version was activated are not
  exported; see docs/region-format.md);
* ``assessments`` — keyed by item ``code`` (and ``municipality`` for the per-gemeente items),
  with the evidence links to bodies, mandates and actions of the same file;
* ``peilmomenten`` — frozen snapshots, each with its own framework and scores.

An import refuses a framework the portal does not have, codes that are not items of that
framework, and a municipality on an item that is not assessed per municipality. Proposals
(the participants' suggestions and their handling) are workflow, not part of the format.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, prefetch_related_objects
from django.utils.translation import gettext as _

from checklist.constants import Status
from checklist.models import Assessment, Framework, Item, Snapshot, SnapshotScore
from governance.exchange.context import ImportContext, Pending, link_rows
from governance.exchange.errors import Problems
from governance.exchange.keys import RegionKeys, mandate_key
from governance.exchange.parse import invalid_moment
from governance.exchange.refs import DocumentRefs
from governance.exchange.schema import (
    DATE,
    DAY,
    MOMENT,
    array,
    enum,
    key_ref,
    nullable_name,
    obj,
    ref,
    text,
)
from governance.exchange.sections import Section
from governance.exchange.values import iso, moment, parse_date, parse_moment, s, sorted_items
from governance.models import Body, Municipality, Region

NAME = "checklist"


def checklist_schema() -> tuple[dict[str, Any], dict[str, Any]]:
    municipality = nullable_name(
        Municipality, "Naam van een gemeente uit municipalities (alleen bij items per gemeente)."
    )
    code = text(Item, "code", required=True, description="Code van een item van het raamwerk.")
    return ref("checklist"), {
        "checklist": obj(
            {
                "framework": ref("framework_ref"),
                "assessments": array(ref("assessment")),
                "peilmomenten": array(ref("peilmoment")),
            }
        ),
        "framework_ref": obj(
            {
                "name": text(Framework, "name", required=True),
                "version": text(Framework, "version", required=True),
            },
            description="Een versie van het raamwerk die in het portaal bestaat.",
        ),
        "assessment": obj(
            {
                "code": code,
                "municipality": municipality,
                "status": enum(Status),
                "evidence": text(),
                "owner": key_ref("De key van een persoon uit persons, of null."),
                "assessed_on": DAY,
                "next_review_on": DATE,
                "bodies": array(text(Body, "name", required=True), unique=True),
                "mandates": array(ref("mandate_ref"), unique=True),
                "actions": array(
                    {"type": "string", "minLength": 1, "description": "De key van een actie."},
                    unique=True,
                ),
            }
        ),
        "peilmoment": obj(
            {
                "date": DAY,
                "note": text(Snapshot, "note"),
                "frozen_at": MOMENT,
                "frozen_by": text(Snapshot, "frozen_by_name", description="Naam, of leeg."),
                "framework": ref("framework_ref"),
                "scores": array(ref("snapshot_score")),
            }
        ),
        "snapshot_score": obj({"code": code, "municipality": municipality, "status": enum(Status)}),
    }


# --- export ------------------------------------------------------------------------------------


def _framework_ref(framework: Framework) -> dict[str, str]:
    return {"name": framework.name, "version": framework.version}


def _mandate_sort(ref_: dict) -> tuple:
    return (ref_["body"], ref_["power"], ref_["subject"], s(ref_["valid_from"]))


def export_checklist(region: Region, keys: RegionKeys) -> dict[str, Any]:
    framework = Framework.current() or Framework.objects.order_by("-created_on", "-pk").first()
    if framework is None:  # the data migration loads one; a portal without any cannot export
        raise ValueError(_("Het portaal heeft geen raamwerk; de checklist kan niet mee."))
    assessments = list(
        Assessment.objects.filter(region=region, item__framework=framework).prefetch_related(
            "bodies", "mandates", "actions"
        )
    )
    snapshots = list(
        Snapshot.objects.filter(region=region)
        .select_related("framework", "frozen_by")
        .order_by("date", "pk")
    )
    prefetch_related_objects(snapshots, Prefetch("scores", SnapshotScore.objects.order_by("pk")))

    def assessment_item(a: Assessment) -> dict[str, Any]:
        return {
            "code": a.code,
            "municipality": keys.municipality_name(a.municipality_id),
            "status": a.status,
            "evidence": a.evidence,
            "owner": keys.person_key(a.owner_id),
            "assessed_on": iso(a.assessed_on),
            "next_review_on": iso(a.next_review_on),
            "bodies": sorted(keys.body_name(b.pk) for b in a.bodies.all()),
            "mandates": sorted_items(
                (keys.mandate_ref(m) for m in a.mandates.all()), _mandate_sort
            ),
            "actions": sorted(
                k for k in (keys.action_key(x.pk) for x in a.actions.all()) if k is not None
            ),
        }

    def score_item(score: SnapshotScore) -> dict[str, Any]:
        return {
            "code": score.code,
            "municipality": keys.municipality_name(score.municipality_id),
            "status": score.status,
        }

    return {
        "framework": _framework_ref(framework),
        "assessments": sorted_items(
            (assessment_item(a) for a in assessments),
            lambda a: (a["code"], s(a["municipality"])),
        ),
        "peilmomenten": [
            {
                "date": iso(snapshot.date),
                "note": snapshot.note,
                "frozen_at": moment(snapshot.frozen_at),
                "frozen_by": snapshot.frozen_by_label,
                "framework": _framework_ref(snapshot.framework),
                "scores": sorted_items(
                    (score_item(x) for x in snapshot.scores.all()),
                    lambda x: (x["code"], s(x["municipality"])),
                ),
            }
            for snapshot in snapshots
        ],
    }


# --- validation --------------------------------------------------------------------------------


def _frameworks(data: dict[str, Any]) -> dict[tuple[str, str], Framework]:
    """The frameworks the section names, with their items (two queries)."""
    wanted = {(data["framework"]["name"], data["framework"]["version"])}
    wanted |= {(p["framework"]["name"], p["framework"]["version"]) for p in data["peilmomenten"]}
    query = Q()
    for name, version in wanted:
        query |= Q(name=name, version=version)
    found = {(f.name, f.version): f for f in Framework.objects.filter(query)}
    prefetch_related_objects(list(found.values()), "items")
    return found


def _check_entries(
    problems: Problems,
    entries: list[dict],
    at: tuple,
    framework: Framework,
    refs: DocumentRefs,
    label: str,
) -> None:
    """Codes of ``framework``, municipalities of the file and only on per-gemeente items, and
    each (code, municipality) once."""
    items = {item.code: item for item in framework.items.all()}
    seen: set = set()
    for i, entry in enumerate(entries):
        item = items.get(entry["code"])
        if item is None:
            problems.add(
                (*at, i, "code"),
                _("Onbekende code ‘%(code)s’: %(framework)s heeft geen item met deze code.")
                % {"code": entry["code"], "framework": framework},
            )
        elif entry["municipality"] is not None and not item.per_municipality:
            problems.add(
                (*at, i, "municipality"),
                _("Item %(code)s wordt niet per gemeente beoordeeld; municipality moet null zijn.")
                % {"code": entry["code"]},
            )
        problems.check((*at, i, "municipality"), refs.municipality(entry["municipality"]))
        identity = (entry["code"], entry["municipality"])
        if identity in seen:
            problems.add(
                (*at, i),
                _("%(label)s van %(code)s%(where)s staat er meer dan eens.")
                % {
                    "label": label,
                    "code": entry["code"],
                    "where": f" ({entry['municipality']})" if entry["municipality"] else "",
                },
            )
        seen.add(identity)


def validate_checklist(data: dict[str, Any], refs: DocumentRefs) -> Problems:
    problems = Problems()
    frameworks = _frameworks(data)

    def framework(ref_: dict, at: tuple) -> Framework | None:
        found = frameworks.get((ref_["name"], ref_["version"]))
        if found is None:
            problems.add(
                at,
                _(
                    "Onbekend raamwerk ‘%(name)s’ versie ‘%(version)s’: dit portaal heeft die "
                    "versie niet. De functioneel beheerder legt raamwerken vast."
                )
                % ref_,
            )
        return found

    main = framework(data["framework"], (NAME, "framework"))
    for a, item in enumerate(data["assessments"]):
        at = (NAME, "assessments", a)
        problems.check((*at, "owner"), refs.person(item["owner"]))
        for b, body in enumerate(item["bodies"]):
            problems.check((*at, "bodies", b), refs.body(body))
        for m, mandate in enumerate(item["mandates"]):
            problems.check((*at, "mandates", m), refs.mandate(mandate))
        for x, action in enumerate(item["actions"]):
            problems.check((*at, "actions", x), refs.action(action))
    if main is not None:
        _check_entries(
            problems, data["assessments"], (NAME, "assessments"), main, refs, _("De beoordeling")
        )
    seen_dates: set = set()
    for p, peilmoment in enumerate(data["peilmomenten"]):
        at = (NAME, "peilmomenten", p)
        if peilmoment["date"] in seen_dates:
            problems.add(
                (*at, "date"),
                _("Er is al een peilmoment op %s in dit bestand.") % peilmoment["date"],
            )
        seen_dates.add(peilmoment["date"])
        try:
            parse_moment(peilmoment["frozen_at"])
        except ValueError:
            problems.add((*at, "frozen_at"), invalid_moment(peilmoment["frozen_at"]))
        own = framework(peilmoment["framework"], (*at, "framework"))
        if own is not None:
            _check_entries(
                problems, peilmoment["scores"], (*at, "scores"), own, refs, _("De score")
            )
    return problems


# --- import ------------------------------------------------------------------------------------


def import_checklist(data: dict[str, Any], ctx: ImportContext) -> None:
    frameworks = _frameworks(data)
    main = frameworks[(data["framework"]["name"], data["framework"]["version"])]
    _import_assessments(data["assessments"], main, ctx)
    _import_peilmomenten(data["peilmomenten"], frameworks, ctx)


def _import_assessments(data: list[dict], framework: Framework, ctx: ImportContext) -> None:
    """Assessments with their evidence links (written in bulk, with history)."""
    result = ctx.result
    items = {item.code: item for item in framework.items.all()}
    pending: list[Pending] = []
    for a, entry in enumerate(data):
        refs = [
            ctx.lookup(result.municipalities, entry["municipality"]),
            ctx.lookup(result.persons, entry["owner"]),
        ]
        if not all(found for found, _obj in refs):
            continue  # a refused municipality or person: its error is recorded
        municipality, owner = (obj for _found, obj in refs)
        item = items[entry["code"]]
        assessment = Assessment(
            region=ctx.region,
            item=item,
            code=item.code,
            municipality=municipality,
            status=entry["status"],
            evidence=entry["evidence"],
            owner=owner,
            assessed_on=parse_date(entry["assessed_on"]),
            next_review_on=parse_date(entry["next_review_on"]),
        )
        pending.append((assessment, (NAME, "assessments", a), entry))
    entries = {id(obj): entry for obj, _parts, entry in pending}
    links: dict[str, list] = {"bodies": [], "mandates": [], "actions": []}
    for assessment in ctx.create(Assessment, pending):
        entry = entries[id(assessment)]
        for name, targets in (
            ("bodies", [result.bodies.get(n) for n in entry["bodies"]]),
            ("mandates", [result.mandates.get(mandate_key(m)) for m in entry["mandates"]]),
            ("actions", [result.actions.get(k) for k in entry["actions"]]),
        ):
            links[name] += [(assessment, t) for t in targets if t is not None]
    for name, pairs in links.items():
        link_rows(Assessment, name, pairs)


def _import_peilmomenten(
    data: list[dict], frameworks: dict[tuple[str, str], Framework], ctx: ImportContext
) -> None:
    """Peilmomenten and their scores. They keep no history (they never change), and
    ``bulk_create`` does not call ``Snapshot.save()``, which refuses any second save."""
    result = ctx.result
    snapshots: list[Pending] = []
    for p, entry in enumerate(data):
        framework = frameworks[(entry["framework"]["name"], entry["framework"]["version"])]
        snapshot = Snapshot(
            region=ctx.region,
            framework=framework,
            date=parse_date(entry["date"]),
            frozen_by=None,
            frozen_by_name=entry["frozen_by"],
            frozen_at=parse_moment(entry["frozen_at"]),
            note=entry["note"],
        )
        snapshots.append((snapshot, (NAME, "peilmomenten", p), entry))
    entries = {id(obj): (parts, entry) for obj, parts, entry in snapshots}
    scores: list[Pending] = []
    for snapshot in ctx.create(Snapshot, snapshots):
        parts, entry = entries[id(snapshot)]
        codes = {item.code: item for item in snapshot.framework.items.all()}
        for x, score in enumerate(entry["scores"]):
            ok, municipality = ctx.lookup(result.municipalities, score["municipality"])
            if ok:
                obj = SnapshotScore(
                    snapshot=snapshot,
                    item=codes[score["code"]],
                    code=score["code"],
                    municipality=municipality,
                    status=score["status"],
                )
                scores.append((obj, (*parts, "scores", x), score))
    ctx.create(SnapshotScore, scores)


CHECKLIST = Section(
    name=NAME,
    part="checklist",
    requires=("werkagenda",),
    schema=checklist_schema,
    export=export_checklist,
    validate=validate_checklist,
    import_=import_checklist,
    permission="checklist.view_checklist",
)
