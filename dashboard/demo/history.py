"""After a demo region is imported: the dates of its history, and its people's accounts.

An import records what it created as created *now*, by the importing user — right for a
region that moves in. The demo instead should look like a year of use, so the loader, and
only the loader, gives the creation records of what the data files date a day of their own:

* a knelpunt was created on the day it was signalled, an action on its ``created_on``, an
  assessment on the day it was made, a conclusion on the day the Stamtafel took it;
* a meeting was planned about eight weeks ahead (one further ahead with the year's schedule, a
  week before the load day at the latest), its agenda drawn up two weeks before it, a
  reflection six weeks before its quarter (never later than the load day);
* each entry of an action's log was recorded on its own date;
* attendance was recorded the day after the meeting (an absence announced beforehand on the
  moment it was announced), a version of the minutes a week after the meeting (a stuk: see
  ``dashboard.demo.stukken``).

* the structure was registered a week before the region's first use of the portal (its first
  knelpunt, action, meeting, assessment or peilmoment), or — a body established, a seat, a
  mandate or a relation begun later — on the day it began.

Without that, the meeting preparation's "changes since the previous meeting" would list the
whole register as added on the load day.

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
from governance.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Attendance,
    Body,
    BodyRelation,
    CostLine,
    Knelpunt,
    Mandate,
    Meeting,
    Membership,
    Minutes,
    Municipality,
    Organisation,
    Person,
    Region,
    RegionPartner,
    RegionTheme,
    SubRegion,
)

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


def _first_use(region: Region, meetings: dict[int, date], today: date) -> date:
    days = [today, *meetings.values()]
    for queryset, field in (
        (Knelpunt.objects.filter(region=region), "signalled_on"),
        (Action.objects.filter(region=region), "created_on"),
        (Assessment.objects.filter(region=region), "assessed_on"),
        (Snapshot.objects.filter(region=region), "date"),
    ):
        first = queryset.order_by(field).values_list(field, flat=True).first()
        if first is not None:
            days.append(first)
    return min(days)


def _backdate_structure(region: Region, registered: date, today: date) -> None:
    """The register's creation records: on ``registered``, or on the day a thing began."""

    def on(day: date | None) -> datetime:
        return _at(min(max(day or registered, registered), today), time(9, 0))

    plain = (
        (Region.objects.filter(pk=region.pk)),
        SubRegion.objects.filter(region=region),
        Municipality.objects.filter(region=region),
        Organisation.objects.filter(region=region),
        RegionPartner.objects.filter(region=region),
        RegionTheme.objects.filter(region=region),
        Person.objects.filter(region=region),
        CostLine.objects.filter(body__region=region),
    )
    for queryset in plain:
        _redate(queryset.model, {pk: on(None) for pk in queryset.values_list("pk", flat=True)})
    begun = (
        (Body.objects.filter(region=region), "established_on"),
        (Mandate.objects.filter(body__region=region), "valid_from"),
        (Membership.objects.filter(body__region=region), "start"),
        (BodyRelation.objects.filter(source__region=region), "valid_from"),
    )
    for queryset, field in begun:
        _redate(queryset.model, {pk: on(day) for pk, day in queryset.values_list("pk", field)})


def backdate(region: Region, today: date) -> None:
    """Date the creation records and log entries of ``region`` (see the module)."""
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
        {
            pk: _at(min(day - timedelta(weeks=8), today - timedelta(weeks=1)), time(9, 0))
            for pk, day in meetings.items()
        },
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
    # The meeting cycle: attendance recorded the day after the meeting (an announced absence
    # when it was announced), minutes versions a week after the meeting, a change after
    # publication when it was made — never later than the load day.
    in_region = {"meeting__body__region": region}
    _redate(
        Attendance,
        {
            pk: announced or _at(min(meetings[meeting] + timedelta(days=1), today), time(9, 0))
            for pk, meeting, announced in Attendance.objects.filter(**in_region).values_list(
                "pk", "meeting", "announced_at"
            )
        },
    )
    _redate(
        Minutes,
        {
            pk: _at(min(meetings[meeting] + timedelta(weeks=1), today), time(9, 0))
            for pk, meeting in Minutes.objects.filter(**in_region).values_list("pk", "meeting")
        },
    )
    _backdate_structure(region, _first_use(region, meetings, today) - timedelta(weeks=1), today)
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
