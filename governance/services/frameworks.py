"""Writes of the frameworks (kaders) of a region."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import RestrictedError
from django.utils.translation import gettext as _

from governance.models import Framework


def _refusal(framework: Framework, names: list[str]) -> ValidationError:
    return ValidationError(
        _(
            "Het kader ‘%(kader)s’ kan niet worden verwijderd, want er staan nog gremia in: "
            "%(names)s. Kies eerst bij die gremia een ander kader of geen kader."
        )
        % {"kader": framework.name, "names": ", ".join(names)}
    )


@transaction.atomic
def framework_delete(*, framework: Framework, user) -> None:
    """Remove a framework no body refers to; refused (Dutch ValidationError) while bodies
    still stand in it. Its history records who removed it."""
    names = list(framework.bodies.order_by("name").values_list("name", flat=True))
    if names:
        raise _refusal(framework, names)
    framework._history_user = user
    try:
        framework.delete()
    except RestrictedError as exc:  # a body was put in it meanwhile
        names = [b.name for b in exc.restricted_objects]
        raise _refusal(framework, sorted(names)) from exc
