"""After a demo region is imported: the dates of its history, and its people's accounts.

An import records what it created as created *now*, by the importing user — right for a
region that moves in. The demo instead should look like a year of use, so the loader, and
only the loader, gives the creation records of what the data files date a day of their own:

* a knelpunt was created on the day it was signalled, an action on its ``created_on``, an
  assessment on the day it was made, a conclusion on the day the Stamtafel took it;
* a meeting was planned about eight weeks ahead and its agenda drawn up two weeks before it,
  a reflection six weeks before its quarter (never later than the load day);
* each entry of an action's log was recorded on its own date.

The structure (bodies, seats, mandates) keeps the load moment: it is the starting point.

Accounts: the demo users are linked to the persons they are in the register (manifest), and
log entries and peilmomenten written by a demo user's name are linked to that account.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from casereflection.models import CaseReflection, Conclusion, quarter_bounds
from checklist.models import Assessment, Snapshot
from governance.models import Action, ActionUpdate, AgendaItem, Knelpunt, Meeting, Region

ZONE = ZoneInfo(settings.TIME_ZONE)


def _at(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=ZONE)


def _redate(model, rows: dict[int, datetime]) -> None:
    """Give the creation record of each object ``pk → moment`` that moment."""
    if not rows:
        return
    history = model.history.model
    records = list(history.objects.filter(id__in=rows, history_type="+").only("history_id", "id"))
    for record in records:
        record.history_date = rows[record.id]
    history.objects.bulk_update(records, ["history_date"], batch_size=500)


def backdate(region: Region, today: date) -> None:
    """Date the creation records and log entries of ``region``'s use (see the module)."""
    _redate(
        Knelpunt,
        {
            pk: _at(day, time(10, 0))
            for pk, day in Knelpunt.objects.filter(region=region).values_list("pk", "signalled_on")
        },
    )
    _redate(
        Action,
        {
            pk: _at(day, time(10, 0))
            for pk, day in Action.objects.filter(region=region).values_list("pk", "created_on")
        },
    )
    meetings = {
        pk: timezone.localtime(start).date()
        for pk, start in Meeting.objects.filter(body__region=region).values_list("pk", "starts_at")
    }
    _redate(
        Meeting,
        {pk: _at(min(day - timedelta(weeks=8), today), time(9, 0)) for pk, day in meetings.items()},
    )
    _redate(
        AgendaItem,
        {
            pk: _at(min(meetings[meeting] - timedelta(weeks=2), today), time(9, 30))
            for pk, meeting in AgendaItem.objects.filter(meeting__body__region=region).values_list(
                "pk", "meeting"
            )
        },
    )
    _redate(
        Assessment,
        {
            pk: _at(day, time(10, 0))
            for pk, day in Assessment.objects.filter(region=region).values_list("pk", "assessed_on")
        },
    )
    _redate(
        CaseReflection,
        {
            pk: _at(min(quarter_bounds(year, quarter)[0] - timedelta(weeks=6), today), time(10, 0))
            for pk, year, quarter in CaseReflection.objects.filter(region=region).values_list(
                "pk", "year", "quarter"
            )
        },
    )
    _redate(
        Conclusion,
        {
            pk: _at(day, time(16, 0))
            for pk, day in Conclusion.objects.filter(reflection__region=region).values_list(
                "pk", "decided_on"
            )
        },
    )
    updates = list(ActionUpdate.objects.filter(action__region=region).only("pk", "date"))
    for update in updates:
        update.created_at = _at(update.date, time(11, 0))
    ActionUpdate.objects.bulk_update(updates, ["created_at"], batch_size=500)


def link_authors(region: Region, users_by_name: dict[str, object]) -> None:
    """Entries and peilmomenten written by the name of a demo account become that account's
    (the import keeps a name only: accounts are not part of a region file)."""
    for name, user in users_by_name.items():
        ActionUpdate.objects.filter(
            action__region=region, author__isnull=True, author_name=name
        ).update(author=user, author_name="")
        # A queryset update: a peilmoment refuses to be saved twice (it is frozen), and this
        # only names who froze it, in the transaction that imported it.
        Snapshot.objects.filter(region=region, frozen_by__isnull=True, frozen_by_name=name).update(
            frozen_by=user, frozen_by_name=""
        )
