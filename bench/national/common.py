"""Sizes, results and helpers of the national generator: the planned numbers per region,
slugs, municipality counts, timestamps kept on ``bulk_create``, a mapping keyed by object
identity, and deleting the generated regions."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta

from casereflection.models import CaseReflection, Conclusion
from checklist.models import Assessment, AssessmentProposal, Snapshot, SnapshotScore
from core.models import RoleAssignment
from governance.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Body,
    BodyRelation,
    CostLine,
    Document,
    Knelpunt,
    Mandate,
    Meeting,
    Membership,
    Municipality,
    Organisation,
    Person,
    Region,
    RegionPartner,
    RegionTheme,
    SubRegion,
)

PREFIX = "nat-"
REGIONS_PER_SCALE = 25
MUNICIPALITIES_PER_SCALE = 342
MIN_MUNICIPALITIES, MAX_MUNICIPALITIES = 6, 25
MIN_BODIES, MAX_BODIES = 12, 30
ACTIONS = (135, 165)
HISTORY_DAYS = 730  # two years of meetings and werkagenda
PLANNED_DAYS = 90  # meetings planned ahead
REFLECTIONS = 12


class AlreadyGenerated(Exception):
    """Generated regions exist and ``replace`` was not asked for."""


@dataclass
class GenerationResult:
    regions: list[Region] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    deleted_regions: int = 0


def days(n: int) -> timedelta:
    return timedelta(days=n)


def weekday(day: date) -> date:
    """The same day or the next Monday–Thursday: meetings are held on working days."""
    while day.weekday() > 3:
        day += days(1)
    return day


def slugs_for(count: int) -> list[str]:
    width = max(3, len(str(count)))
    return [f"{PREFIX}{n:0{width}d}" for n in range(1, count + 1)]


def municipality_counts(rng: random.Random, regions: int, total: int) -> list[int]:
    """Per region 6–25 municipalities, adding up to ``total`` (clamped to what fits)."""
    total = max(MIN_MUNICIPALITIES * regions, min(MAX_MUNICIPALITIES * regions, total))
    counts = [
        round(rng.triangular(MIN_MUNICIPALITIES, MAX_MUNICIPALITIES, 10)) for _ in range(regions)
    ]
    while sum(counts) != total:
        i = rng.randrange(regions)
        if sum(counts) < total and counts[i] < MAX_MUNICIPALITIES:
            counts[i] += 1
        elif sum(counts) > total and counts[i] > MIN_MUNICIPALITIES:
            counts[i] -= 1
    return counts


@contextmanager
def given_timestamps(model, field_name: str) -> Iterator[None]:
    """Let ``bulk_create`` keep the value we set on an ``auto_now_add`` field."""
    model_field = model._meta.get_field(field_name)
    saved = model_field.auto_now_add
    model_field.auto_now_add = False
    try:
        yield
    finally:
        model_field.auto_now_add = saved


class Keyed(MutableMapping):
    """A mapping keyed by object identity: unsaved model instances are not hashable.

    With ``default`` (a factory, as for ``defaultdict``) a missing key is created on access.
    """

    def __init__(self, pairs=(), default=None):
        self._data: dict[int, tuple] = {}
        self._default = default
        for key, value in pairs:
            self[key] = value

    def __getitem__(self, key):
        try:
            return self._data[id(key)][1]
        except KeyError:
            if self._default is None:
                raise KeyError(key) from None
            value = self._data[id(key)] = (key, self._default())
            return value[1]

    def __setitem__(self, key, value):
        self._data[id(key)] = (key, value)

    def __delitem__(self, key):
        del self._data[id(key)]

    def __contains__(self, key):
        return id(key) in self._data

    def __iter__(self):
        return (key for key, _value in self._data.values())

    def __len__(self):
        return len(self._data)


def generated_regions():
    return Region.objects.filter(slug__startswith=PREFIX)


def delete_generated() -> int:
    """Delete every generated region (slug ``nat-…``) with everything in it; return how many.

    The big tables are emptied with plain DELETE statements (``QuerySet._raw_delete``): the
    collector would load every row to send the history's delete signals, which for generated
    data (it has no history) only costs time. The regions themselves then go through the
    normal ``delete()``, which also removes anything not listed here (role assignments, and
    whatever later code hangs from a region). Foreign keys are checked at commit.
    """
    ids = list(generated_regions().values_list("pk", flat=True))
    if not ids:
        return 0
    plan = [
        (Conclusion, "reflection__region"),
        (CaseReflection.themes.through, "casereflection__region"),
        (CaseReflection.organisations.through, "casereflection__region"),
        (CaseReflection.delegation.through, "casereflection__region"),
        (SnapshotScore, "snapshot__region"),
        (Snapshot, "region"),
        (Assessment.bodies.through, "assessment__region"),
        (Assessment.mandates.through, "assessment__region"),
        (Assessment.actions.through, "assessment__region"),
        (Assessment, "region"),
        (AssessmentProposal, "region"),
        (Document, "agenda_item__meeting__body__region"),
        (AgendaItem, "meeting__body__region"),
        (Meeting, "body__region"),
        (ActionUpdate, "action__region"),
        (Action.coalition.through, "action__region"),
        (Action.knelpunten.through, "action__region"),
        (Action, "region"),
        (Knelpunt, "region"),
        (CostLine, "body__region"),
        (BodyRelation, "source__region"),
        (Membership, "body__region"),
        (Mandate, "body__region"),
        (Body.themes.through, "body__region"),
        (Body, "region"),
        (RegionTheme, "region"),
        (RegionPartner, "region"),
        (Person, "region"),
        (Organisation, "region"),
        (Municipality, "region"),
        (SubRegion, "region"),
        (RoleAssignment, "region"),
    ]
    # Reflections after their through tables and conclusions; then the rest in order.
    plan.insert(4, (CaseReflection, "region"))
    for model, path in plan:
        queryset = model._base_manager.filter(**{f"{path}__in": ids})
        queryset._raw_delete(queryset.db)
    Region.objects.filter(pk__in=ids).delete()
    return len(ids)
