"""The structure of a region as it was on a date, and its table equivalent.

- :func:`structure_on` collects the bodies that existed on a day (``Body.valid_on``) and the
  relations valid on that day whose both ends existed then, in two queries.
- :func:`structure_table` gives the same information as the diagram as table rows (the text
  equivalent).

The diagram has two views (:data:`VIEWS`): by level (``niveau``, the default: a cluster per
level) and by framework (``kader``: a cluster per framework, bodies without one together in
"Zonder kader"). :func:`parse_view` turns any user input into one of them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from governance.constants import (
    FORMAL_FRAMEWORK_KINDS,
    BodyKind,
    BodyStatus,
    DecisionPower,
    FrameworkKind,
    Level,
    RelationKind,
)
from governance.models import Body, BodyRelation, Framework, Region

LEVEL_ORDER: tuple[str, ...] = (Level.BESTUURLIJK, Level.TACTISCH, Level.OPERATIONEEL)

#: The views of the diagram: the value of ``?weergave=`` and its Dutch label.
VIEW_LEVEL = "niveau"
VIEW_FRAMEWORK = "kader"
VIEWS: dict[str, str] = {VIEW_LEVEL: "per niveau", VIEW_FRAMEWORK: "per kader"}
DEFAULT_VIEW = VIEW_LEVEL


def parse_view(value) -> str:
    """The view asked for, or the default for anything else (missing, unknown, not text)."""
    return value if isinstance(value, str) and value in VIEWS else DEFAULT_VIEW


def view_label(view: str) -> str:
    return VIEWS[parse_view(view)]


def framework_label(framework: Framework | None) -> str:
    """ "GR Noord (gemeenschappelijke regeling)", or "Zonder kader"."""
    if framework is None:
        return _("Zonder kader")
    return f"{framework.name} ({_kind_label(framework.kind, FrameworkKind).lower()})"


@dataclass
class StructureSnapshot:
    """What existed in ``region`` on ``on``."""

    region: Region
    on: date
    bodies_by_level: dict[str, list[Body]] = field(default_factory=dict)
    relations: list[BodyRelation] = field(default_factory=list)

    @property
    def bodies(self) -> list[Body]:
        return [b for level in LEVEL_ORDER for b in self.bodies_by_level.get(level, [])]

    @property
    def body_count(self) -> int:
        return sum(len(v) for v in self.bodies_by_level.values())

    @property
    def bodies_by_framework(self) -> list[tuple[Framework | None, list[Body]]]:
        """The bodies per framework: the frameworks with a formal decision line first, then
        the others, each by name; bodies without a framework last (``None``). Within a
        group by level, then name. Only frameworks with a body on the day appear."""
        groups: dict[int | None, list[Body]] = {}
        frameworks: dict[int, Framework] = {}
        for body in self.bodies:
            groups.setdefault(body.framework_id, []).append(body)
            if body.framework_id:
                frameworks[body.framework_id] = body.framework
        ordered = sorted(
            frameworks.values(),
            key=lambda f: (f.kind not in FORMAL_FRAMEWORK_KINDS, _sort_key(f.name)),
        )
        result: list[tuple[Framework | None, list[Body]]] = [(f, groups[f.pk]) for f in ordered]
        if None in groups:
            result.append((None, groups[None]))
        return result

    def summary(self, view: str = DEFAULT_VIEW) -> str:
        """One sentence for ``<desc>``: "12 gremia: 5 bestuurlijk, ...; 9 relaties", and per
        framework in the framework view ("12 gremia in 3 kaders: GR X 4, ...; 9 relaties")."""
        if parse_view(view) == VIEW_FRAMEWORK:
            return self._framework_summary()
        n = self.body_count
        parts = [
            f"{len(self.bodies_by_level.get(level, []))} {str(Level(level).label).lower()}"
            for level in LEVEL_ORDER
        ]
        bodies = _("1 gremium") if n == 1 else _("%(n)d gremia") % {"n": n}
        r = len(self.relations)
        relations = _("1 relatie") if r == 1 else _("%(n)d relaties") % {"n": r}
        return f"{bodies}: {', '.join(parts)}; {relations}"

    def _framework_summary(self) -> str:
        n = self.body_count
        bodies = _("1 gremium") if n == 1 else _("%(n)d gremia") % {"n": n}
        groups = self.bodies_by_framework
        k = sum(1 for framework, _bodies in groups if framework is not None)
        frameworks = _("1 kader") if k == 1 else _("%(n)d kaders") % {"n": k}
        parts = [
            f"{framework.name if framework else _('zonder kader')} {len(members)}"
            for framework, members in groups
        ]
        r = len(self.relations)
        relations = _("1 relatie") if r == 1 else _("%(n)d relaties") % {"n": r}
        listed = f": {', '.join(parts)}" if parts else ""
        return _("%(bodies)s in %(frameworks)s%(listed)s; %(relations)s") % {
            "bodies": bodies,
            "frameworks": frameworks,
            "listed": listed,
            "relations": relations,
        }


def _sort_key(text: str) -> tuple[str, str]:
    """Dutch-friendly ordering: case- and accent-insensitive, then exact."""
    folded = "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    ).casefold()
    return (folded, text)


def structure_on(region: Region, on: date) -> StructureSnapshot:
    """The bodies and relations of ``region`` on ``on``, in two queries."""
    # The framework of each body is joined: the framework view groups by it.
    bodies = list(Body.objects.filter(region=region).valid_on(on).select_related("framework"))
    by_level: dict[str, list[Body]] = {level: [] for level in LEVEL_ORDER}
    ids = set()
    for body in bodies:
        body.region = region  # no query per body for get_absolute_url()
        by_level.setdefault(body.level, []).append(body)
        ids.add(body.pk)
    for level_bodies in by_level.values():
        level_bodies.sort(key=lambda b: _sort_key(b.name))
    relations = [
        rel
        for rel in BodyRelation.objects.filter(source__region=region)
        .valid_on(on)
        .select_related("source", "target")
        if rel.source_id in ids and rel.target_id in ids
    ]
    for rel in relations:
        rel.source.region = region
        rel.target.region = region
    relations.sort(key=lambda r: (_sort_key(r.source.name), r.kind, _sort_key(r.target.name)))
    return StructureSnapshot(region=region, on=on, bodies_by_level=by_level, relations=relations)


def _kind_label(value: str, choices) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def relation_sentence(rel: BodyRelation) -> str:
    """ "Partnergroep bereidt voor Stuurgroep"."""
    return f"{rel.source.name} {_kind_label(rel.kind, RelationKind)} {rel.target.name}"


def structure_table(
    snapshot: StructureSnapshot, *, body_url: Callable[[Body], str] | None = None
) -> list[dict]:
    """The table equivalent of the diagram: one row per body, by level then name."""
    url = body_url or (lambda b: b.get_absolute_url())
    out: dict[int, list[str]] = {}
    into: dict[int, list[str]] = {}
    for rel in snapshot.relations:
        label = _kind_label(rel.kind, RelationKind)
        out.setdefault(rel.source_id, []).append(f"{label} → {rel.target.name}")
        into.setdefault(rel.target_id, []).append(f"{rel.source.name} {label}")
    rows = []
    for body in snapshot.bodies:
        dissolved_later = bool(body.dissolved_on and body.dissolved_on > snapshot.on)
        rows.append(
            {
                "body": body,
                "pk": body.pk,
                "url": url(body),
                "level": body.level,
                "level_label": _kind_label(body.level, Level),
                "name": body.name,
                "short_name": body.short_name,
                "kind": body.kind,
                "kind_label": _kind_label(body.kind, BodyKind),
                # On the chosen day the body existed, so it was active then; the current status
                # is given too (e.g. "Opgeheven" for a body dissolved since).
                "status": BodyStatus.ACTIEF.value,
                "status_label": str(BodyStatus.ACTIEF.label),
                "current_status": body.status,
                "current_status_label": _kind_label(body.status, BodyStatus),
                "dissolved_on": body.dissolved_on if dissolved_later else None,
                "decision_power": body.decision_power,
                "decision_power_label": _kind_label(body.decision_power, DecisionPower),
                "framework": body.framework,
                "framework_name": body.framework.name if body.framework_id else "",
                "framework_kind_label": (
                    _kind_label(body.framework.kind, FrameworkKind) if body.framework_id else ""
                ),
                "relations_out": out.get(body.pk, []),
                "relations_in": into.get(body.pk, []),
            }
        )
    return rows
