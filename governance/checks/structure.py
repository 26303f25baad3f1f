"""What the rules read: one region's structure on one day, loaded in a fixed number of queries
(bodies with their meetings of the last 12 months, memberships, mandates, relations, partners,
municipalities) and evaluated in Python, so a region of 300 bodies costs the same number of
queries as a region of 3.

*Registration start* (:attr:`_Structure.registration_start`): the first day from which the
portal holds the meetings of the region. It is ``Region.registration_since`` when the secretary
(or an import) recorded it; otherwise the day of the region's first recorded meeting, of any
body and whatever its status — a cancelled meeting that was recorded shows just as well that the
region keeps its calendar in the portal. A region without any meeting has no registration start:
nothing is registered yet. The first meeting rides along with the bodies' query (a ``Min`` next
to the meeting count), so it costs no query. Rules that look back in time judge only the period
from the registration start (see :mod:`governance.checks.window`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Min, Q
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
    # The first day from which the portal holds the region's meetings (module docstring); None
    # when nothing is registered yet. ``registration_recorded``: it is the region's recorded
    # ``registration_since`` (not derived from the first meeting).
    registration_start: date | None = None
    registration_recorded: bool = False

    def registered_since(self, day: date) -> bool:
        """Does the registration cover everything from ``day`` on?"""
        return self.registration_start is not None and self.registration_start <= day

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
        .annotate(
            meetings_last_year=Count("meetings", filter=held),
            first_meeting_at=Min("meetings__starts_at"),
        )
        .order_by("name", "pk")
    )
    registration_start = registration_start_of(region, bodies)
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
    # The rules of the meeting cycle judge only meetings within the registered period: a
    # secretary who sets ``registration_since`` after meetings imported from the past (often
    # without attendance or adopted minutes) is not held to them.
    meetings: dict[int, list[MeetingFigures]] = defaultdict(list)
    for figures in meeting_figures(held_in_window(on).filter(body__region=region)):
        if registration_start is None or figures.day >= registration_start:
            meetings[figures.body_id].append(figures)
    return _Structure(
        region,
        on,
        bodies,
        active,
        members,
        mandates,
        relations,
        partners,
        municipalities,
        meetings,
        registration_start,
        region.registration_since is not None,
    )


def registration_start_of(region: Region, bodies: list[Body]) -> date | None:
    """The registration start of ``region`` (module docstring), from bodies loaded by
    :func:`_load` (annotated with ``first_meeting_at``)."""
    if region.registration_since is not None:
        return region.registration_since
    firsts = [b.first_meeting_at for b in bodies if b.first_meeting_at is not None]
    return timezone.localdate(min(firsts)) if firsts else None
