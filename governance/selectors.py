"""Read queries of the governance register, each shaped for the page that uses it."""

from __future__ import annotations

from governance.models import Region


def regions_for_switcher(user) -> list[Region]:
    return list(Region.objects.visible_to(user).only("name", "slug").order_by("name"))
