"""Bodies and mandates due for re-evaluation ("evalueren vóór", issue 20): for any set of
regions and a day, what the secretary's digest names — in two queries, whatever the number of
regions, bodies or mandates.

*Due* on a day ``on``: the body is active on ``on`` (or, for a mandate, its body is and the
mandate is current), and its ``evaluate_before`` date is at most
:data:`~governance.constants.EVALUATION_WARNING_DAYS` days after ``on`` (*nadert*) or has come
(*verlopen*: on the date itself the evaluation "vóór" it is late). The structure check
(:mod:`governance.checks.evaluation`) uses :func:`evaluation_state` for the same definition.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q
from django.urls import reverse

from governance.constants import EVALUATION_WARNING_DAYS, BodyStatus
from governance.models import Body, Mandate, Region

NADERT = "nadert"
VERLOPEN = "verlopen"


def evaluation_state(evaluate_before: date | None, on: date) -> str | None:
    """``"verlopen"`` when the date has come, ``"nadert"`` within the warning days before it,
    else None (also without a date)."""
    if evaluate_before is None:
        return None
    if evaluate_before <= on:
        return VERLOPEN
    if evaluate_before <= on + timedelta(days=EVALUATION_WARNING_DAYS):
        return NADERT
    return None


@dataclass(frozen=True)
class ReevaluationItem:
    """One line of the digest: a body (``mandate_id`` None) or one of its mandates."""

    region_id: int
    region_name: str
    region_slug: str
    body_id: int
    body_name: str
    mandate_id: int | None
    mandate_description: str  # "" for the body itself, else e.g. "Besluiten: aanpak mensenhandel"
    evaluate_before: date
    state: str  # NADERT or VERLOPEN
    days: int  # days from ``on`` to the date; 0 or negative when it has come
    url: str  # the body page (where the date is shown and, for the secretary, changed)

    @property
    def overdue(self) -> bool:
        return self.state == VERLOPEN


def _region_ids(regions: Iterable[Region | int]) -> list[int]:
    return sorted({r.pk if isinstance(r, Region) else int(r) for r in regions})


def _active_on(on: date, prefix: str = "") -> Q:
    """Bodies active on ``on`` (governance.checks.base.body_active_on, in SQL); ``prefix``
    ``"body__"`` for the body of a mandate."""
    p = prefix
    return (
        ~Q(**{f"{p}status": BodyStatus.VOORGESTELD})
        & ~Q(**{f"{p}status": BodyStatus.OPGEHEVEN, f"{p}dissolved_on__isnull": True})
        & (Q(**{f"{p}established_on__isnull": True}) | Q(**{f"{p}established_on__lte": on}))
        & (Q(**{f"{p}dissolved_on__isnull": True}) | Q(**{f"{p}dissolved_on__gt": on}))
    )


def due_for_reevaluation(regions: Iterable[Region | int], on: date) -> list[ReevaluationItem]:
    """The bodies and current mandates of active bodies in ``regions`` whose evaluation date
    has come or comes within the warning days after ``on``; ordered by region, date, body
    and mandate. Two queries (bodies, mandates), for any number of regions."""
    ids = _region_ids(regions)
    if not ids:
        return []
    horizon = on + timedelta(days=EVALUATION_WARNING_DAYS)
    items: list[ReevaluationItem] = []

    def add(body: Body, mandate: Mandate | None, when: date) -> None:
        region = body.region
        items.append(
            ReevaluationItem(
                region_id=region.pk,
                region_name=region.name,
                region_slug=region.slug,
                body_id=body.pk,
                body_name=body.name,
                mandate_id=mandate.pk if mandate else None,
                mandate_description=str(mandate) if mandate else "",
                evaluate_before=when,
                state=evaluation_state(when, on),
                days=(when - on).days,
                url=reverse("governance:body", kwargs={"region": region.slug, "pk": body.pk}),
            )
        )

    for body in (
        Body.objects.filter(_active_on(on), region_id__in=ids, evaluate_before__lte=horizon)
        .select_related("region")
        .order_by()
    ):
        add(body, None, body.evaluate_before)
    for mandate in (
        Mandate.objects.valid_on(on)
        .filter(_active_on(on, "body__"), body__region_id__in=ids, evaluate_before__lte=horizon)
        .select_related("body__region")
        .order_by()
    ):
        add(mandate.body, mandate, mandate.evaluate_before)
    items.sort(
        key=lambda i: (
            i.region_name,
            i.region_id,
            i.evaluate_before,
            i.body_name,
            i.mandate_id is not None,
            i.mandate_description,
            i.mandate_id or 0,
        )
    )
    return items
