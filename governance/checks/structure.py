"""What the rules read: one region's structure on one day, loaded in a fixed number of queries
(bodies with their meetings of the last 12 months, memberships, mandates, relations, partners,
municipalities) and evaluated in Python, so a region of 300 bodies costs the same number of
queries as a region of 3.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from governance.checks.base import body_active_on, months_before, period_contains
from governance.constants import MeetingStatus
from governance.models import (
    Body,
    BodyRelation,
    Mandate,
    Membership,
    Municipality,
    Region,
    RegionPartner,
)
from governance.selectors.health import MeetingFigures, held_in_window, meeting_figures

# Window for "meets less often than planned": the last 12 months.
FREQUENCY_WINDOW_MONTHS = 12


@dataclass
class _Structure:
    """Everything the rules need, loaded once."""

    region: Region
    on: date
    bodies: list[Body]
    active: dict[int, Body]
    members: dict[int, list[Membership]]  # current memberships per active body
    mandates: dict[int, list[Mandate]]  # current mandates per active body
    relations: list[BodyRelation]  # all relations of the region, every period
    partners: list[RegionPartner]
    municipalities: list[Municipality]
    # Held meetings of the last HEALTH_MONTHS months per body, with their figures, in order of
    # time (the rules of the meeting cycle: governance/checks/cycle.py).
    meetings: dict[int, list[MeetingFigures]]
    # Meetings (not cancelled) per body in the 12 months up to ``on``: ``meetings_last_year``
    # is annotated on every body of ``bodies``.

    def current_relations_out(self, body_id: int, kind: str) -> list[BodyRelation]:
        """Current relations of ``kind`` from ``body_id`` to an active body."""
        return [
            r
            for r in self.relations
            if r.source_id == body_id
            and r.kind == kind
            and r.target_id in self.active
            and period_contains(r.valid_from, r.valid_to, self.on)
        ]


def frequency_window(on: date) -> tuple[datetime, datetime]:
    """[start, end) of "the last 12 months" before ``on`` (see the module docstring)."""
    tz = timezone.get_current_timezone()
    start = datetime.combine(months_before(on, FREQUENCY_WINDOW_MONTHS), time.min, tzinfo=tz)
    end = datetime.combine(on + timedelta(days=1), time.min, tzinfo=tz)
    return start, min(end, timezone.now())


#: What the rules read of a membership (see :func:`_load`); reading any other field of a
#: membership in a rule costs a query per seat, which the query-count tests catch.
MEMBER_FIELDS = (
    "version",  # part of the fingerprint of a finding's facts (governance/checks/facts.py)
    "body_id",
    "role",
    "person_id",
    "organisation_id",
    "municipality_id",
    "person__office",
    "person__organisation_id",
)


def _load(region: Region, on: date) -> _Structure:
    # One query per kind of object; memberships, mandates and relations are filtered on the
    # region through a join so no list of body ids has to travel to the database. The bodies
    # carry the number of meetings they held in the last 12 months (a filtered count).
    start, end = frequency_window(on)
    held = Q(meetings__starts_at__gte=start, meetings__starts_at__lt=end) & ~Q(
        meetings__status=MeetingStatus.GEANNULEERD
    )
    bodies = list(
        Body.objects.filter(region=region)
        .annotate(meetings_last_year=Count("meetings", filter=held))
        .order_by("name", "pk")
    )
    active = {b.pk: b for b in bodies if body_active_on(b, on)}
    members: dict[int, list[Membership]] = defaultdict(list)
    # The rules read a seat's body, role, person, organisation and municipality (as keys) and
    # the person's office and organisation: only those columns are loaded. Memberships and
    # relations are read unordered: the rules look them up in sets and sort what they name,
    # and the models' default orderings (by person name; by the names of both bodies) would
    # add joins for nothing.
    for m in (
        Membership.objects.filter(body__region=region)
        .valid_on(on)
        .select_related("person")
        .only(*MEMBER_FIELDS)
        .order_by()
    ):
        if m.body_id in active:
            members[m.body_id].append(m)
    mandates: dict[int, list[Mandate]] = defaultdict(list)
    for mandate in Mandate.objects.filter(body__region=region).valid_on(on).select_related("theme"):
        if mandate.body_id in active:
            mandates[mandate.body_id].append(mandate)
    # All periods: a *gaat op in* relation ends when the body is dissolved, so it is never
    # current afterwards; currency is checked in Python where it matters.
    relations = list(BodyRelation.objects.filter(source__region=region).order_by())
    partners = list(
        RegionPartner.objects.filter(region=region)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    municipalities = list(Municipality.objects.filter(region=region).order_by("name"))
    meetings: dict[int, list[MeetingFigures]] = defaultdict(list)
    for figures in meeting_figures(held_in_window(on).filter(body__region=region)):
        meetings[figures.body_id].append(figures)
    return _Structure(
        region, on, bodies, active, members, mandates, relations, partners, municipalities, meetings
    )
