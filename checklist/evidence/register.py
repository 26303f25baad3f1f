"""The register as the evidence rules read it: loaded once for the region, in a fixed number
of queries (bodies with their meeting counts, current memberships, current mandates, themes,
partners, municipalities, actions, knelpunten, cost lines, plus the structure checks); every
rule then works in Python on that data.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from governance.checks.base import Finding, body_active_on, months_before
from governance.checks.structure import frequency_window
from governance.constants import MeetingStatus
from governance.models import (
    Action,
    Body,
    CostLine,
    Knelpunt,
    Mandate,
    Membership,
    Municipality,
    Region,
    RegionPartner,
    RegionTheme,
)
from governance.selectors.findings import open_findings


@dataclass
class _Register:
    """What the rules need, loaded once for the region."""

    region: Region
    on: date
    year_ago: date
    bodies: list[Body]  # every body, annotated with held_last_year / held_year_before
    active: dict[int, Body]  # active on ``on``
    active_year_ago: dict[int, Body]
    members: dict[int, list[tuple]] = field(default_factory=dict)  # body id -> membership rows
    mandates: dict[int, list[tuple]] = field(default_factory=dict)  # body id -> mandate rows
    themes: list[tuple[str, str]] = field(default_factory=list)  # (name, afwegingskader)
    partners: list[tuple[int, str]] = field(default_factory=list)  # (organisation id, name)
    municipalities: list[tuple[int, str]] = field(default_factory=list)
    actions: list[dict] = field(default_factory=list)
    knelpunten: list[tuple[str, str]] = field(default_factory=list)  # (theme name, status)
    cost_lines: list[tuple] = field(default_factory=list)  # (body id, item, funded_by)
    findings: list[Finding] = field(default_factory=list)

    def url(self, name: str, query: str = "") -> str:
        return reverse(name, kwargs={"region": self.region.slug}) + query

    def active_at(self, level: str) -> list[Body]:
        return [b for b in self.active.values() if b.level == level]


def _windows(on: date) -> tuple[datetime, datetime, datetime]:
    """(start of the 12 months before, start of the last 12 months, end) as aware datetimes.

    The last 12 months are those of the structure checks (``frequency_window``): up to
    the end of ``on``, or up to now when ``on`` is today.
    """
    start, end = frequency_window(on)
    tz = timezone.get_current_timezone()
    before = datetime.combine(months_before(on, 24), time.min, tzinfo=tz)
    return before, start, end


def _load(region: Region, on: date) -> _Register:
    before, start, end = _windows(on)
    year_ago = months_before(on, 12)
    not_cancelled = ~Q(meetings__status=MeetingStatus.GEANNULEERD)
    # 1 query: every body with two filtered meeting counts (this year, the year before).
    bodies = list(
        Body.objects.filter(region=region)
        .annotate(
            held_last_year=Count(
                "meetings",
                filter=Q(meetings__starts_at__gte=start, meetings__starts_at__lt=end)
                & not_cancelled,
            ),
            held_year_before=Count(
                "meetings",
                filter=Q(meetings__starts_at__gte=before, meetings__starts_at__lt=start)
                & not_cancelled,
            ),
        )
        .order_by("name", "pk")
    )
    for body in bodies:
        body.region = region  # known already: links need no query
    active = {b.pk: b for b in bodies if body_active_on(b, on)}
    reg = _Register(
        region=region,
        on=on,
        year_ago=year_ago,
        bodies=bodies,
        active=active,
        active_year_ago={b.pk: b for b in bodies if body_active_on(b, year_ago)},
    )
    # 1 query: current seats; the person's organisation counts for the partner rule.
    members: dict[int, list[tuple]] = defaultdict(list)
    for row in (
        Membership.objects.filter(body__region=region)
        .valid_on(on)
        .values_list("body_id", "organisation_id", "person__organisation_id", "municipality_id")
    ):
        if row[0] in active:
            members[row[0]].append(row)
    reg.members = members
    # 1 query: current mandates.
    mandates: dict[int, list[tuple]] = defaultdict(list)
    for row in (
        Mandate.objects.filter(body__region=region)
        .valid_on(on)
        .values_list("body_id", "subject", "source_document")
    ):
        if row[0] in active:
            mandates[row[0]].append(row)
    reg.mandates = mandates
    # One query each for themes, partners, municipalities, actions, knelpunten, cost lines.
    reg.themes = list(
        RegionTheme.objects.filter(region=region)
        .order_by("theme__order", "theme__name")
        .values_list("theme__name", "weighing")
    )
    reg.partners = list(
        RegionPartner.objects.filter(region=region)
        .order_by("organisation__name")
        .values_list("organisation_id", "organisation__name")
    )
    reg.municipalities = list(
        Municipality.objects.filter(region=region).order_by("name").values_list("pk", "name")
    )
    reg.actions = list(
        Action.objects.filter(region=region).values(
            "list", "trekker_id", "closed_reason", "list_since"
        )
    )
    reg.knelpunten = list(
        Knelpunt.objects.filter(region=region)
        .order_by("theme__order", "theme__name")
        .values_list("theme__name", "status")
    )
    reg.cost_lines = [
        row
        for row in CostLine.objects.filter(body__region=region)
        .order_by("item")
        .values_list("body_id", "item", "funded_by")
        if row[0] in active
    ]
    # The structure checks read the register in their own fixed number of queries; findings
    # answered as "bewust zo" (one more query) are no evidence of a defect.
    reg.findings = open_findings(region, on=on)
    return reg
