"""What the rules that look back in time cannot judge yet, and the checks of a region with
those notices in one go.

The portal holds a region's meetings from its *registration start* on: the region's
``registratie sinds`` date, or else its first recorded meeting (see
:mod:`governance.checks.structure`). A rule that looks back over a window (12 months of
meetings; 24 months of tables added and retired) judges only registered time; while it cannot
judge (all of) its window, it says so in one :class:`~governance.checks.base.Notice` for the
whole region — never one per table. Notices are not findings: they count nowhere.

- :func:`check_region` — findings and notices of a region, over one load of its structure
  (what the checks page and the region page show);
- :func:`pending_judgements` — only the notices.

:func:`governance.checks.run.run_checks` stays the way to get the findings alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from governance.checks.base import Finding, Notice
from governance.checks.lifecycle import (
    _meets_less_than_planned_pending,
    _tables_added_not_retired_pending,
)
from governance.checks.run import evaluate
from governance.checks.structure import _load, _Structure
from governance.models import Region

#: One companion per rule that looks back in time, in the order of the legend.
PENDING: tuple[Callable[[_Structure], Iterable[Notice]], ...] = (
    _tables_added_not_retired_pending,
    _meets_less_than_planned_pending,
)


@dataclass(frozen=True)
class RegionChecks:
    findings: list[Finding]  # as run_checks returns them
    notices: list[Notice]  # at most one per rule
    registration_start: date | None  # None: the region has registered nothing yet
    registration_recorded: bool  # the region's own 'registratie sinds' (not a first meeting)


def _notices(structure: _Structure) -> list[Notice]:
    return [n for pending in PENDING for n in pending(structure)]


def check_region(region: Region, *, on: date | None = None) -> RegionChecks:
    """Findings and notices of ``region`` on ``on`` (default today): the queries of
    ``run_checks``, once."""
    structure = _load(region, on or timezone.localdate())
    return RegionChecks(
        evaluate(structure),
        _notices(structure),
        structure.registration_start,
        structure.registration_recorded,
    )


def pending_judgements(region: Region, *, on: date | None = None) -> list[Notice]:
    """What the rules of ``region`` cannot judge yet on ``on`` (default today)."""
    return _notices(_load(region, on or timezone.localdate()))
