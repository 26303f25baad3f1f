from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.history import history_user


class Versioned(models.Model):
    """User-editable: keeps history and a version number for optimistic locking."""

    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    class Meta:
        abstract = True


def history() -> HistoricalRecords:
    return HistoricalRecords(get_user=history_user, inherit=False)


def check_period(errors: dict, start, end, *, end_field: str, start_label: str) -> None:
    if start and end and end <= start:
        errors.setdefault(end_field, []).append(
            _("De einddatum moet na de %(start)s liggen.") % {"start": start_label}
        )


#: The range of a sensible "evalueren vóór" date: a date outside it is a typing error (a year
#: 20226 or 1026), never a plan.
EVALUATE_BEFORE_MIN = date(2000, 1, 1)
EVALUATE_BEFORE_MAX = date(2100, 12, 31)


def check_evaluate_before(errors: dict, value, start, *, start_label) -> None:
    """An "evalueren vóór" date (optional) lies within :data:`EVALUATE_BEFORE_MIN` …
    :data:`EVALUATE_BEFORE_MAX` and after the start of what it is about. (A date after the end
    is not refused: ending a body or mandate leaves the date as it was, and the check ignores
    what has ended.)"""
    if value is None:
        return
    if not EVALUATE_BEFORE_MIN <= value <= EVALUATE_BEFORE_MAX:
        errors.setdefault("evaluate_before", []).append(
            _("Vul een datum tussen %(min)s en %(max)s in.")
            % {
                "min": EVALUATE_BEFORE_MIN.strftime("%d-%m-%Y"),
                "max": EVALUATE_BEFORE_MAX.strftime("%d-%m-%Y"),
            }
        )
    elif start and value <= start:
        errors.setdefault("evaluate_before", []).append(
            _("De datum voor de evaluatie moet na de %(start)s liggen.") % {"start": start_label}
        )
