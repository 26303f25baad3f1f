"""Moving the demo's data files to the load day (``dashboard.demo.shift``): pure functions,
checked for every load day over three years."""

import json
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from casereflection.constants import ReflectionStatus, status_index
from casereflection.models import quarter_bounds, quarter_of
from dashboard.demo.manifest import read_manifest
from dashboard.demo.shift import (
    shift_days,
    shift_reflections_document,
    shift_region_document,
)

S = ReflectionStatus


def test_whole_weeks_that_do_not_pass_the_load_day():
    peil = date(2026, 10, 8)
    assert shift_days(peil, peil) == 0
    assert shift_days(peil, peil + timedelta(days=6)) == 0
    assert shift_days(peil, peil + timedelta(days=7)) == 7
    assert shift_days(peil, peil + timedelta(days=62)) == 56
    assert shift_days(peil, peil - timedelta(days=1)) == -7


def test_a_meeting_keeps_its_weekday_and_local_time_across_summer_time():
    document = {
        "meetings": [
            {
                "status": "gepland",
                "starts_at": "2026-10-15T13:30:00+02:00",
                "ends_at": "2026-10-15T15:30:00+02:00",
            }
        ]
    }
    moved = shift_region_document(document, 14)["meetings"][0]
    assert moved["starts_at"] == "2026-10-29T13:30:00+01:00"  # after the clocks went back
    assert moved["ends_at"] == "2026-10-29T15:30:00+01:00"
    assert document["meetings"][0]["starts_at"] == "2026-10-15T13:30:00+02:00"  # a copy


def test_an_adoption_item_names_the_day_its_meeting_moved_to():
    def meeting(key, starts_at, items=()):
        return {
            "key": key,
            "status": "gehouden",
            "starts_at": starts_at,
            "ends_at": starts_at,
            "items": list(items),
        }

    document = {
        "meetings": [
            meeting("mei", "2026-05-07T13:30:00+02:00"),
            meeting(
                "juli",
                "2026-07-02T13:30:00+02:00",
                [
                    {"title": "Vaststellen verslag 7 mei 2026", "adopts_minutes_of": "mei"},
                    {"title": "Verslag van de vorige keer", "adopts_minutes_of": "mei"},
                    {"title": "Terugblik 7 mei 2026", "adopts_minutes_of": None},
                ],
            ),
        ]
    }
    items = shift_region_document(document, 56)["meetings"][1]["items"]
    assert [i["title"] for i in items] == [
        "Vaststellen verslag 2 juli 2026",
        "Verslag van de vorige keer",
        "Terugblik 7 mei 2026",
    ]


def test_a_planned_meeting_is_not_held_between_christmas_and_new_year():
    document = {
        "meetings": [
            {"status": "gepland", "starts_at": "2026-11-05T13:30:00+01:00", "ends_at": None},
            {"status": "gehouden", "starts_at": "2025-11-06T13:30:00+01:00", "ends_at": None},
            {"status": "gepland", "starts_at": "2026-10-29T13:30:00+01:00", "ends_at": None},
        ]
    }
    moved = shift_region_document(document, 56)["meetings"]
    # 31 December would be the day; a week later instead, same weekday and time.
    assert moved[0]["starts_at"] == "2027-01-07T13:30:00+01:00"
    # A held meeting keeps the day its decisions are dated by.
    assert moved[1]["starts_at"] == "2026-01-01T13:30:00+01:00"
    # 24 December, then 31 December: both in the recess.
    assert moved[2]["starts_at"] == "2027-01-07T13:30:00+01:00"


def _without_evaluation(bodies: list[dict]) -> list[dict]:
    return [
        {
            **{k: v for k, v in b.items() if k != "evaluate_before"},
            "mandates": [
                {k: v for k, v in m.items() if k != "evaluate_before"} for m in b["mandates"]
            ],
        }
        for b in bodies
    ]


def test_the_structure_does_not_move():
    manifest = read_manifest()
    path = manifest.regions[0].region
    document = json.loads(path.read_text(encoding="utf-8"))
    moved = shift_region_document(document, 364)
    for name in ("relations", "persons", "municipalities", "frameworks"):
        assert moved[name] == document[name], name
    # the bodies stay, but for their "evalueren vóór" dates: plans, which move with the use
    assert _without_evaluation(moved["bodies"]) == _without_evaluation(document["bodies"])
    dated = [
        (old, new)
        for before, after in zip(document["bodies"], moved["bodies"], strict=True)
        for old, new in [(before, after), *zip(before["mandates"], after["mandates"], strict=True)]
        if old["evaluate_before"]
    ]
    assert len(dated) >= 2
    for old, new in dated:
        assert date.fromisoformat(new["evaluate_before"]) == date.fromisoformat(
            old["evaluate_before"]
        ) + timedelta(364)
    assert moved["actions"] != document["actions"]
    # the region stays, but for the day its use of the portal starts, which moves with the use
    since = moved["region"].pop("registration_since")
    assert (
        since
        == (
            date.fromisoformat(document["region"]["registration_since"]) + timedelta(364)
        ).isoformat()
    )
    assert moved["region"] == {
        k: v for k, v in document["region"].items() if k != "registration_since"
    }


