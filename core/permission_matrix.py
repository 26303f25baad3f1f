"""The machinery of the "Rechten" page: every registered django-rules permission evaluated for
every role.

The matrix is computed from the rules themselves, for in-memory personas with a fixed role in
one stand-in region, so it cannot drift from what the application enforces. Each app describes
its own permissions in its ``rules.py`` (``describe_permissions``): a Dutch label per
permission and, for a permission about an object a user *holds* (their own action, a
reflection they lead), a stand-in object held by the persona. Core knows no domain model: the
page that shows the matrix passes the stand-in region.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from rules.permissions import permissions as rule_set

from core.constants import Role
from core.roles import set_roles_for_matrix

#: Apps whose permissions the matrix shows, the Dutch label per permission, and the stand-in
#: factories ``(region, user) -> object`` — filled by each app's ``rules.py``.
_APPS: list[str] = []
LABELS: dict[str, Any] = {}
STAND_INS: dict[str, Callable[[Any, Any], Any]] = {}


def describe_permissions(
    app_label: str,
    labels: dict[str, Any],
    *,
    stand_ins: dict[str, Callable[[Any, Any], Any]] | None = None,
) -> None:
    """Register an app's permissions for the Rechten page (called once, from its rules.py)."""
    foreign = [name for name in labels if name.split(".", 1)[0] != app_label]
    if foreign:
        raise ValueError(f"{app_label} describes permissions of another app: {foreign}")
    if app_label not in _APPS:
        _APPS.append(app_label)
    LABELS.update(labels)
    STAND_INS.update(stand_ins or {})


@dataclass(frozen=True)
class Persona:
    key: str
    label: str
    roles: tuple[str, ...] = ()
    national: bool = False
    staff: bool = False
    other_region: bool = False


PERSONAS = [
    Persona("secretary", _("Netwerksecretaris"), roles=(Role.SECRETARY,)),
    Persona("bestuurder", _("Bestuurder"), roles=(Role.BESTUURDER,)),
    Persona("participant", _("Deelnemer"), roles=(Role.PARTICIPANT,)),
    Persona("vng_advisor", _("VNG-adviseur (landelijk)"), national=True),
    Persona("staff", _("Functioneel beheerder"), staff=True),
    Persona(
        "other",
        _("Netwerksecretaris van een andere regio"),
        roles=(Role.SECRETARY,),
        other_region=True,
    ),
]

#: The primary key of the stand-in region the page passes in; the persona "other" holds its
#: role in a region with ``OTHER_REGION_ID``.
STAND_IN_REGION_ID = -1
OTHER_REGION_ID = -2


def _user_for(persona: Persona, index: int):
    user = get_user_model()(
        pk=-100 - index, username=f"matrix-{persona.key}", is_staff=persona.staff
    )
    region_id = OTHER_REGION_ID if persona.other_region else STAND_IN_REGION_ID
    set_roles_for_matrix(
        user, {region_id: set(persona.roles)} if persona.roles else {}, persona.national
    )
    return user


def permission_names() -> list[str]:
    """Every rule-set permission of the apps that describe theirs."""
    return sorted(name for name in rule_set if name.split(".", 1)[0] in _APPS)


def build_matrix(region) -> dict:
    """The matrix for ``region``, an unsaved stand-in with ``pk == STAND_IN_REGION_ID``."""
    if region.pk != STAND_IN_REGION_ID:
        raise ValueError("build_matrix needs the stand-in region (pk STAND_IN_REGION_ID)")
    users = [(p, _user_for(p, i)) for i, p in enumerate(PERSONAS)]
    rows = []
    for name in permission_names():
        stand_in = STAND_INS.get(name)
        rows.append(
            {
                "name": name,
                "label": LABELS.get(name, name),
                "cells": [
                    bool(
                        rule_set.test_rule(
                            name, user, stand_in(region, user) if stand_in else region
                        )
                    )
                    for _p, user in users
                ],
            }
        )
    return {"personas": PERSONAS, "rows": rows}
