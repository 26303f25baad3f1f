"""Format version 3: the meeting cycle in the region format (stukken term and quorum of a
body; agenda state, attendance, changes after publication and minutes of a meeting; minutes
text and adoption on agenda items). Round trip and the Dutch errors of every new field."""

import copy
import json

import pytest

from governance import constants as c
from governance.exchange import (
    RegionImportFailed,
    dump_region_json,
    export_region,
    import_region,
    validate_region_document,
)
from governance.exchange.keys import region_keys
from governance.models import AgendaChange, Attendance, Meeting, Minutes, PersonalNote, Region
from tests.factories import UserFactory
from tests.governance.exchange_data import (
    ALL_PARTS,
    at,
    counts,
    delete_region_completely,
    without_frameworks,
)

pytestmark = pytest.mark.django_db


def add_cycle(region: Region) -> None:
    keys = region_keys(region)
    winter_key, winter = next((k, m) for k, m in keys.meetings.items() if m.title)
    body = winter.body
    body.documents_term_days = 10
    body.quorum = 3
    body.quorum_unit = c.QuorumUnit.GEMEENTEN
    body.save()
    later = next(m for m in keys.meetings.values() if m.body_id == body.pk and m != winter)
    winter.agenda_state = c.AgendaState.DEFINITIEF
    winter.agenda_submitted_at = at(2024, 1, 5, 10, 0)
    winter.agenda_published_at = at(2024, 1, 8, 9, 15)
    winter.agenda_publish_reason = "Voorzitter op vakantie."
    winter.save()
    later.agenda_state = c.AgendaState.TER_VASTSTELLING
    later.agenda_submitted_at = at(2024, 6, 1, 11, 0)
    later.agenda_chair_remark = "Graag punt 2 eerder."
    later.save()
    # a seat with a municipality is in the map twice (with and without it)
    seats = list(dict.fromkeys(m for ref, m in keys.memberships.items() if ref[0] == body.name))
    person = next(iter(keys.persons.values()))
    Attendance.objects.create(meeting=winter, membership=seats[0], status="aanwezig")
    Attendance.objects.create(
        meeting=winter,
        membership=seats[1],
        status="afwezig_met_bericht",
        announced_at=at(2024, 1, 15, 8, 0),
        remark="Ziek.",
    )
    if len(seats) > 2:
        Attendance.objects.create(
            meeting=winter, membership=seats[2], status="vervangen", substitute_person=person
        )
    Attendance.objects.create(
        meeting=winter, status="aanwezig", guest_name="Gast Één", guest_organisation="Ministerie"
    )
    items = list(winter.items.order_by("order"))
    adopting = later.items.order_by("order").first()
    adopting.title = "Vaststellen verslag"
    adopting.adopts_minutes_of = winter
    adopting.minutes_text = "Ongewijzigd vastgesteld."
    adopting.save()
    items[0].minutes_text = "De voorzitter opent."
    items[0].save()
    AgendaChange.objects.create(
        meeting=winter,
        agenda_item=items[1],
        kind="stuk_toegevoegd",
        description="Stuk nagezonden: convenant",
        at=at(2024, 1, 16, 17, 0),
    )
    AgendaChange.objects.create(
        meeting=winter, kind="agendapunt_verwijderd", description="Rondvraag", at=at(2024, 1, 17)
    )
    Minutes.objects.create(
        meeting=winter,
        number=1,
        state="vastgesteld",
        corrections="Naam gecorrigeerd.",
        adopted_at=at(2024, 6, 20, 9, 30),
        adopted_on_item=adopting,
    )
    Minutes.objects.create(
        meeting=winter, number=2, state="concept", reason="Correctie bij punt 2."
    )
    PersonalNote.objects.create(
        user=UserFactory(), agenda_item=items[0], page=2, text="Geheim: niet exporteren"
    )


@pytest.fixture
def cycle_region(used_region):
    add_cycle(used_region)
    return used_region


