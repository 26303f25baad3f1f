"""Reads about the frameworks (kaders) of a region: the list with the bodies in each, and the
formal decision line(s) the region page names."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from governance.constants import FORMAL_FRAMEWORK_KINDS, BodyStatus
from governance.models import Body, Framework, Region


def framework_list(region: Region) -> list[Framework]:
    """The region's frameworks by name, each with its bodies (``bodies.all()``, by name):
    two queries, however many frameworks and bodies."""
    frameworks = list(
        Framework.objects.filter(region=region)
        .order_by("name")
        .prefetch_related(Prefetch("bodies", queryset=Body.objects.order_by("name")))
    )
    for framework in frameworks:
        _attach_region(framework, region)
    return frameworks


def _attach_region(framework: Framework, region: Region) -> None:
    """The region is known: no query per body for ``get_absolute_url``."""
    framework.region = region
    for body in framework.bodies.all():
        body.region = region


@dataclass
class DecisionLine:
    """A framework that carries a formal decision line, with the bodies that are in it now."""

    framework: Framework
    bodies: list[Body]


def formal_decision_lines(region: Region) -> list[DecisionLine]:
    """The frameworks of a kind in ``FORMAL_FRAMEWORK_KINDS`` (gemeenschappelijke regeling,
    wettelijke taak) with their bodies that are not dissolved, by name (two queries)."""
    frameworks = (
        Framework.objects.filter(region=region, kind__in=FORMAL_FRAMEWORK_KINDS)
        .order_by("name")
        .prefetch_related(
            Prefetch(
                "bodies",
                queryset=Body.objects.exclude(status=BodyStatus.OPGEHEVEN).order_by("name"),
            )
        )
    )
    lines = []
    for framework in frameworks:
        _attach_region(framework, region)
        lines.append(DecisionLine(framework=framework, bodies=list(framework.bodies.all())))
    return lines
