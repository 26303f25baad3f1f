"""Freezing a peilmoment: the region's statuses copied into an immutable ``Snapshot``."""

from __future__ import annotations

from datetime import date as date_type

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from checklist.constants import Status
from checklist.models import Assessment, Framework, Snapshot, SnapshotScore
from governance.models import Region


@transaction.atomic
def snapshot_freeze(*, region: Region, date: date_type, note: str, user) -> Snapshot:
    """Freeze the current assessments of ``region`` as the peilmoment of ``date``.

    One score per item of the current framework for the region as a whole (*niet gestart*
    when the item has no assessment yet), and one per municipality assessment of the
    per-gemeente items. The statuses are those recorded at the moment of freezing; ``date``
    is the day the peilmoment is filed under (today or an earlier day, such as the day of the
    meeting that discussed it), never a day in the future and at most one per day.

    Five queries however large the region: framework, existing peilmoment, items,
    assessments, and one insert of all scores (plus the insert of the snapshot).
    """
    framework = Framework.current()
    if framework is None:
        raise ValidationError(_("Er is geen huidig raamwerk; een peilmoment kan nu niet."))
    today = timezone.localdate()
    if date > today:
        raise ValidationError(
            {"date": _("Een peilmoment ligt niet in de toekomst; kies vandaag of eerder.")}
        )
    same_day = _("Er is al een peilmoment op %(date)s.") % {"date": date.strftime("%d-%m-%Y")}
    if Snapshot.objects.filter(region=region, date=date).exists():
        raise ValidationError({"date": same_day})

    items = list(framework.items.order_by("code"))
    by_key = {
        (a.code, a.municipality_id): a.status
        for a in Assessment.objects.filter(
            region=region, code__in=[item.code for item in items]
        ).only("code", "municipality_id", "status")
    }
    try:
        with transaction.atomic():  # a concurrent freeze of the same day hits the constraint
            snapshot = Snapshot.objects.create(
                region=region,
                framework=framework,
                date=date,
                frozen_by=user if getattr(user, "is_authenticated", False) else None,
                note=note.strip(),
            )
    except IntegrityError:
        raise ValidationError({"date": same_day}) from None

    scores = []
    per_municipality = {item.code: item for item in items if item.per_municipality}
    for item in items:
        scores.append(
            SnapshotScore(
                snapshot=snapshot,
                item=item,
                code=item.code,
                status=by_key.get((item.code, None), Status.NIET_GESTART),
            )
        )
    for (code, municipality_id), status in sorted(by_key.items(), key=_order):
        item = per_municipality.get(code)
        if item is not None and municipality_id is not None:
            scores.append(
                SnapshotScore(
                    snapshot=snapshot,
                    item=item,
                    code=code,
                    municipality_id=municipality_id,
                    status=status,
                )
            )
    SnapshotScore.objects.bulk_create(scores)
    return snapshot


def _order(entry) -> tuple:
    (code, municipality_id), _status = entry
    return (code, municipality_id or 0)
