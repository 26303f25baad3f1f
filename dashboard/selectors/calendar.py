"""The bodies whose calendar feed a user can subscribe to."""

from __future__ import annotations

from django.utils import timezone

from core.constants import Role
from core.roles import region_ids_with_role
from dashboard.selectors.common import _current_seats
from governance.models import Body


def calendar_bodies(user) -> list[Body]:
    """Bodies with a calendar feed for this user: those they sit on, and for a secretary every
    active body of their region(s). Two queries."""
    bodies: dict[int, Body] = {}
    for seat in _current_seats(user):
        bodies.setdefault(seat.body_id, seat.body)
    secretary_of = region_ids_with_role(user, Role.SECRETARY)
    if secretary_of:
        for body in (
            Body.objects.filter(region__in=secretary_of)
            .valid_on(timezone.localdate())
            .select_related("region")
        ):
            bodies.setdefault(body.pk, body)
    return sorted(bodies.values(), key=lambda b: (b.region.name, b.name, b.pk))
