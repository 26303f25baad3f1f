"""The health of a table (gremium) over the last ``HEALTH_MONTHS`` months: meetings held against
planned, the attendance rate per meeting, decisions per meeting, and the open and overdue
actions it owns. Numbers only: no agenda, stuk, note or minutes text is read here.

Definitions:

- The *window* runs from the same day ``HEALTH_MONTHS`` months before ``on`` (default today) up
  to the end of ``on`` — or up to now when ``on`` is today — clipped to the body's lifetime
  (``established_on`` .. ``dissolved_on``) and to the region's *registratie sinds*
  (``Region.registration_since``, when recorded): before that day the portal did not hold the
  region's meetings, so nothing there counts as planned or as held. (The structure checks fall
  back on the first recorded meeting when the date is empty; these figures, which only count,
  do not need that.)
- A meeting is *held* when it is not cancelled and has started within the window. The status
  *gehouden* is not required: secretaries often leave a past meeting on *gepland*, and the
  structure check ‘Vergadert minder vaak dan gepland’ counts the same way.
- *Planned* is ``meeting_frequency_per_year`` prorated over the (clipped) window; none when
  the frequency is not recorded.
- The *attendance rate* of a meeting is voting members (``VOTING_ROLES``, membership valid on
  the meeting day) present or substituted ÷ voting members on that day, only for meetings
  whose attendance was recorded (a line for a member that is not an advance notice, as on the
  attendance sheet). Guests and non-voting seats never count. The *average rate* is the mean
  of the meetings' rates.
- A *decision* is an agenda item of kind *besluiten* with a recorded outcome, or an item that
  created an action on the werkagenda.

Query shape, at any number of bodies and meetings: one query for the meetings with their
figures (correlated counts), one for the actions; a region's bodies are one more when not
passed in. The national figures per region (:func:`regions_health`) are three queries.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, TruncDate
from django.utils import timezone

from governance.checks.base import months_before
from governance.constants import (
    ATTENDANCE_THRESHOLD,
    HEALTH_MONTHS,
    PRESENT_STATUSES,
    AgendaItemKind,
    BodyStatus,
    MeetingStatus,
    MinutesState,
)
from governance.models import Action, AgendaItem, Attendance, Body, Meeting, Membership, Minutes
from governance.selectors.attendance import VOTING_ROLES

DAYS_PER_YEAR = 365.25


def health_window(on: date | None = None, months: int = HEALTH_MONTHS) -> tuple[datetime, datetime]:
    """[start, end) of the last ``months`` months up to ``on`` (not later than now)."""
    on = on or timezone.localdate()
    tz = timezone.get_current_timezone()
    start = datetime.combine(months_before(on, months), time.min, tzinfo=tz)
    end = datetime.combine(on + timedelta(days=1), time.min, tzinfo=tz)
    return start, min(end, timezone.now())


@dataclass(frozen=True, slots=True)
class MeetingFigures:
    """One held meeting, as numbers."""

    pk: int
    body_id: int
    starts_at: datetime
    agenda_published_at: datetime | None
    voting: int  # voting members on the meeting day
    present: int  # of whom present or substituted
    recorded: bool  # attendance recorded
    decisions: int
    minutes_adopted: bool

    @property
    def day(self) -> date:
        return timezone.localdate(self.starts_at)

    @property
    def rate(self) -> float | None:
        """Present or substituted ÷ voting members; None without recorded attendance."""
        if not self.recorded or not self.voting:
            return None
        return self.present / self.voting

    @property
    def percentage(self) -> int | None:
        rate = self.rate
        return None if rate is None else round(100 * rate)


def _valid_on_outer_day(prefix: str = "") -> Q:
    day = OuterRef("day")
    return (Q(**{f"{prefix}start__isnull": True}) | Q(**{f"{prefix}start__lte": day})) & (
        Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gt": day})
    )


def _count(qs, key: str):
    """A correlated COUNT(*) of ``qs`` (0 when it has no rows)."""
    counted = qs.order_by().values(key).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _with_figures(meetings):
    """``meetings`` annotated with the numbers of :class:`MeetingFigures`."""
    voting = Membership.objects.filter(body_id=OuterRef("body_id"), role__in=VOTING_ROLES).filter(
        _valid_on_outer_day()
    )
    present = Attendance.objects.filter(
        meeting_id=OuterRef("pk"),
        status__in=PRESENT_STATUSES,
        membership__role__in=VOTING_ROLES,
    ).filter(_valid_on_outer_day("membership__"))
    recorded = Attendance.objects.filter(
        meeting_id=OuterRef("pk"), membership__isnull=False, announced_at__isnull=True
    )
    created_action = Action.objects.filter(origin_agenda_item_id=OuterRef("pk"))
    decisions = AgendaItem.objects.filter(meeting_id=OuterRef("pk")).filter(
        (Q(kind=AgendaItemKind.BESLUITEN) & ~Q(outcome="")) | Q(Exists(created_action))
    )
    adopted = Minutes.objects.filter(meeting_id=OuterRef("pk"), state=MinutesState.VASTGESTELD)
    return (
        meetings.exclude(status=MeetingStatus.GEANNULEERD)
        .annotate(day=TruncDate("starts_at"))
        .annotate(
            n_voting=_count(voting, "body_id"),
            n_present=_count(present, "meeting_id"),
            is_recorded=Exists(recorded),
            n_decisions=_count(decisions, "meeting_id"),
            is_adopted=Exists(adopted),
        )
    )


def meeting_figures(meetings) -> list[MeetingFigures]:
    """Every held meeting of ``meetings`` (a queryset) with its numbers, in order of time.
    One query."""
    rows = (
        _with_figures(meetings)
        .order_by("starts_at", "pk")
        .values_list(
            "pk",
            "body_id",
            "starts_at",
            "agenda_published_at",
            "n_voting",
            "n_present",
            "is_recorded",
            "n_decisions",
            "is_adopted",
        )
    )
    return [MeetingFigures(*row) for row in rows]


def held_in_window(on: date | None = None, months: int = HEALTH_MONTHS):
    """Meetings (a queryset) that may count as held in the window up to ``on``."""
    start, end = health_window(on, months)
    return Meeting.objects.filter(starts_at__gte=start, starts_at__lt=end)


# --- per body --------------------------------------------------------------------------------


@dataclass
class BodyHealth:
    body: Body
    start: date  # first day of the window (clipped to the body's lifetime)
    end: date  # first day after the window
    meetings: list[MeetingFigures] = field(default_factory=list)
    open_actions: int = 0
    overdue_actions: int = 0

    @property
    def held(self) -> int:
        return len(self.meetings)

    @property
    def planned(self) -> int | None:
        """The recorded frequency prorated over the window; None when unknown."""
        frequency = self.body.meeting_frequency_per_year
        if not frequency or self.body.status == BodyStatus.VOORGESTELD:
            return None
        days = max((self.end - self.start).days, 0)
        return round(frequency * days / DAYS_PER_YEAR)

    @property
    def rated(self) -> list[MeetingFigures]:
        """The meetings with a recorded attendance rate."""
        return [m for m in self.meetings if m.rate is not None]

    @property
    def average_rate(self) -> float | None:
        rates = [m.rate for m in self.rated]
        return sum(rates) / len(rates) if rates else None

    @property
    def average_percentage(self) -> int | None:
        rate = self.average_rate
        return None if rate is None else round(100 * rate)

    @property
    def decisions(self) -> int:
        return sum(m.decisions for m in self.meetings)

    @property
    def decisions_per_meeting(self) -> float | None:
        return round(self.decisions / self.held, 1) if self.held else None

    @property
    def below_threshold(self) -> bool:
        rate = self.average_rate
        return rate is not None and 100 * rate < ATTENDANCE_THRESHOLD

    @property
    def threshold(self) -> int:
        return ATTENDANCE_THRESHOLD

    @property
    def months(self) -> int:
        return HEALTH_MONTHS


def _lifetime(
    body: Body, start: date, end: date, registered: date | None = None
) -> tuple[date, date]:
    """The window clipped to the body's lifetime and to the region's "registratie sinds"
    (``registered``): before that day the portal did not hold the region's meetings, so
    nothing counts as planned (or held) there."""
    if registered and registered > start:
        start = registered
    if body.established_on and body.established_on > start:
        start = body.established_on
    if body.dissolved_on and body.dissolved_on < end:
        end = body.dissolved_on
    return start, max(start, end)


def _action_counts(actions, today: date) -> dict[int, tuple[int, int]]:
    """Per owning body: (open, overdue). One query."""
    rows = (
        actions.open()
        .exclude(owning_body=None)
        .order_by()
        .values("owning_body_id")
        .annotate(
            n_open=Count("pk"),
            n_overdue=Count("pk", filter=Q(due_date__lt=today)),
        )
        .values_list("owning_body_id", "n_open", "n_overdue")
    )
    return {body_id: (n_open, n_overdue) for body_id, n_open, n_overdue in rows}


def _build(
    bodies, meetings: list[MeetingFigures], actions: dict, on: date, registered: date | None
) -> dict[int, BodyHealth]:
    window_start = months_before(on, HEALTH_MONTHS)
    window_end = on + timedelta(days=1)
    result: dict[int, BodyHealth] = {}
    for body in bodies:
        start, end = _lifetime(body, window_start, window_end, registered)
        n_open, n_overdue = actions.get(body.pk, (0, 0))
        result[body.pk] = BodyHealth(
            body=body, start=start, end=end, open_actions=n_open, overdue_actions=n_overdue
        )
    for m in meetings:
        if m.body_id in result and (registered is None or _day(m.starts_at) >= registered):
            result[m.body_id].meetings.append(m)
    return result


def _day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def body_health(body: Body, *, on: date | None = None) -> BodyHealth:
    """The health of one body (body page). Two queries."""
    on = on or timezone.localdate()
    meetings = meeting_figures(held_in_window(on).filter(body=body))
    actions = _action_counts(Action.objects.filter(owning_body=body), on)
    registered = body.region.registration_since
    return _build([body], meetings, actions, on, registered)[body.pk]


def region_health(region, bodies=None, *, on: date | None = None) -> dict[int, BodyHealth]:
    """The health of every body of ``region`` (body list), by body id. Two queries, three
    when ``bodies`` is not given."""
    on = on or timezone.localdate()
    if bodies is None:
        bodies = list(Body.objects.filter(region=region).order_by("name", "pk"))
    meetings = meeting_figures(held_in_window(on).filter(body__region=region))
    actions = _action_counts(Action.objects.filter(region=region), on)
    return _build(bodies, meetings, actions, on, region.registration_since)


# --- per region (VNG) -------------------------------------------------------------------------


@dataclass
class RegionHealth:
    """The aggregate health figures of one region's tables (active bodies and their meetings
    in the window): numbers only."""

    bodies: int = 0
    held: int = 0
    planned: int | None = None
    rated_meetings: int = 0
    rate_sum: float = 0.0
    decisions: int = 0
    open_actions: int = 0
    overdue_actions: int = 0

    @property
    def average_percentage(self) -> int | None:
        if not self.rated_meetings:
            return None
        return round(100 * self.rate_sum / self.rated_meetings)

    @property
    def decisions_per_meeting(self) -> float | None:
        return round(self.decisions / self.held, 1) if self.held else None


def regions_health(region_ids, *, on: date | None = None) -> dict[int, RegionHealth]:
    """Per region id: the aggregate health of its bodies that are not proposals. Three queries
    at any number of regions (bodies, meetings grouped per region, actions grouped per region);
    the per-meeting rates are averaged in the database."""
    on = on or timezone.localdate()
    region_ids = list(region_ids)
    result = {pk: RegionHealth() for pk in region_ids}
    if not region_ids:
        return result
    window_start = months_before(on, HEALTH_MONTHS)
    window_end = on + timedelta(days=1)
    bodies = (
        Body.objects.filter(region_id__in=region_ids)
        .exclude(status=BodyStatus.VOORGESTELD)
        .order_by()
        .annotate(registered=F("region__registration_since"))
        .only("region_id", "status", "established_on", "dissolved_on", "meeting_frequency_per_year")
    )
    planned: dict[int, float] = defaultdict(float)
    has_plan: set[int] = set()
    for body in bodies:
        start, end = _lifetime(body, window_start, window_end, body.registered)
        if body.dissolved_on and body.dissolved_on <= window_start:
            continue
        if body.established_on and body.established_on > on:
            continue
        figures = result[body.region_id]
        figures.bodies += 1
        if body.meeting_frequency_per_year:
            has_plan.add(body.region_id)
            planned[body.region_id] += (
                body.meeting_frequency_per_year * (end - start).days / DAYS_PER_YEAR
            )
    for region_id in has_plan:
        result[region_id].planned = round(planned[region_id])

    # a meeting before the region's "registratie sinds" does not count (see _lifetime)
    registered_meeting = Q(body__region__registration_since=None) | Q(
        day__gte=F("body__region__registration_since")
    )
    rated = Q(is_recorded=True, n_voting__gt=0)
    rate = Cast(F("n_present"), FloatField()) / Cast(F("n_voting"), FloatField())
    rows = (
        _with_figures(
            held_in_window(on)
            .filter(body__region_id__in=region_ids)
            .alias(day=TruncDate("starts_at", tzinfo=timezone.get_current_timezone()))
            .filter(registered_meeting)
        )
        .exclude(body__status=BodyStatus.VOORGESTELD)
        .order_by()
        .values("body__region_id")
        .annotate(
            held=Count("pk"),
            rated=Count("pk", filter=rated),
            rate_sum=Sum(Case(When(rated, then=rate), default=None, output_field=FloatField())),
            decided=Sum("n_decisions"),
        )
        .values_list("body__region_id", "held", "rated", "rate_sum", "decided")
    )
    for region_id, held, n_rated, rate_sum, decided in rows:
        figures = result[region_id]
        figures.held, figures.rated_meetings = held, n_rated
        figures.rate_sum, figures.decisions = rate_sum or 0.0, decided or 0
    actions = (
        Action.objects.filter(region_id__in=region_ids)
        .open()
        .exclude(owning_body=None)
        .order_by()
        .values("region_id")
        .annotate(n_open=Count("pk"), n_overdue=Count("pk", filter=Q(due_date__lt=on)))
        .values_list("region_id", "n_open", "n_overdue")
    )
    for region_id, n_open, n_overdue in actions:
        result[region_id].open_actions, result[region_id].overdue_actions = n_open, n_overdue
    return result
