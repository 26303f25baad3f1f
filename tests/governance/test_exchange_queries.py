"""Region exchange: the number of queries of an export, of ``region_keys`` and of an import does
not grow with the amount of data (every kind of object is read or written together)."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from checklist.models import Assessment
from governance import constants as c
from governance.exchange import (
    dump_region_json,
    export_region,
    import_region,
    region_keys,
    validate_region_document,
)
from governance.models import Action, ActionUpdate, Membership, Organisation, Person
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    KnelpuntFactory,
    MeetingFactory,
    MembershipFactory,
)
from tests.governance.exchange_data import ALL_PARTS, at, body_index

pytestmark = pytest.mark.django_db

#: Queries of an export with every part, whatever the size of the region.
EXPORT_QUERIES = 30


def _more_use(region, n: int) -> None:
    """``n`` more knelpunten, actions (with coalition, knelpunten, log, evidence links),
    memberships and meetings with agenda items."""
    stamtafel = region.bodies.get(name="Stamtafel")
    organisations = list(Organisation.objects.filter(region=region))
    for i in range(n):
        seat = MembershipFactory(body=stamtafel, person__region=region, role=c.MembershipRole.LID)
        knelpunt = KnelpuntFactory(region=region, title=f"Extra knelpunt {i}")
        action = ActionFactory(
            region=region, title=f"Extra actie {i}", trekker=seat, owner=seat.person
        )
        action.coalition.set(organisations)
        action.knelpunten.set([knelpunt])
        for day in range(3):
            ActionUpdate.objects.create(action=action, text=f"Stap {day}")
        meeting = MeetingFactory(body=stamtafel, starts_at=at(2024, 2, 1, 10) + timedelta(days=i))
        AgendaItemFactory(meeting=meeting, action=action, knelpunt=knelpunt)
        AgendaItemFactory(meeting=meeting)
        assessment = Assessment.objects.filter(region=region, bodies__isnull=False).first()
        assessment.actions.add(action)


def test_export_queries_do_not_grow_with_the_region(used_region, django_assert_max_num_queries):
    with CaptureQueriesContext(connection) as small:
        dump_region_json(used_region, ALL_PARTS)
    _more_use(used_region, 15)
    assert Action.objects.filter(region=used_region).count() > 15

    with django_assert_max_num_queries(EXPORT_QUERIES):
        text = dump_region_json(used_region, ALL_PARTS)
    with CaptureQueriesContext(connection) as large:
        dump_region_json(used_region, ALL_PARTS)

    assert len(large) == len(small) <= EXPORT_QUERIES
    doc = json.loads(text)
    assert len(doc["meetings"]) > 15 and len(doc["actions"]) > 15


def test_export_of_the_structure_reads_no_werkagenda(used_region, django_assert_max_num_queries):
    with django_assert_max_num_queries(13):
        doc = export_region(used_region)
    assert "actions" not in doc


def test_region_keys_reads_each_kind_once(used_region, django_assert_max_num_queries):
    _more_use(used_region, 5)
    with django_assert_max_num_queries(9):
        keys = region_keys(used_region)
    assert len(keys.agenda_items) >= 10


def _grown(doc: dict, extra: int) -> dict:
    """The document with ``extra`` more persons, each a member of every body, as many more
    bodies with a mandate and a cost line, and as many more knelpunten, actions with a log and
    meetings with agenda items."""
    doc = json.loads(json.dumps(doc))
    template = doc["bodies"][body_index(doc, "Stamtafel")]
    action = next(a for a in doc["actions"] if a["trekker"])
    meeting = doc["meetings"][0]
    for n in range(extra):
        key = f"extra-{n}"
        doc["persons"].append(
            {**doc["persons"][0], "key": key, "name": f"Extra {n}", "email": f"extra{n}@example.nl"}
        )
        doc["bodies"].append(
            {
                **template,
                "name": f"Extra gremium {n}",
                "short_name": "",
                "memberships": [],
                "mandates": template["mandates"][:1],
                "cost_lines": template["cost_lines"][:1],
            }
        )
        doc["knelpunten"].append({**doc["knelpunten"][0], "key": f"extra-knelpunt-{n}"})
        doc["actions"].append(
            {**action, "key": f"extra-actie-{n}", "knelpunten": [f"extra-knelpunt-{n}"]}
        )
        doc["meetings"].append(
            {
                **meeting,
                "key": f"extra-vergadering-{n}",
                "items": [{**i, "action": f"extra-actie-{n}"} for i in meeting["items"]],
            }
        )
    members = [
        {**template["memberships"][0], "person": f"extra-{n}", "role": c.MembershipRole.LID}
        for n in range(extra)
    ]
    for body in doc["bodies"]:
        if body["status"] == c.BodyStatus.ACTIEF and not body["dissolved_on"]:
            body["memberships"] = body["memberships"] + [
                {**m, "start": body["established_on"] or m["start"]} for m in members
            ]
    return doc


def test_import_queries_do_not_grow_with_the_document(used_region, user):
    """Objects of one kind are written together: ten times the persons, bodies, members,
    actions and meetings (hundreds of objects more) cost a handful of queries more, and every
    object still gets its history record."""
    doc = export_region(used_region, ALL_PARTS)
    small, large = _grown(doc, 2), _grown(doc, 20)
    assert validate_region_document(json.dumps(large), slug="groot") == []

    with CaptureQueriesContext(connection) as few:
        import_region(data=json.dumps(small), user=user, slug="klein")
    with CaptureQueriesContext(connection) as many:
        region = import_region(data=json.dumps(large), user=user, slug="groot").region

    # the same statements; only SQLite's limit on query parameters splits the largest
    # INSERTs (memberships and their history) into a few more batches
    def reads(queries):
        return [q["sql"][:40] for q in queries if q["sql"].startswith("SELECT")]

    assert reads(many) == reads(few)
    assert len(many) <= len(few) + 16
    assert region.bodies.count() == len(large["bodies"])
    members = Membership.objects.filter(body__region=region)
    assert members.count() == sum(len(b["memberships"]) for b in large["bodies"]) > 200
    assert Membership.history.filter(body__region=region, history_user=user).count() == (
        members.count()
    )
    assert Person.history.filter(region=region, history_type="+").count() == len(large["persons"])
    actions = Action.objects.filter(region=region)
    assert actions.count() == len(large["actions"])
    assert Action.history.filter(region=region, history_user=user).count() == actions.count()