def test_the_meeting_cycle_round_trips_byte_identical(cycle_region, user):
    before = dump_region_json(cycle_region, ALL_PARTS)
    document = json.loads(before)
    assert document["version"] == 5
    assert "Geheim" not in before and "personal" not in before  # notes are private
    meeting = next(m for m in document["meetings"] if m["attendance"])
    assert meeting["agenda_publish_reason"] == "Voorzitter op vakantie."
    assert {line["status"] for line in meeting["attendance"]} >= {
        "aanwezig",
        "afwezig_met_bericht",
    }
    assert meeting["attendance"][-1]["guest_name"] == "Gast Één"  # guests after members
    assert [v["number"] for v in meeting["minutes"]] == [1, 2]
    assert meeting["minutes"][0]["adopted_on_item"]["item"] == 1
    assert [c["kind"] for c in meeting["agenda_changes"]] == [
        "stuk_toegevoegd",
        "agendapunt_verwijderd",
    ]
    assert any(
        i["adopts_minutes_of"] == meeting["key"] for m in document["meetings"] for i in m["items"]
    )
    body = next(b for b in document["bodies"] if b["quorum"] == 3)
    assert body["quorum_unit"] == "gemeenten" and body["documents_term_days"] == 10

    delete_region_completely(cycle_region)
    result = import_region(data=before, user=user)
    assert dump_region_json(result.region, ALL_PARTS) == before
    assert not PersonalNote.objects.filter(
        agenda_item__meeting__body__region=result.region
    ).exists()
    adopted = Minutes.objects.get(meeting__body__region=result.region, number=1)
    assert adopted.adopted_by is None and adopted.created_by is None  # no accounts in the file
    assert Attendance.history.filter(history_user=user, history_type="+").count() == (
        Attendance.objects.filter(meeting__body__region=result.region).count()
    )


def test_a_version_2_file_gets_the_defaults_of_the_cycle(used_region, user):
    document = without_frameworks(export_region(used_region, ALL_PARTS))
    document["version"] = 2
    for body in document["bodies"]:
        for name in ("documents_term_days", "quorum", "quorum_unit"):
            del body[name]
    for meeting in document["meetings"]:
        for name in (
            "agenda_state",
            "agenda_submitted_at",
            "agenda_published_at",
            "agenda_publish_reason",
            "agenda_chair_remark",
            "attendance",
            "agenda_changes",
            "minutes",
        ):
            del meeting[name]
        for item in meeting["items"]:
            del item["minutes_text"], item["adopts_minutes_of"]
    result = import_region(data=json.dumps(document), user=user, slug="v2")
    meetings = Meeting.objects.filter(body__region=result.region)
    assert set(meetings.values_list("agenda_state", flat=True)) == {"definitief"}
    assert result.version == 2
    # a version-2 file with a field of version 3 is refused
    document["bodies"][0]["quorum"] = 2
    errors = validate_region_document(document, slug="v2b")
    assert [e.path for e in errors] == ["$.bodies[0].quorum"]
    assert "hoort niet in versie 2" in errors[0].message


def _meeting(doc) -> int:
    return next(i for i, m in enumerate(doc["meetings"]) if m["attendance"])


def _other_body_seat(doc, m):
    body = doc["meetings"][m]["body"]
    for b in doc["bodies"]:
        if b["name"] != body:
            for seat in b["memberships"]:
                if seat["person"]:
                    return {
                        "body": b["name"],
                        "person": seat["person"],
                        "role": seat["role"],
                        "start": seat["start"],
                    }
    raise AssertionError


def _later(doc, m) -> int:
    body = doc["meetings"][m]["body"]
    return next(
        i for i, x in enumerate(doc["meetings"]) if x["body"] == body and i != m and x["items"]
    )


