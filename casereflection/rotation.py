"""The rotation planner: which sub-region brings the case in the coming quarters.

Round robin over the region's sub-regions that takes what already happened into account: each
open quarter goes to the sub-region that has waited longest since it last brought a case (a
sub-region that never did comes first, in name order). Because the choice is by "longest
waiting" rather than by a fixed cycle, an override (another sub-region took a turn, with a
reason) does not skip anyone: the one that was passed over is first in line next time.

Warnings help the secretary steer on variety, as the vision asks:

* the same kind of case twice in a row;
* kinds of case that did not come up in the last four quarters;
* organisation domains of the region's chosen partners that took part in no reflection held
  in the last year.

Reads: three queries (sub-regions, reflections with their organisations' domains, partner
domains), whatever the number of quarters or reflections.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from casereflection.constants import PUBLIC_FIELDS, CaseKind
from casereflection.models import (
    CaseReflection,
    quarter_index,
    quarter_label,
    quarter_of,
    shift_quarter,
)
from governance.checks.base import months_before
from governance.constants import OrganisationDomain
from governance.models import Region, RegionPartner, SubRegion


@dataclass
class PlannedQuarter:
    year: int
    quarter: int
    sub_region: SubRegion | None  # the existing reflection's, or the proposal
    reflection: CaseReflection | None = None
    proposed: SubRegion | None = None  # what the rotation would choose
    warnings: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return quarter_label(self.year, self.quarter)

    @property
    def deviates(self) -> bool:
        return (
            self.reflection is not None
            and self.proposed is not None
            and self.reflection.sub_region_id != self.proposed.pk
        )


@dataclass
class RotationPlan:
    quarters: list[PlannedQuarter]
    missing_kinds: list[str]  # labels of kinds not seen in the last four quarters
    idle_domains: list[str]  # labels of partner domains not involved for a year
    sub_regions: list[SubRegion]


def _next_in_line(sub_regions: list[SubRegion], last_turn: dict[int, int]) -> SubRegion | None:
    if not sub_regions:
        return None
    # Never had a turn: -1, so first; ties keep name order (``sub_regions`` is sorted).
    return min(sub_regions, key=lambda s: last_turn.get(s.pk, -1))


def plan(region: Region, *, quarters: int = 4, today: date | None = None) -> RotationPlan:
    """The current quarter and the ``quarters - 1`` after it, with proposals and warnings."""
    today = today or timezone.localdate()
    sub_regions = list(SubRegion.objects.filter(region=region).order_by("name", "pk"))
    reflections = list(
        CaseReflection.objects.filter(region=region)
        .select_related("sub_region")
        # Never the case text (the planner is open to national readers); of the reason to
        # deviate only whether there is one.
        .only(*PUBLIC_FIELDS, "sub_region__name")
        .annotate(gave_reason=ExpressionWrapper(~Q(rotation_note=""), output_field=BooleanField()))
        .prefetch_related("organisations")
        .order_by("year", "quarter")
    )
    by_quarter = {(r.year, r.quarter): r for r in reflections}
    start_year, start_quarter = quarter_of(today)
    start = quarter_index(start_year, start_quarter)

    # Turns taken before the planning window.
    last_turn: dict[int, int] = {}
    for r in reflections:
        i = quarter_index(r.year, r.quarter)
        if i < start:
            last_turn[r.sub_region_id] = i

    planned: list[PlannedQuarter] = []
    previous_kind = None
    before = by_quarter.get(shift_quarter(start_year, start_quarter, -1))
    if before is not None:
        previous_kind = before.case_kind
    for offset in range(quarters):
        year, quarter = shift_quarter(start_year, start_quarter, offset)
        i = quarter_index(year, quarter)
        proposed = _next_in_line(sub_regions, last_turn)
        reflection = by_quarter.get((year, quarter))
        row = PlannedQuarter(year=year, quarter=quarter, sub_region=proposed, proposed=proposed)
        if reflection is not None:
            row.reflection = reflection
            row.sub_region = reflection.sub_region
            last_turn[reflection.sub_region_id] = i
            if previous_kind and reflection.case_kind == previous_kind:
                row.warnings.append(
                    _("Weer een %(kind)s, net als het kwartaal ervoor: stuur op afwisseling.")
                    % {"kind": reflection.get_case_kind_display().lower()}
                )
            if row.deviates and not reflection.gave_reason:
                row.warnings.append(
                    _("Wijkt af van het rooster (%(name)s was aan de beurt) zonder reden.")
                    % {"name": proposed.name}
                )
            previous_kind = reflection.case_kind
        else:
            if proposed is not None:
                last_turn[proposed.pk] = i
            previous_kind = None
        planned.append(row)

    # Variety over the last four quarters before and including the current one.
    recent = [r for r in reflections if start - 3 <= quarter_index(r.year, r.quarter) <= start]
    seen_kinds = {r.case_kind for r in recent}
    missing_kinds = [str(label) for value, label in CaseKind.choices if value not in seen_kinds]

    year_ago = months_before(today, 12)
    involved = {
        org.domain
        for r in reflections
        if r.held_on and year_ago <= r.held_on <= today
        for org in r.organisations.all()
    }
    partner_domains = set(
        RegionPartner.objects.filter(region=region).values_list("organisation__domain", flat=True)
    )
    idle_domains = [
        str(label)
        for value, label in OrganisationDomain.choices
        if value in partner_domains and value not in involved
    ]
    return RotationPlan(
        quarters=planned,
        missing_kinds=missing_kinds,
        idle_domains=idle_domains,
        sub_regions=sub_regions,
    )


def proposed_sub_region(region: Region, year: int, quarter: int, *, today: date | None = None):
    """The rotation's choice for (year, quarter) when it lies in the coming year, else None.

    A past quarter has no proposal: what happened then is recorded, not planned.
    """
    today = today or timezone.localdate()
    start = quarter_index(*quarter_of(today))
    offset = quarter_index(year, quarter) - start
    if offset < 0 or offset > 7:
        return None
    rotation = plan(region, quarters=offset + 1, today=today)
    # The proposal for this quarter ignores a reflection already planned in it.
    return rotation.quarters[offset].proposed
