"""Region exchange, version 2: every problem with the parts, the werkagenda and the meetings is
reported in Dutch at the JSON path of the place in the file, and nothing is written. (The
checklist's own checks: tests/checklist/test_checklist_exchange.py.)"""

import json

import pytest

from governance.exchange import RegionImportFailed, export_region, import_region
from tests.governance.exchange_data import ALL_PARTS, body_index, counts

pytestmark = pytest.mark.django_db

RUNNING = "convenant-gegevensdeling-2"


def _action(doc, key=RUNNING):
    return next(i for i, a in enumerate(doc["actions"]) if a["key"] == key)


def refuse(doc, user) -> dict[str, str]:
    """Import ``doc``; it must fail without writing anything. Returns path → message."""
    before = counts()
    with pytest.raises(RegionImportFailed) as failed:
        import_region(data=json.dumps(doc), user=user, slug="nieuw")
    assert counts() == before
    assert all(e.message for e in failed.value.errors)
    return {e.path: e.message for e in failed.value.errors}


# --- parts ----------------------------------------------------------------------------------------


def _parts(parts):
    def mutate(doc):
        doc["parts"] = parts

    return mutate


def _drop(name):
    def mutate(doc):
        del doc[name]

    return mutate


@pytest.mark.parametrize(
    ("mutate", "path", "text"),
    [
        (_parts(["structuur", "vergaderingen", "checklist"]), "$.parts[1]", "alleen samen met"),
        (_parts(["structuur", "vergaderingen", "checklist"]), "$.knelpunten", "hoort alleen"),
        (_parts(["structuur", "werkagenda", "checklist"]), "$.meetings", "hoort alleen"),
        (_drop("meetings"), "$.meetings", "ontbreekt"),
        (_drop("checklist"), "$.checklist", "ontbreekt"),
        (_parts(["structuur", "vergaderingen", "werkagenda", "checklist"]), "$.parts", "volgorde"),
        (_parts(["werkagenda", "vergaderingen", "checklist"]), "$.parts", "hoort altijd"),
        (_parts([*ALL_PARTS, "notulen"]), "$.parts[4]", "Onbekend onderdeel"),
        (_parts([*ALL_PARTS, "checklist"]), "$.parts[4]", "meer dan eens"),
        (_parts("structuur"), "$.parts", "Verwacht"),
        (_drop("parts"), "$.parts", "ontbreekt"),
    ],
)
def test_parts_and_their_sections_must_agree(used_region, user, mutate, path, text):
    doc = export_region(used_region, ALL_PARTS)
    mutate(doc)
    errors = refuse(doc, user)
    assert text in errors.get(path, ""), errors


def test_a_section_without_its_part_is_refused(used_region, user):
    doc = export_region(used_region)
    doc["knelpunten"] = []
    assert "werkagenda" in refuse(doc, user)["$.knelpunten"]


# --- werkagenda and meetings ----------------------------------------------------------------------


def _set(getter, field, value):
    def mutate(doc):
        getter(doc)[field] = value

    return mutate


def action(doc):
    return doc["actions"][_action(doc)]


def winter(doc):
    return doc["meetings"][0]


def _ambiguous_trekker(doc):
    stamtafel = doc["bodies"][body_index(doc, "Stamtafel")]
    seat = next(m for m in stamtafel["memberships"] if m["role"] == "portefeuillehouder")
    # the same body, person, role, start and municipality: only the portfolio differs
    stamtafel["memberships"].append({**seat, "portfolio": "Jeugd"})


def _ambiguous_item(doc):
    action(doc)["origin_agenda_item"] = {"meeting": "stamtafel-2024-01-18", "item": 3}


def _duplicate(section, index=1):
    def mutate(doc):
        doc[section][index]["key"] = doc[section][0]["key"]

    return mutate


TREKKER = {"body": "Stamtafel", "person": "karin-smit", "role": "voorzitter", "start": None}