CASES = [
    # (change(doc, m), path (with {m}), part of the Dutch message)
    (lambda d, m: d["bodies"][0].update(quorum=0), "$.bodies[0].quorum", "minstens 1"),
    (
        lambda d, m: d["bodies"][0].update(quorum_unit="zetels"),
        "$.bodies[0].quorum_unit",
        "Onbekende waarde",
    ),
    (
        lambda d, m: d["bodies"][0].update(documents_term_days=91),
        "$.bodies[0].documents_term_days",
        "hoogstens 90",
    ),
    (
        lambda d, m: d["meetings"][m].update(agenda_state="klaar"),
        "$.meetings[{m}].agenda_state",
        "Onbekende waarde",
    ),
    (
        lambda d, m: d["meetings"][m].update(agenda_published_at="2024-01-08 09:15"),
        "$.meetings[{m}].agenda_published_at",
        "tijdstip",
    ),
    (
        lambda d, m: d["meetings"][m]["attendance"][0].update(extra=1),
        "$.meetings[{m}].attendance[0].extra",
        "Onbekend veld",
    ),
    (
        lambda d, m: d["meetings"][m]["attendance"][0].update(status="laat"),
        "$.meetings[{m}].attendance[0].status",
        "Onbekende waarde",
    ),
    (
        lambda d, m: d["meetings"][m]["attendance"][0]["member"].update(
            role="voorzitter", person=None, start="1999-01-01"
        ),
        "$.meetings[{m}].attendance[0].member",
        "Onbekend lidmaatschap",
    ),
    (
        lambda d, m: d["meetings"][m]["attendance"][0].update(member=_other_body_seat(d, m)),
        "$.meetings[{m}].attendance[0].member.body",
        "alleen leden van het gremium",
    ),
    (
        lambda d, m: d["meetings"][m]["attendance"][1].update(
            member=d["meetings"][m]["attendance"][0]["member"]
        ),
        "$.meetings[{m}].attendance[1].member",
        "meer dan eens",
    ),
    (
        lambda d, m: d["meetings"][m]["attendance"][-1].update(guest_name=""),
        "$.meetings[{m}].attendance[3].guest_name",
        "gast",
    ),
    (
        lambda d, m: d["meetings"][m]["attendance"][0].update(guest_name="X"),
        "$.meetings[{m}].attendance[0].guest_name",
        "geen gast",
    ),
    (
        lambda d, m: d["meetings"][m]["attendance"][0].update(substitute_name="Y"),
        "$.meetings[{m}].attendance[0].status",
        "vervanger",
    ),
    (
        lambda d, m: d["meetings"][m]["attendance"][2].update(substitute_person="niemand"),
        "$.meetings[{m}].attendance[2].substitute_person",
        "Onbekende persoon",
    ),
    (
        lambda d, m: d["meetings"][m]["agenda_changes"][0].update(item=99),
        "$.meetings[{m}].agenda_changes[0].item",
        "geen agendapunt 99",
    ),
    (
        lambda d, m: d["meetings"][m]["agenda_changes"][0].update(kind="iets"),
        "$.meetings[{m}].agenda_changes[0].kind",
        "Onbekende waarde",
    ),
    (
        lambda d, m: d["meetings"][m]["minutes"][1].update(number=1),
        "$.meetings[{m}].minutes[1].number",
        "Versie 1 van het verslag komt meer dan eens voor",
    ),
    (
        lambda d, m: d["meetings"][m]["minutes"][0].update(adopted_at=None),
        "$.meetings[{m}].minutes[0].adopted_at",
        "vastgesteld verslag",
    ),
    (
        lambda d, m: d["meetings"][m]["minutes"][1].update(adopted_at="2024-06-20T09:30:00+02:00"),
        "$.meetings[{m}].minutes[1].adopted_at",
        "conceptverslag",
    ),
    (
        lambda d, m: d["meetings"][m]["minutes"][0]["adopted_on_item"].update(meeting="nergens"),
        "$.meetings[{m}].minutes[0].adopted_on_item.meeting",
        "Onbekende vergadering",
    ),
    (
        lambda d, m: d["meetings"][m]["minutes"][0]["adopted_on_item"].update(item=50),
        "$.meetings[{m}].minutes[0].adopted_on_item.item",
        "geen agendapunt 50",
    ),
    (
        lambda d, m: d["meetings"][m]["minutes"][0].update(state="goedgekeurd"),
        "$.meetings[{m}].minutes[0].state",
        "Onbekende waarde",
    ),
    (
        lambda d, m: d["meetings"][m]["items"][0].update(adopts_minutes_of="nergens"),
        "$.meetings[{m}].items[0].adopts_minutes_of",
        "Onbekende vergadering",
    ),
    (
        lambda d, m: d["meetings"][m]["items"][0].update(adopts_minutes_of=d["meetings"][m]["key"]),
        "$.meetings[{m}].items[0].adopts_minutes_of",
        "eigen verslag",
    ),
]


