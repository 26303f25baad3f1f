"""Region exchange: what an export writes — the structure, and the werkagenda, meetings and
checklist as parts — with natural keys, references and canonical order, never ids."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from governance.exchange import (
    FORMAT,
    VERSION,
    dump_region_json,
    export_filename,
    export_region,
)
from tests.factories import ActionFactory, KnelpuntFactory, MeetingFactory
from tests.governance.exchange_data import ALL_PARTS, at

pytestmark = pytest.mark.django_db


def test_export_contains_the_whole_structure_without_ids(rich_region):
    doc = export_region(rich_region)

    assert doc["format"] == FORMAT and doc["version"] == VERSION == 5
    assert doc["parts"] == ["structuur"]
    assert "knelpunten" not in doc and "meetings" not in doc and "checklist" not in doc
    assert doc["region"] == {
        "name": "Noord-Oost",
        "slug": "noord-oost",
        "code": "VR06",
        "collaboration_model": "gezamenlijke_besluitvorming",
        "collaboration_note": "Via de Stamtafel",
        "initiator": "bestuur",
        "characteristics": "22 gemeenten, drie subregio’s",
        "description": "Een “proef” regio.",
        "registration_since": "2024-01-01",
    }
    assert doc["frameworks"] == [
        {
            "name": "GR Veiligheidsregio Noord-Oost",
            "kind": "gemeenschappelijke_regeling",
            "source_document": "Gemeenschappelijke regeling VNO 2019",
            "description": "Algemeen en dagelijks bestuur; de “formele” lijn.",
        },
        {
            "name": "Netwerk zorg en veiligheid",
            "kind": "informeel_netwerk",
            "source_document": "",
            "description": "",
        },
    ]
    assert {b["name"]: b["framework"] for b in doc["bodies"]} == {
        "Bestuurlijke netwerktafel": "Netwerk zorg en veiligheid",
        "Oude regiegroep": None,
        "Stamtafel": "GR Veiligheidsregio Noord-Oost",
        "Werkgroep wonen": None,
    }
    assert [m["name"] for m in doc["municipalities"]] == ["Lochem", "Winterswijk", "Zutphen"]
    assert {
        "name": "Politie Nederland",
        "national": True,
        "domain": "veiligheid",
        "kind": "politie",
    } in doc["organisations"]
    keys = [p["key"] for p in doc["persons"]]
    assert len(set(keys)) == len(keys) == 5
    assert {"jan-jansen-1", "jan-jansen-2", "petra-de-vries", "ahmed-ozturk"} <= set(keys)
    stamtafel = next(b for b in doc["bodies"] if b["name"] == "Stamtafel")
    assert stamtafel["roles"] == ["aanjagen", "besluiten", "signaleren"]
    assert stamtafel["meeting_duration_hours"] == "2.5"
    assert stamtafel["established_on"] == "2020-01-01"
    assert [c["estimate_eur"] for c in stamtafel["cost_lines"]] == ["2800.00", "12500.50"]
    assert [m["role"] for m in stamtafel["memberships"]][:1] == ["voorzitter"]
    assert stamtafel["themes"] == sorted(stamtafel["themes"])
    text = dump_region_json(rich_region)
    assert '"id"' not in text and '"pk"' not in text
    assert text.count('"version"') == 1  # only the format version, no lock counters
    assert text.endswith("}\n") and "Öztürk" in text


def test_werkagenda_part_writes_knelpunten_and_actions(used_region):
    doc = export_region(used_region, ["structuur", "werkagenda"])

    assert doc["parts"] == ["structuur", "werkagenda"]
    assert "meetings" not in doc and "checklist" not in doc
    assert [k["key"] for k in doc["knelpunten"]] == [
        "informatie-delen-1",
        "informatie-delen-2",
        "wachtlijsten",
    ]
    signal = doc["knelpunten"][0]
    assert signal["source"] == "partner" and signal["signalled_on"] == "2024-03-01"
    # same title: numbered in the order of (title, created_on, …)
    assert [a["key"] for a in doc["actions"]] == [
        "convenant-gegevensdeling-1",
        "convenant-gegevensdeling-2",
        "wachtlijst-verkennen",
    ]
    done, running = doc["actions"][0], doc["actions"][1]
    assert done["list"] == "gereed" and done["closed_reason"] == "elders_belegd"
    assert done["theme"] is None and done["trekker"] is None and done["log"] == []
    assert running["trekker"] == {
        "body": "Stamtafel",
        "person": "jan-jansen-2",
        "role": "portefeuillehouder",
        "start": None,
    }
    assert running["owner"] == "karin-smit" and running["owning_body"] == "Stamtafel"
    assert running["coalition"] == [
        {"name": "GGZ Oost", "national": False},
        {"name": "Openbaar Ministerie", "national": True},
    ]
    assert running["knelpunten"] == ["informatie-delen-1", "informatie-delen-2"]
    assert (running["importance"], running["feasibility"], running["impact"]) == (3, 2, 1)
    # without the meetings the agenda item cannot be named
    assert running["origin_agenda_item"] is None
    assert [(u["date"], u["kind"], u["author"]) for u in running["log"]] == [
        ("2024-03-15", "aangemaakt", "Sanne Wolters"),
        ("2024-04-01", "verplaatsing", "zondernaam"),
        ("2024-04-01", "voortgang", "Iemand van elders"),
        ("2024-05-01", "voortgang", ""),
    ]
    # a national organisation used only by a coalition is listed in organisations
    assert {"name": "Openbaar Ministerie", "national": True} in [
        {"name": o["name"], "national": o["national"]} for o in doc["organisations"]
    ]
    structure = export_region(used_region)
    assert "Openbaar Ministerie" not in [o["name"] for o in structure["organisations"]]


def test_meetings_part_writes_moments_in_amsterdam_time(used_region):
    doc = export_region(used_region, ["structuur", "werkagenda", "vergaderingen"])

    meetings = {m["key"]: m for m in doc["meetings"]}
    assert list(meetings) == [
        "stamtafel-2024-01-18",
        "stamtafel-2024-06-20-1",
        "stamtafel-2024-06-20-2",
        "bestuurlijke-netwerktafel-2024-10-27",
    ]
    winter = meetings["stamtafel-2024-01-18"]
    assert winter["starts_at"] == "2024-01-18T13:30:00+01:00"
    assert winter["ends_at"] == "2024-01-18T15:30:00+01:00"
    assert winter["body"] == "Stamtafel" and winter["status"] == "gehouden"
    summer = meetings["stamtafel-2024-06-20-1"]
    assert summer["starts_at"] == "2024-06-20T09:00:00+02:00"  # microseconds dropped
    assert summer["ends_at"] is None
    assert meetings["bestuurlijke-netwerktafel-2024-10-27"]["starts_at"].endswith("+02:00")
    assert [(i["order"], i["title"]) for i in winter["items"]] == [
        (1, "Opening"),
        (2, "Gegevensdeling"),
    ]
    assert winter["items"][1]["action"] == "convenant-gegevensdeling-2"
    assert winter["items"][1]["knelpunt"] == "informatie-delen-1"
    running = next(a for a in doc["actions"] if a["key"] == "convenant-gegevensdeling-2")
    assert running["origin_agenda_item"] == {"meeting": "stamtafel-2024-01-18", "item": 2}
    assert "vergaderstuk" not in json.dumps(doc).lower()


def test_checklist_part_writes_assessments_and_peilmomenten(used_region):
    doc = export_region(used_region, ALL_PARTS)

    checklist = doc["checklist"]
    assert checklist["framework"]["version"] == "2020"
    assessments = checklist["assessments"]
    order = [(a["code"], a["municipality"] or "") for a in assessments]
    assert order == sorted(order)
    first = next(a for a in assessments if a["bodies"])
    assert first["bodies"] == ["Bestuurlijke netwerktafel", "Stamtafel"]
    assert first["owner"] == "karin-smit" and first["next_review_on"] == "2025-02-01"
    assert first["actions"] == ["convenant-gegevensdeling-1", "convenant-gegevensdeling-2"]
    assert first["mandates"] == [
        {
            "body": "Stamtafel",
            "power": "besluiten",
            "subject": "Regionale aanpak",
            "valid_from": "2020-01-01",
        },
        {
            "body": "Stamtafel",
            "power": "opdrachtgeverschap",
            "subject": "Politie-inzet",
            "valid_from": "2020-01-01",
        },
    ]
    municipal = [a for a in assessments if a["municipality"]]
    assert sorted(a["municipality"] for a in municipal) == ["Lochem", "Winterswijk", "Zutphen"]
    old, new = checklist["peilmomenten"]
    assert (old["date"], old["frozen_by"], old["note"]) == (
        "2023-12-01",
        "Sanne Wolters",
        "Nulmeting",
    )
    assert old["frozen_at"] == "2023-12-01T16:00:00+01:00"
    assert new["frozen_by"] == "Oud-secretaris"
    assert new["framework"] == checklist["framework"]
    codes = [(s["code"], s["municipality"] or "") for s in new["scores"]]
    assert codes == sorted(codes) and len(codes) == len(set(codes))


def test_the_same_data_gives_the_same_bytes(used_region):
    first = dump_region_json(used_region, ALL_PARTS)
    assert dump_region_json(used_region, ALL_PARTS) == first
    assert json.loads(first)["parts"] == ALL_PARTS


def test_parts_are_checked_and_ordered(used_region):
    doc = export_region(used_region, ["checklist", "werkagenda"])
    assert doc["parts"] == ["structuur", "werkagenda", "checklist"]
    with pytest.raises(ValueError, match="werkagenda"):
        export_region(used_region, ["vergaderingen"])
    with pytest.raises(ValueError, match="Onbekend onderdeel"):
        export_region(used_region, ["notulen"])
    assert export_filename(used_region) == "regio-noord-oost.json"
    assert export_filename(used_region, ALL_PARTS) == "regio-noord-oost-alles.json"
    assert (
        export_filename(used_region, ["werkagenda"]) == "regio-noord-oost-structuur-werkagenda.json"
    )


def test_keys_clash_with_a_numbered_key_of_another_title(region):
    KnelpuntFactory(region=region, title="Actie")
    KnelpuntFactory(region=region, title="Actie")
    KnelpuntFactory(region=region, title="Actie 1")
    ActionFactory(region=region, title="!!!")
    # half past midnight in Amsterdam is the day before in UTC: the key has the local date
    MeetingFactory(body__region=region, body__name="Tafel", starts_at=at(2025, 3, 2, 0, 30))
    doc = export_region(region, ALL_PARTS)
    # "actie-1" is the key of "Actie 1", so the two "Actie" get -2 and -3
    assert [k["key"] for k in doc["knelpunten"]] == ["actie-2", "actie-3", "actie-1"]
    assert [a["key"] for a in doc["actions"]] == ["actie"]  # nothing left of "!!!"
    assert [m["key"] for m in doc["meetings"]] == ["tafel-2025-03-02"]


# --- the command --------------------------------------------------------------------------------


def test_export_command_writes_the_canonical_text(used_region, tmp_path, capsys):
    target = tmp_path / "regio.json"
    call_command("export_region", "noord-oost", output=str(target))
    assert target.read_text(encoding="utf-8") == dump_region_json(used_region)

    call_command("export_region", "noord-oost")
    assert capsys.readouterr().out == dump_region_json(used_region)

    call_command("export_region", "noord-oost", parts="structuur,werkagenda,vergaderingen")
    assert capsys.readouterr().out == dump_region_json(used_region, ["werkagenda", "vergaderingen"])
    call_command("export_region", "noord-oost", parts="alles")
    assert capsys.readouterr().out == dump_region_json(used_region, ALL_PARTS)

    with pytest.raises(CommandError, match="geen regio"):
        call_command("export_region", "bestaat-niet")
    with pytest.raises(CommandError, match="alleen samen met ‘werkagenda’"):
        call_command("export_region", "noord-oost", parts="checklist")


def test_schema_command_writes_the_schema(capsys):
    call_command("export_region", schema=True)
    assert json.loads(capsys.readouterr().out)["$id"] == "urn:zv-portaal:schema:region:5"
