"""The demo's meeting cycle (issue 18): attendance, minutes adopted at the next meeting, an
agenda waiting for its chair, a late stuk, and the personal notes of the demo bestuurder."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from core.history import get_system_user
from dashboard.demo.load import build_demo
from dashboard.demo.manifest import read_manifest
from dashboard.demo.shift import shift_days, shift_region_document
from governance import constants as c
from governance.models import Document, Meeting, Membership, Minutes, PersonalNote
from governance.selectors.attendance import attendance_sheet

from .conftest import STAMTAFEL, body, seed

DVO = "Districtelijk Veiligheidsoverleg"
MANIFEST = read_manifest()
NOG = json.loads((MANIFEST.directory / "nog.region.json").read_text(encoding="utf-8"))


def _local(text: str) -> datetime:
    return timezone.localtime(datetime.fromisoformat(text))


def _story_holds(document: dict, today: date) -> None:
    meetings = {m["key"]: m for m in document["meetings"]}
    by_body: dict[str, list[dict]] = {}
    for m in sorted(document["meetings"], key=lambda m: m["starts_at"]):
        if m["status"] != "geannuleerd":
            by_body.setdefault(m["body"], []).append(m)
    for meeting in document["meetings"]:
        start = _local(meeting["starts_at"])
        if meeting["attendance"]:
            assert meeting["status"] == "gehouden" and start.date() < today
        for item in meeting["items"]:
            adopted = item["adopts_minutes_of"]
            if adopted:
                series = by_body[meeting["body"]]
                previous = series[series.index(meeting) - 1]
                assert previous["key"] == adopted, (meeting["key"], adopted)
        if meeting["agenda_state"] == "ter_vaststelling":
            assert start.date() > today
            assert _local(meeting["agenda_submitted_at"]).date() <= today
        for version in meeting["minutes"]:
            if version["state"] == "vastgesteld":
                on = meetings[version["adopted_on_item"]["meeting"]]
                assert on["status"] == "gehouden" and on["starts_at"] > meeting["starts_at"]


def test_the_story_in_the_files():
    meetings = NOG["meetings"]
    waiting = [m for m in meetings if m["agenda_state"] == "ter_vaststelling"]
    assert [m["body"] for m in waiting] == [DVO]
    chair = next(b for b in NOG["bodies"] if b["name"] == DVO)["memberships"]
    chairs = [s for s in chair if s["role"] == "voorzitter" and s["end"] is None]
    assert [s["person"] for s in chairs] == ["rob-hendriksen"]
    for name in (STAMTAFEL, DVO):
        held = [m for m in meetings if m["body"] == name and m["status"] == "gehouden"]
        assert len(held) >= 4
        *earlier, last = sorted(held, key=lambda m: m["starts_at"])
        assert all(m["minutes"][0]["state"] == "vastgesteld" for m in earlier)
        assert last["minutes"][0]["state"] == "concept"
        assert all(m["agenda_published_at"] < m["starts_at"] for m in held)
    assert any(item["minutes_text"] for m in meetings for item in m["items"])
    _story_holds(NOG, MANIFEST.peildatum)


@pytest.mark.parametrize("weeks", [0, 1, 13, 26, 52, 79, 104, 156])
def test_the_meeting_cycle_moves_with_the_load_day(weeks):
    today = MANIFEST.peildatum + timedelta(weeks=weeks, days=3)
    moved = shift_region_document(NOG, shift_days(MANIFEST.peildatum, today))
    for before, after in zip(NOG["meetings"], moved["meetings"], strict=True):
        old, new = _local(before["starts_at"]), _local(after["starts_at"])
        assert (old.weekday(), old.time()) == (new.weekday(), new.time())
    _story_holds(moved, today)


@pytest.mark.django_db
def test_seeded_cycle(seeded):
    stamtafel = Meeting.objects.filter(body=body(STAMTAFEL), status=c.MeetingStatus.GEHOUDEN)
    last_four = list(stamtafel.order_by("-starts_at")[:4])
    rates = [attendance_sheet(m).rate for m in last_four]
    assert sum(rates) / 4 < c.ATTENDANCE_THRESHOLD / 100
    lines = [a for m in last_four for a in m.attendance.all()]
    assert any(a.status == c.AttendanceStatus.VERVANGEN for a in lines)
    assert any(a.membership_id is None for a in lines)

    waiting = Meeting.objects.get(agenda_state=c.AgendaState.TER_VASTSTELLING)
    day = timezone.localdate(waiting.starts_at)
    assert day > timezone.localdate()
    chair = Membership.objects.filter(body=waiting.body, role=c.MembershipRole.VOORZITTER)
    assert chair.valid_on(day).get().person.user.username == "demo-bestuurder"

    adopted = Minutes.objects.filter(state=c.MinutesState.VASTGESTELD)
    assert adopted.count() >= 6
    for version in adopted:
        assert version.adopted_on_item.adopts_minutes_of_id == version.meeting_id

    late = [
        d
        for d in Document.objects.select_related("agenda_item__meeting__body")
        if d.uploaded_at
        > d.agenda_item.meeting.starts_at
        - timedelta(days=d.agenda_item.meeting.body.documents_term_days)
    ]
    assert [d.agenda_item.meeting.status for d in late] == [c.MeetingStatus.GEHOUDEN]
    assert all(d.uploaded_at < timezone.now() for d in Document.objects.all())
    assert all(d.file.read(5) == b"%PDF-" for d in Document.objects.all())


@pytest.mark.django_db
def test_notes_only_for_the_demo_bestuurder_and_never_exported(seeded, tmp_path):
    notes = PersonalNote.objects.select_related("user")
    assert notes.count() == 3
    assert {n.user.username for n in notes} == {"demo-bestuurder"}
    assert notes.filter(document__isnull=False, page__isnull=False).exists()
    assert all(n.created_at <= timezone.now() for n in notes)
    call_command("export_demo", "--output", str(tmp_path), stdout=StringIO())
    region = (tmp_path / "nog.region.json").read_text(encoding="utf-8")
    for note in notes:
        assert note.text not in region


@pytest.mark.django_db
def test_seeding_twice_adds_no_stukken_or_notes(demo_settings):
    seed()
    counts = (Document.objects.count(), PersonalNote.objects.count())
    assert "niets gewijzigd" in seed()
    assert (Document.objects.count(), PersonalNote.objects.count()) == counts


@pytest.mark.django_db
def test_loaded_on_another_day_the_late_stuk_stays_late(demo_settings):
    # (a day before today, so that the reflections' "held" is in the past for their validation)
    with transaction.atomic():
        build_demo(user=get_system_user(), today=MANIFEST.peildatum - timedelta(weeks=30))
    for document in Document.objects.select_related("agenda_item__meeting"):
        gap = document.agenda_item.meeting.starts_at - document.uploaded_at
        expected = next(s.days_before for s in MANIFEST.stukken if s.title == document.title)
        assert gap.days in (expected - 1, expected)  # the meeting's time of day, not 10:00
