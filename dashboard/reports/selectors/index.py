"""The reports page of a region: besides the region reports, the reports about one object
that users look for here — the bespreekvoorstellen of recent reflections and the preparation
of the coming meetings."""

from __future__ import annotations

from django.utils import timezone

from governance.models import Meeting, Region

RECENT = 8


def report_index(region: Region, user, *, with_reflections: bool) -> dict:
    """Two queries: the coming meetings and (for readers of case text) recent reflections with a
    bespreekvoorstel. The reflection list names the quarter only, never the case."""
    from casereflection.models import CaseReflection

    now = timezone.now()
    meetings = list(
        Meeting.objects.in_region(region)
        .filter(starts_at__gte=now)
        .select_related("body")
        .order_by("starts_at", "pk")[:RECENT]
    )
    reflections = []
    if with_reflections:
        reflections = list(
            CaseReflection.objects.filter(region=region)
            .exclude(proposal="")
            .select_related("sub_region")
            .only("pk", "region_id", "year", "quarter", "status", "sub_region__name")
            .order_by("-year", "-quarter")[:RECENT]
        )
        for reflection in reflections:
            reflection.region = region
    return {"coming_meetings": meetings, "bespreekvoorstellen": reflections}