def _documents():
    manifest = read_manifest()
    files = next(f for f in manifest.regions if f.region.name.startswith("nog"))
    region = json.loads(files.region.read_text(encoding="utf-8"))
    reflections = json.loads(files.reflections.read_text(encoding="utf-8"))
    # Only the meetings matter for the reflections; the rest of the region is left out to
    # keep three years of days fast.
    return manifest.peildatum, {"meetings": region["meetings"]}, reflections


def _problems(peildatum, meetings_doc, reflections_doc, today) -> list[str]:
    days = shift_days(peildatum, today)
    meetings = shift_region_document(meetings_doc, days)["meetings"]
    meeting_day = {
        m["key"]: timezone.localtime(datetime.fromisoformat(m["starts_at"])).date()
        for m in meetings
    }
    document = shift_reflections_document(reflections_doc, peildatum, today)
    reflections = document["reflections"]
    problems = []
    quarters = [(r["year"], r["quarter"]) for r in reflections]
    if len(set(quarters)) != len(quarters) or quarters != sorted(quarters):
        problems.append("quarters not one each, in order")
    if quarters[-1] != quarter_of(today):
        problems.append("the last reflection is not this quarter's")
    for r in reflections:
        start, end = quarter_bounds(r["year"], r["quarter"])
        held = r["held_on"] and date.fromisoformat(r["held_on"])
        offered = r["offered_on"] and date.fromisoformat(r["offered_on"])
        planned = date.fromisoformat(r["planned_on"])
        if not start <= planned < end:
            problems.append("planned outside its quarter")
        if held and not (start <= held < end and held <= today):
            problems.append("held outside its quarter or in the future")
        if status_index(r["status"]) < status_index(S.BESPROKEN) and planned < today:
            problems.append("still to be held, but planned in the past")
        if offered and not held < offered <= today:
            problems.append("offered before it was held, or in the future")
        for c in r["conclusions"]:
            decided = date.fromisoformat(c["decided_on"])
            if not offered < decided < today:
                problems.append("concluded before it was offered, or not yet")
            if c["agenda_item"] and meeting_day[c["agenda_item"]["meeting"]] != decided:
                problems.append("concluded on another day than its Stamtafel meeting")
    return problems


def test_the_reflections_keep_their_story_on_every_load_day():
    """From the peildatum until three years later, every day: each reflection in its own
    quarter and this quarter's one last, the lifecycle in order and before the load day, each
    conclusion taken on the day of its Stamtafel meeting."""
    peildatum, meetings, reflections = _documents()
    failures = {}
    for n in range(0, 3 * 366):
        today = peildatum + timedelta(days=n)
        found = _problems(peildatum, meetings, reflections, today)
        if found:
            failures[today] = found
    assert failures == {}


@pytest.mark.parametrize("weeks_before", [1, 13, 30])
def test_loaded_before_the_peildatum_the_story_holds_too(weeks_before):
    """A load day before the peildatum (a test database, a clock that is wrong) moves
    everything back the same way."""
    peildatum, meetings, reflections = _documents()
    today = peildatum - timedelta(weeks=weeks_before)
    assert _problems(peildatum, meetings, reflections, today) == []


def test_a_reflection_that_would_leave_its_quarter_is_kept_inside_it():
    """A reflection held late in its quarter, moved by many weeks within the same quarter of
    the load day, would leave its quarter: it is kept on the quarter's last day — still before
    it was offered, and not in the future."""
    reflections = {
        "reflections": [
            {
                "year": 2026,
                "quarter": 3,
                "planned_on": "2026-09-28",
                "held_on": "2026-09-28",
                "offered_on": "2026-10-05",
                "status": "aangeboden",
                "conclusions": [],
            }
        ]
    }
    moved = shift_reflections_document(reflections, date(2026, 10, 8), date(2026, 12, 30))
    item = moved["reflections"][0]
    assert (item["year"], item["quarter"]) == (2026, 3)
    assert item["held_on"] == "2026-09-30" and item["planned_on"] == "2026-09-30"
    assert item["offered_on"] == "2026-12-21"
