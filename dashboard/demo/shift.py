"""Moving the demo to the day it is loaded.

The data files describe the region on their *peildatum*. Loaded on a later day, everything
that is *use* of the register moves along, so that a fresh demo always looks current: the
meeting of next week is still next week, the overdue action is still overdue, this quarter's
reflection is still this quarter's. The structure (when a body was established, a seat began,
a mandate runs out) does not move: those are facts of the region. The "evalueren vóór" dates of
bodies and mandates (format version 5) are plans, not facts: they move with the use, so the
evaluation that was near on the peildatum is near on the load day, and the one that had passed
has still passed.

* Dates and moments of the werkagenda, the meetings and the checklist move by whole weeks: the
  most whole weeks that do not pass the load day (``shift_days``). A meeting stays on its
  weekday and at its time of day (also across summer time), and what lay in the past on the
  peildatum lies in the past on the load day. A planned meeting that would land between
  Christmas and New Year moves on by a week. The data files keep a margin of a week between
  the peildatum and anything planned after it (a test checks that), so what was to come is
  still to come.
* A reflection belongs to a quarter: it moves by as many quarters as lie between the
  peildatum's quarter and the load day's quarter, and its dates move by the same weeks as the
  rest, kept inside its (new) quarter. The order of the lifecycle holds: planned and held in
  the quarter, offered after it was held, concluded after it was offered.

File keys are not changed (a meeting's key contains its old date): they are names inside the
files, and the reflections file refers to the region file by them.
"""

from __future__ import annotations

import copy
from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from casereflection.models import quarter_bounds, quarter_index, quarter_of, shift_quarter


def shift_days(peildatum: date, today: date) -> int:
    """The most whole weeks from ``peildatum`` that do not pass ``today``, in days."""
    return (today - peildatum).days // 7 * 7


def _day(value: str | None, days: int) -> str | None:
    if value is None:
        return None
    return (date.fromisoformat(value) + timedelta(days=days)).isoformat()


def _moment(value: str | None, days: int) -> str | None:
    """The same local time of day, ``days`` later (the offset follows summer time)."""
    if value is None:
        return None
    local = timezone.localtime(datetime.fromisoformat(value))
    moved = local.replace(tzinfo=None) + timedelta(days=days)
    return timezone.make_aware(moved).isoformat()


def _move(item: dict[str, Any], days: int, dates=(), moments=()) -> None:
    for name in dates:
        item[name] = _day(item[name], days)
    for name in moments:
        if name in item:
            item[name] = _moment(item[name], days)


def _in_christmas_recess(moment: str) -> bool:
    day = timezone.localtime(datetime.fromisoformat(moment)).date()
    return (day.month, day.day) >= (12, 24) or (day.month, day.day) == (1, 1)


def _past_the_holidays(meeting: dict[str, Any]) -> None:
    """No table meets between Christmas and New Year: a planned meeting that lands there is
    held a week later (on the same weekday). Nothing refers to a meeting still to be held by
    its date, so only its own moments change; held meetings keep their date (their decisions
    and conclusions are dated by it)."""
    while _in_christmas_recess(meeting["starts_at"]):
        _move(meeting, 7, moments=("starts_at", "ends_at"))


# A meeting's own moments (format version 3 adds its agenda's; a version 2 file has none).
_MEETING_MOMENTS = ("starts_at", "ends_at", "agenda_submitted_at", "agenda_published_at")


_MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def _long_date(moment: str) -> str:
    """'7 mei 2026': the local day of a moment, as a title names it."""
    day = timezone.localtime(datetime.fromisoformat(moment)).date()
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _retitle_adoptions(meetings: list[dict[str, Any]], old_starts: dict[str, str]) -> None:
    """An item that adopts the minutes of a meeting and names that meeting's day in its title
    ("Vaststellen verslag 7 mei 2026") names the day the meeting moved to."""
    new_starts = {m.get("key"): m["starts_at"] for m in meetings}
    for meeting in meetings:
        for item in meeting.get("items", []):
            adopted = item.get("adopts_minutes_of")
            if adopted not in old_starts:
                continue
            old, new = _long_date(old_starts[adopted]), _long_date(new_starts[adopted])
            if item["title"].endswith(" " + old):
                item["title"] = item["title"][: -len(old)] + new


