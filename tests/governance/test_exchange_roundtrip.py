"""Region exchange: export → import into an empty database → export gives the same bytes, for
the structure, for every part, and for the demo regions; copies under a new slug."""

import json

import pytest

from checklist.models import Assessment, Snapshot
from core.history import get_system_user
from dashboard.demo.load import build_demo
from governance.exchange import dump_region_json, export_region, import_region
from governance.models import Action, ActionUpdate, Membership, Organisation, Region
from tests.governance.exchange_data import ALL_PARTS, delete_region_completely

pytestmark = pytest.mark.django_db


def test_structure_round_trip_into_an_empty_database_is_byte_identical(rich_region, user):
    before = dump_region_json(rich_region)
    delete_region_completely(rich_region)
    assert not Region.objects.exists() and not Organisation.objects.exists()

    region = import_region(data=before.encode("utf-8"), user=user).region

    assert dump_region_json(region) == before
    body = region.bodies.get(name="Stamtafel")
    assert body.history.first().history_user == user
    assert Membership.history.filter(history_user=user).count() == 10


def test_round_trip_of_every_part_is_byte_identical(used_region, user):
    before = dump_region_json(used_region, ALL_PARTS)
    delete_region_completely(used_region)
    assert not Region.objects.exists() and not Organisation.objects.exists()
    assert not Action.objects.exists() and not Snapshot.objects.exists()

    result = import_region(data=before, user=user)

    assert dump_region_json(result.region, ALL_PARTS) == before
    # every part's objects have their history record by the importing user
    for model in (Action, Assessment):
        created = model.objects.filter(region=result.region)
        assert model.history.filter(history_user=user, history_type="+").count() == (
            created.count()
        )
    # the log names its authors as text; no account of this portal is linked
    log = ActionUpdate.objects.filter(action__region=result.region)
    assert not log.filter(author__isnull=False).exists()
    assert set(log.values_list("author_name", flat=True)) == {
        "Sanne Wolters",
        "zondernaam",
        "Iemand van elders",
        "",
    }
    snapshots = Snapshot.objects.filter(region=result.region).order_by("date")
    assert [(s.frozen_by, s.frozen_by_name) for s in snapshots] == [
        (None, "Sanne Wolters"),
        (None, "Oud-secretaris"),
    ]


def test_action_history_records_the_link_to_the_agenda_item(used_region, user):
    text = dump_region_json(used_region, ALL_PARTS)
    result = import_region(data=text, user=user, slug="kopie")
    running = result.actions["convenant-gegevensdeling-2"]
    record = running.history.get()
    assert record.history_type == "+" and record.history_user == user
    assert record.origin_agenda_item_id == result.agenda_items[("stamtafel-2024-01-18", 2)].pk
    assert running.origin_agenda_item.title == "Gegevensdeling"


def test_import_as_copy_reuses_national_organisations(used_region, user):
    text = dump_region_json(used_region, ALL_PARTS)
    national_before = Organisation.objects.filter(region=None).count()

    copy_region = import_region(data=text, user=user, slug="kopie").region

    assert copy_region.slug == "kopie" and copy_region.name == "Noord-Oost (kopie)"
    assert Organisation.objects.filter(region=None).count() == national_before
    assert copy_region.organisations.count() == used_region.organisations.count()
    again = json.loads(dump_region_json(copy_region, ALL_PARTS))
    original = json.loads(text)
    again["region"]["name"], again["region"]["slug"] = "Noord-Oost", "noord-oost"
    assert again == original

    third = import_region(data=text, user=user, slug="derde").region
    assert third.name == "Noord-Oost (kopie 2)"
    named = import_region(data=text, user=user, slug="vierde", name="Vierde regio").region
    assert named.name == "Vierde regio"


def test_hand_written_keys_are_references_within_the_file(used_region, user):
    """Any unique keys will do; after the import the portal writes its own again."""
    doc = export_region(used_region, ALL_PARTS)
    original = json.loads(json.dumps(doc))
    persons = {p["key"]: f"p{i}" for i, p in enumerate(doc["persons"])}
    actions = {a["key"]: f"a{i}" for i, a in enumerate(doc["actions"])}
    knelpunten = {k["key"]: f"k{i}" for i, k in enumerate(doc["knelpunten"])}
    meetings = {m["key"]: f"m{i}" for i, m in enumerate(doc["meetings"])}
    for person in doc["persons"]:
        person["key"] = persons[person["key"]]
    for body in doc["bodies"]:
        for member in body["memberships"]:
            if member["person"]:
                member["person"] = persons[member["person"]]
    for knelpunt in doc["knelpunten"]:
        knelpunt["key"] = knelpunten[knelpunt["key"]]
    for action in doc["actions"]:
        action["key"] = actions[action["key"]]
        action["knelpunten"] = [knelpunten[k] for k in action["knelpunten"]]
        if action["owner"]:
            action["owner"] = persons[action["owner"]]
        if action["trekker"] and action["trekker"]["person"]:
            action["trekker"]["person"] = persons[action["trekker"]["person"]]
        if action["origin_agenda_item"]:
            item = action["origin_agenda_item"]
            item["meeting"] = meetings[item["meeting"]]
    for meeting in doc["meetings"]:
        meeting["key"] = meetings[meeting["key"]]
        for item in meeting["items"]:
            item["action"] = actions.get(item["action"])
            item["knelpunt"] = knelpunten.get(item["knelpunt"])
    for assessment in doc["checklist"]["assessments"]:
        assessment["actions"] = [actions[a] for a in assessment["actions"]]
        if assessment["owner"]:
            assessment["owner"] = persons[assessment["owner"]]

    result = import_region(data=json.dumps(doc), user=user, slug="sleutels")

    assert set(result.persons) == set(persons.values())
    assert set(result.actions) == set(actions.values())
    assert (
        result.actions[actions["convenant-gegevensdeling-2"]].owner
        == result.persons[persons["karin-smit"]]
    )
    again = json.loads(dump_region_json(result.region, ALL_PARTS))
    again["region"] = original["region"]
    assert again == original


def test_the_demo_regions_round_trip_with_every_part(user):
    """The demo as loaded today (its use moved to today, the reflections of the app above
    governance linked to its actions and meetings): NOG and the Voorbeeldregio exported with
    every part, everything deleted, both imported into the empty database and exported
    again."""
    build_demo(user=get_system_user(), password="demo-wachtwoord-voor-test")
    slugs = ["nog", "voorbeeld"]
    texts = {slug: dump_region_json(Region.objects.get(slug=slug), ALL_PARTS) for slug in slugs}
    for slug in slugs:
        doc = json.loads(texts[slug])
        assert doc["actions"] and doc["meetings"] and doc["checklist"]["peilmomenten"], slug
        # a copy next to the original (a new slug changes only the region block)
        copy = import_region(data=texts[slug], user=user, slug=f"{slug}-kopie").region
        again = json.loads(dump_region_json(copy, ALL_PARTS))
        again["region"].update(name=doc["region"]["name"], slug=slug)
        assert again == doc, slug
        delete_region_completely(copy)
        delete_region_completely(Region.objects.get(slug=slug))
    assert not Region.objects.exists() and not Action.objects.exists()

    for slug in slugs:
        region = import_region(data=texts[slug], user=user).region
        assert dump_region_json(region, ALL_PARTS) == texts[slug], slug
