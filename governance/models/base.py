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