@pytest.mark.parametrize(("change", "path", "text"), CASES)
def test_every_field_of_the_cycle_is_checked_in_dutch_and_nothing_is_saved(
    cycle_region, user, change, path, text
):
    document = export_region(cycle_region, ALL_PARTS)
    m = _meeting(document)
    broken = copy.deepcopy(document)
    change(broken, m)
    before = counts()
    with pytest.raises(RegionImportFailed) as failed:
        import_region(data=json.dumps(broken), user=user, slug="kapot")
    errors = {e.path: e.message for e in failed.value.errors}
    where = path.format(m=m)
    assert where in errors, errors
    assert text in errors[where]
    assert counts() == before
    assert not Region.objects.filter(slug="kapot").exists()


def test_adoption_by_another_body_is_refused(cycle_region, user):
    document = export_region(cycle_region, ALL_PARTS)
    m = _meeting(document)
    other = next(
        i
        for i, x in enumerate(document["meetings"])
        if x["body"] != document["meetings"][m]["body"]
    )
    document["meetings"][other]["items"].append(
        {
            "order": 9,
            "title": "Verslag van een ander",
            "kind": "besluiten",
            "description": "",
            "action": None,
            "knelpunt": None,
            "outcome": "",
            "minutes_text": "",
            "adopts_minutes_of": document["meetings"][m]["key"],
        }
    )
    errors = {e.path: e.message for e in validate_region_document(document, slug="x")}
    last = len(document["meetings"][other]["items"]) - 1
    where = f"$.meetings[{other}].items[{last}].adopts_minutes_of"
    assert "niet van" in errors[where]


def test_seats_that_differ_only_in_their_municipality_are_told_apart(used_region, user):
    """The person-less municipal seats of a district table: attendance of each seat survives
    the round trip, because the reference names the seat's municipality (version 4)."""
    from tests.factories import MeetingFactory, MembershipFactory, MunicipalityFactory

    body = used_region.bodies.get(name="Stamtafel")
    places = [MunicipalityFactory(region=used_region, name=n) for n in ("Epe", "Heerde")]
    seats = [
        MembershipFactory(body=body, person=None, municipality=m, role="lid", start=None)
        for m in places
    ]
    meeting = MeetingFactory(body=body, status="gehouden")
    Attendance.objects.create(meeting=meeting, membership=seats[0], status="aanwezig")
    Attendance.objects.create(meeting=meeting, membership=seats[1], status="afwezig_met_bericht")
    before = dump_region_json(used_region, ALL_PARTS)
    document = json.loads(before)
    index, held = next((i, m) for i, m in enumerate(document["meetings"]) if m["attendance"])
    assert [(a["member"]["municipality"], a["status"]) for a in held["attendance"]] == [
        ("Epe", "aanwezig"),
        ("Heerde", "afwezig_met_bericht"),
    ]
    # a reference to a seat that needs no municipality leaves it out
    assert all("municipality" not in a["trekker"] for a in document["actions"] if a["trekker"])

    delete_region_completely(used_region)
    result = import_region(data=before, user=user)
    assert dump_region_json(result.region, ALL_PARTS) == before

    # without the municipality the reference is ambiguous, with a hint how to solve it
    for line in held["attendance"]:
        del line["member"]["municipality"]
    errors = {e.path: e.message for e in validate_region_document(document, slug="nog-een")}
    message = errors[f"$.meetings[{index}].attendance[0].member"]
    assert "niet eenduidig" in message and "gemeente" in message