def shift_region_document(document: dict[str, Any], days: int) -> dict[str, Any]:
    """A copy of a region document (format version 2 to 5) with its use moved ``days``
    days: also the meeting cycle's moments (agenda sent to the chair and published, absence
    announced, changes after publication, minutes adopted), the region's "registratie sinds"
    (version 4), which dates the start of that use, the "evalueren vóór" dates of bodies and
    mandates (version 5), and the day in the title of an item that adopts the minutes of a
    meeting."""
    moved = copy.deepcopy(document)
    if not days:
        return moved
    region = moved.get("region")
    if region and region.get("registration_since"):
        _move(region, days, dates=("registration_since",))
    for body in moved.get("bodies", []):
        if body.get("evaluate_before"):
            _move(body, days, dates=("evaluate_before",))
        for mandate in body.get("mandates", []):
            if mandate.get("evaluate_before"):
                _move(mandate, days, dates=("evaluate_before",))
    old_starts = {m["key"]: m["starts_at"] for m in moved.get("meetings", []) if "key" in m}
    for knelpunt in moved.get("knelpunten", []):
        _move(knelpunt, days, dates=("signalled_on",))
    for action in moved.get("actions", []):
        _move(action, days, dates=("created_on", "list_since", "due_date"))
        for entry in action["log"]:
            _move(entry, days, dates=("date",))
    for meeting in moved.get("meetings", []):
        _move(meeting, days, moments=_MEETING_MOMENTS)
        for line in meeting.get("attendance", []):
            _move(line, days, moments=("announced_at",))
        for change in meeting.get("agenda_changes", []):
            _move(change, days, moments=("at",))
        for version in meeting.get("minutes", []):
            _move(version, days, moments=("adopted_at",))
        if meeting["status"] == "gepland":
            _past_the_holidays(meeting)
    _retitle_adoptions(moved.get("meetings", []), old_starts)
    checklist = moved.get("checklist")
    if checklist is not None:
        for assessment in checklist["assessments"]:
            _move(assessment, days, dates=("assessed_on", "next_review_on"))
        for peilmoment in checklist["peilmomenten"]:
            _move(peilmoment, days, dates=("date",), moments=("frozen_at",))
    return moved


def _within(value: str | None, start: date, end: date) -> str | None:
    """``value`` kept inside ``[start, end)``."""
    if value is None:
        return None
    day = date.fromisoformat(value)
    return min(max(day, start), end - timedelta(days=1)).isoformat()


def _not_before(value: str | None, earliest: str | None) -> str | None:
    if value is None or earliest is None:
        return value
    return max(value, earliest)


def shift_reflections_document(
    document: dict[str, Any], peildatum: date, today: date
) -> dict[str, Any]:
    """A copy of a reflections document moved from ``peildatum`` to ``today``."""
    moved = copy.deepcopy(document)
    days = shift_days(peildatum, today)
    quarters = quarter_index(*quarter_of(today)) - quarter_index(*quarter_of(peildatum))
    if not days and not quarters:
        return moved
    for reflection in moved["reflections"]:
        year, quarter = shift_quarter(reflection["year"], reflection["quarter"], quarters)
        reflection["year"], reflection["quarter"] = year, quarter
        start, end = quarter_bounds(year, quarter)
        _move(reflection, days, dates=("planned_on", "held_on", "offered_on"))
        reflection["planned_on"] = _within(reflection["planned_on"], start, end)
        reflection["held_on"] = _within(reflection["held_on"], start, end)
        reflection["offered_on"] = _not_before(reflection["offered_on"], reflection["held_on"])
        for conclusion in reflection["conclusions"]:
            _move(conclusion, days, dates=("decided_on", "due_date"))
            conclusion["decided_on"] = _not_before(
                conclusion["decided_on"], reflection["offered_on"]
            )
    return moved
