"""Applying a workbook plan (``governance.workbook.plan``) in one transaction.

The region's row is locked first and its stamp compared with the one of the downloaded
workbook: if anything changed since the download (or between preview and confirmation), nothing
is written. Every object is saved through ``save_versioned`` — full model validation, a version
bump, and a history record with the confirming user as author. Any refusal rolls everything
back.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from core.locking import StaleEdit, save_versioned
from governance.models import (
    Body,
    BodyRelation,
    Framework,
    Municipality,
    Organisation,
    Person,
    Region,
    SubRegion,
    Theme,
)
from governance.workbook.layout import R_ORGANISATION, R_SUBREGION, R_THEME, REF, SHEETS_BY_NAME
from governance.workbook.plan import ADD, CHANGE, END, REGION_MODELS, STALE
from governance.workbook.stamp import region_stamp


class WorkbookApplyFailed(Exception):
    """Nothing was saved; ``message`` says why (Dutch)."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def _scoped(model, region: Region) -> models.QuerySet:
    if model in REGION_MODELS:
        return model.objects.filter(region=region)
    if model is BodyRelation:
        return model.objects.filter(source__region=region)
    return model.objects.filter(body__region=region)  # mandates, memberships


_TARGET_MODELS = {
    "Gemeenten": Municipality,
    "Organisaties": Organisation,
    "Personen": Person,
    "Kaders": Framework,
    "Gremia": Body,
}


def _ref(region: Region, target: str, ref, created: dict, cache: dict):
    if ref is None:
        return None
    kind, *rest = ref
    if kind == "row":
        return created[(rest[0], rest[1])]
    pk = rest[0]
    if (target, pk) not in cache:
        cache[(target, pk)] = _lookup(region, target, pk)
    return cache[(target, pk)]


def _lookup(region: Region, target: str, pk: int):
    if target == R_SUBREGION:
        return SubRegion.objects.get(region=region, pk=pk)
    if target == R_THEME:
        return Theme.objects.get(pk=pk)
    if target == R_ORGANISATION:
        return Organisation.objects.get(
            models.Q(region=region) | models.Q(region__isnull=True), pk=pk
        )
    return _TARGET_MODELS[target].objects.get(region=region, pk=pk)


def _where(op: dict) -> str:
    if op.get("row"):
        return _("%(sheet)s, rij %(row)s (%(label)s)") % op
    return _("%(sheet)s (%(label)s)") % op


@transaction.atomic
def workbook_apply(*, region: Region, plan: dict, user, today: date) -> dict[str, int]:
    """Apply ``plan`` to ``region``; returns the number of rows added, changed and ended.
    Raises :class:`WorkbookApplyFailed` (nothing saved) when the region changed since the
    download, or an object refuses its new values."""
    Region.objects.select_for_update().get(pk=region.pk)
    if plan.get("region") != region.pk or region_stamp(region) != plan.get("stamp"):
        raise WorkbookApplyFailed(_(STALE))
    created: dict = {}
    cache: dict = {}  # (target, pk) → the referenced object, read once
    counts = {ADD: 0, CHANGE: 0, END: 0}
    for op in plan["ops"]:
        sheet = SHEETS_BY_NAME[op["sheet"]]
        model = sheet.model
        try:
            if op["action"] == END:
                obj = _scoped(model, region).get(pk=op["id"])
                setattr(obj, sheet.period[1], today)
                save_versioned(obj, seen_version=op["version"], user=user)
            else:
                if op["action"] == ADD:
                    obj = model()
                    if model in REGION_MODELS:
                        obj.region = region
                else:
                    obj = _scoped(model, region).get(pk=op["id"])
                for name, value in op["values"].items():
                    setattr(obj, name, model._meta.get_field(name).to_python(value))
                for column in sheet.columns:
                    if column.kind == REF:
                        target = _ref(
                            region, column.target, op["refs"].get(column.field), created, cache
                        )
                        setattr(obj, column.field, target)
                seen = op["version"] if op["action"] == CHANGE else None
                save_versioned(obj, seen_version=seen, user=user)
                if op.get("key"):
                    created[(sheet.name, op["key"])] = obj
        except StaleEdit as exc:
            raise WorkbookApplyFailed(_(STALE)) from exc
        except ObjectDoesNotExist as exc:
            raise WorkbookApplyFailed(_(STALE)) from exc
        except ValidationError as exc:
            raise WorkbookApplyFailed(
                _("%(where)s: %(errors)s. Er is niets opgeslagen.")
                % {"where": _where(op), "errors": " ".join(exc.messages)}
            ) from exc
        counts[op["action"]] += 1
    return counts
