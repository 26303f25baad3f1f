"""Region exchange: what an import returns (the created objects under their file keys, counts
per kind), ``region_keys`` for a region in the database, validation without writing, and the
import command."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from governance.exchange import (
    ImportResult,
    RegionKeys,
    dump_region_json,
    export_region,
    import_region,
    region_keys,
    validate_region_document,
)
from governance.models import Action, AgendaItem, Knelpunt, Meeting, Membership, Person, Region
from tests.governance.exchange_data import ALL_PARTS, counts

pytestmark = pytest.mark.django_db


def test_import_returns_the_created_objects_under_their_file_keys(used_region, user):
    doc = export_region(used_region, ALL_PARTS)

    result = import_region(data=json.dumps(doc), user=user, slug="kopie")

    assert isinstance(result, ImportResult) and result.region.slug == "kopie"
    assert result.version == 5 and result.parts == ALL_PARTS
    region = result.region
    assert list(result.persons) == [p["key"] for p in doc["persons"]]
    assert all(isinstance(p, Person) and p.region == region for p in result.persons.values())
    assert set(result.bodies) == {b["name"] for b in doc["bodies"]}
    assert set(result.municipalities) == {m["name"] for m in doc["municipalities"]}
    assert list(result.knelpunten) == [k["key"] for k in doc["knelpunten"]]
    assert list(result.actions) == [a["key"] for a in doc["actions"]]
    assert list(result.meetings) == [m["key"] for m in doc["meetings"]]
    assert all(isinstance(k, Knelpunt) for k in result.knelpunten.values())
    assert all(isinstance(m, Meeting) for m in result.meetings.values())
    item = result.agenda_items[("stamtafel-2024-01-18", 2)]
    assert isinstance(item, AgendaItem) and item.title == "Gegevensdeling"
    assert item.action == result.actions["convenant-gegevensdeling-2"]
    seat = result.memberships[("Stamtafel", "jan-jansen-2", "portefeuillehouder", None, None)]
    assert isinstance(seat, Membership) and seat.body.region == region
    assert result.actions["convenant-gegevensdeling-2"].trekker == seat
    assert result.membership(
        {"body": "Stamtafel", "person": "jan-jansen-2", "role": "portefeuillehouder", "start": None}
    ) == (seat)
    mandate = result.mandates[("Stamtafel", "besluiten", "Regionale aanpak", "2020-01-01")]
    assert mandate.body.region == region
    assert result.created["gremia"] == 4
    assert result.created["acties"] == 3
    assert result.created["agendapunten"] == 3
    assert result.created["actie-updates"] == 4
    assert result.created["vergaderingen"] == 4


def test_region_keys_finds_what_the_import_created(used_region, user):
    """For a file the portal wrote, the keys derived from the database are the file's keys."""
    result = import_region(data=dump_region_json(used_region, ALL_PARTS), user=user, slug="k")

    keys = region_keys(result.region)

    assert isinstance(keys, RegionKeys)
    for name in (
        "persons",
        "bodies",
        "municipalities",
        "memberships",
        "mandates",
        "knelpunten",
        "actions",
        "meetings",
        "agenda_items",
    ):
        found = {k: v.pk for k, v in getattr(keys, name).items()}
        made = {k: v.pk for k, v in getattr(result, name).items()}
        assert found == made, name
    original = region_keys(used_region)
    assert list(original.actions) == list(keys.actions)
    assert original.person_key(original.persons["karin-smit"].pk) == "karin-smit"
    running = original.actions["convenant-gegevensdeling-2"]
    assert original.agenda_item_ref(running.origin_agenda_item_id) == {
        "meeting": "stamtafel-2024-01-18",
        "item": 2,
    }
    assert original.agenda_item({"meeting": "stamtafel-2024-01-18", "item": 2}) == (
        running.origin_agenda_item
    )
    assert original.membership_ref(running.trekker) == {
        "body": "Stamtafel",
        "person": "jan-jansen-2",
        "role": "portefeuillehouder",
        "start": None,
    }


def test_region_keys_of_the_structure_alone(used_region):
    keys = region_keys(used_region, parts=["structuur"])
    assert keys.persons and keys.bodies and not keys.actions and not keys.meetings


def test_validate_reports_nothing_for_a_good_document_and_writes_nothing(used_region):
    doc = export_region(used_region, ALL_PARTS)
    before = counts()
    assert validate_region_document(doc, slug="nieuw") == []
    assert validate_region_document(json.dumps(doc), slug="nieuw") == []
    assert counts() == before


# --- the command --------------------------------------------------------------------------------


def test_import_command_with_new_slug(used_region, tmp_path, capsys):
    source = tmp_path / "regio.json"
    call_command("export_region", "noord-oost", output=str(source), parts="alles")

    call_command("import_region", str(source), slug="kopie", name="Kopieregio")

    region = Region.objects.get(slug="kopie")
    assert region.name == "Kopieregio"
    out = capsys.readouterr().out
    assert "geïmporteerd uit versie 5" in out
    assert "4 gremia" in out and "3 acties" in out and "2 peilmomenten" in out
    assert region.bodies.get(name="Stamtafel").history.first().history_user.username == "systeem"
    assert Action.history.filter(region=region).first().history_user.username == "systeem"


def test_import_command_reports_errors_and_fails(used_region, tmp_path, capsys):
    doc = export_region(used_region, ALL_PARTS)
    doc["relations"][0]["target"] = "Spooktafel"
    doc["actions"][0]["owner"] = "niemand"
    source = tmp_path / "kapot.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    before = counts()

    with pytest.raises(CommandError, match="niets opgeslagen"):
        call_command("import_region", str(source), slug="kapot")

    err = capsys.readouterr().err
    assert "$.relations[0].target: Onbekend gremium ‘Spooktafel’" in err
    assert "$.actions[0].owner: Onbekende persoon ‘niemand’" in err
    assert counts() == before
    with pytest.raises(CommandError, match="niets opgeslagen"):
        call_command("import_region", str(source))  # slug taken as well