@pytest.mark.parametrize(
    ("mutate", "path", "text"),
    [
        (_duplicate("knelpunten"), "$.knelpunten[1].key", "meer dan eens"),
        (
            _set(lambda d: d["knelpunten"][0], "theme", "Geen thema"),
            "$.knelpunten[0].theme",
            "thema",
        ),
        (_duplicate("actions"), "$.actions[1].key", "meer dan eens"),
        (_set(action, "trekker", TREKKER), "$.actions[1].trekker", "Onbekend lidmaatschap"),
        (_ambiguous_trekker, "$.actions[1].trekker", "niet eenduidig"),
        (_set(action, "owner", "niemand"), "$.actions[1].owner", "Onbekende persoon"),
        (_set(action, "owning_body", "Spooktafel"), "$.actions[1].owning_body", "gremium"),
        (
            _set(action, "coalition", [{"name": "Nergens", "national": True}]),
            "$.actions[1].coalition[0]",
            "landelijke organisatie",
        ),
        (_set(action, "knelpunten", ["geen"]), "$.actions[1].knelpunten[0]", "Onbekend knelpunt"),
        (
            _set(action, "origin_agenda_item", {"meeting": "geen", "item": 1}),
            "$.actions[1].origin_agenda_item.meeting",
            "Onbekende vergadering",
        ),
        (_ambiguous_item, "$.actions[1].origin_agenda_item.item", "geen agendapunt 3"),
        (
            _set(action, "origin_agenda_item", {"meeting": "stamtafel-2024-01-18", "item": 0}),
            "$.actions[1].origin_agenda_item.item",
            "minstens 1",
        ),
        (_set(action, "importance", 4), "$.actions[1].importance", "Toegestaan"),
        (_set(action, "closed_reason", "afgerond"), "$.actions[1].closed_reason", "gereedlijst"),
        (
            _set(lambda d: action(d)["log"][0], "kind", "gemopper"),
            "$.actions[1].log[0].kind",
            "Onbekende waarde",
        ),
        (_set(action, "created_on", None), "$.actions[1].created_on", "Verwacht: tekst"),
        (_duplicate("meetings"), "$.meetings[1].key", "meer dan eens"),
        (_set(winter, "body", "Spooktafel"), "$.meetings[0].body", "Onbekend gremium"),
        (
            _set(winter, "starts_at", "2024-01-18T13:30:00"),
            "$.meetings[0].starts_at",
            "Ongeldig tijdstip",
        ),
        (
            _set(winter, "starts_at", "2024-13-18T13:30:00+01:00"),
            "$.meetings[0].starts_at",
            "Ongeldig tijdstip",
        ),
        (
            _set(winter, "ends_at", "2024-01-18T12:00:00Z"),
            "$.meetings[0].ends_at",
            "na het begin",
        ),
        (
            _set(winter, "starts_at", "2010-01-18T13:30:00+01:00"),
            "$.meetings[0].starts_at",
            "pas ingesteld",
        ),
        (
            _set(lambda d: winter(d)["items"][1], "action", "geen"),
            "$.meetings[0].items[1].action",
            "Onbekende actie",
        ),
        (
            _set(lambda d: winter(d)["items"][1], "knelpunt", "geen"),
            "$.meetings[0].items[1].knelpunt",
            "Onbekend knelpunt",
        ),
        (
            _set(lambda d: winter(d)["items"][0], "title", ""),
            "$.meetings[0].items[0].title",
            "leeg",
        ),
    ],
)
def test_broken_werkagenda_or_meetings_are_refused(used_region, user, mutate, path, text):
    doc = export_region(used_region, ALL_PARTS)
    assert _action(doc) == 1 and winter(doc)["key"] == "stamtafel-2024-01-18"
    mutate(doc)
    errors = refuse(doc, user)
    assert text in errors.get(path, ""), errors


def test_references_into_a_part_that_is_not_in_the_file(used_region, user):
    doc = export_region(used_region, ["structuur", "werkagenda"])
    action(doc)["origin_agenda_item"] = {"meeting": "stamtafel-2024-01-18", "item": 1}
    message = refuse(doc, user)["$.actions[1].origin_agenda_item.meeting"]
    assert "‘vergaderingen’ staat niet in ‘parts’" in message


def test_every_problem_is_reported_at_once(used_region, user):
    doc = export_region(used_region, ALL_PARTS)
    action(doc)["owner"] = "niemand"
    winter(doc)["body"] = "Spooktafel"
    doc["knelpunten"][0]["theme"] = "Geen thema"
    errors = refuse(doc, user)
    assert list(errors) == ["$.actions[1].owner", "$.knelpunten[0].theme", "$.meetings[0].body"]
