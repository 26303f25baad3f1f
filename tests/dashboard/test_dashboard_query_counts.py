"""Dashboards keep a constant number of queries as the data grows (two data sizes)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casereflection.models import CaseReflection
from governance import constants as c
from governance.models import ActionUpdate, Theme
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    BodyFactory,
    CaseReflectionFactory,
    ConclusionFactory,
    DocumentFactory,
    KnelpuntFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(region, secretary, bestuurder, participant):
    theme = Theme.objects.order_by("pk").first()
    body = BodyFactory(region=region, name="Stamtafel", kind=c.BodyKind.STAMTAFEL)
    body.themes.add(theme)
    person = PersonFactory(region=region, user=bestuurder)
    seat = MembershipFactory(body=body, person=person)
    owner = PersonFactory(region=region, user=participant)
    MembershipFactory(body=body, person=owner)
    MeetingFactory(body=body, starts_at=timezone.now() - timedelta(days=30))
    meeting = MeetingFactory(body=body)
    return {"body": body, "seat": seat, "owner": owner, "meeting": meeting, "theme": theme}


def grow(region, world, n: int) -> None:
    """Add ``n`` of everything the dashboards read."""
    today = timezone.localdate()
    for i in range(n):
        other = BodyFactory(region=region)
        other.themes.add(world["theme"])
        seat = MembershipFactory(body=other, person=world["seat"].person)
        MembershipFactory(body=other)
        MeetingFactory(body=other, starts_at=timezone.now() + timedelta(days=3 + i))
        MeetingFactory(body=other, starts_at=timezone.now() + timedelta(days=40 + i))
        item = AgendaItemFactory(meeting=world["meeting"])
        DocumentFactory(agenda_item=item)
        KnelpuntFactory(region=region, theme=world["theme"])
        for action in (
            ActionFactory(
                region=region,
                list=c.ActionList.ACTIE,
                trekker=world["seat"],
                owning_body=world["body"],
                due_date=today - timedelta(days=1),
                created_on=today - timedelta(days=200),
            ),
            ActionFactory(region=region, trekker=seat, owning_body=world["body"]),
            ActionFactory(region=region, owner=world["owner"], due_date=today),
        ):
            ActionUpdate.objects.create(action=action, text="voortgang")
            item.action = action
            item.save()
        # A reflection the participant leads, and a concluded one whose action this table
        # follows up (home, meeting preparation).
        k = CaseReflection.objects.filter(region=region).count()
        CaseReflectionFactory(
            region=region,
            year=2010 + k // 4,
            quarter=k % 4 + 1,
            facilitator=world["owner"],
            status="voorbereid",
        )
        k += 1
        concluded = CaseReflectionFactory(
            region=region, year=2010 + k // 4, quarter=k % 4 + 1, status="geconcludeerd"
        )
        ConclusionFactory(
            reflection=concluded,
            agenda_item=item,
            contact_administrator=world["seat"],
            action=ActionFactory(region=region, list=c.ActionList.ACTIE, trekker=world["seat"]),
        )


PAGES = [
    # (url name, persona, needs meeting, limit)
    # home and meeting_preparation +1: the last-update dates in the page key (issue 22)
    ("home", "secretary", False, 25),
    ("home", "bestuurder", False, 20),
    ("home", "participant", False, 20),
    ("preparation", "bestuurder", False, 18),
    ("preparation", "secretary", False, 11),
    # +1: the user's seats at the body (‘Ik ben verhinderd’)
    # +1: the answers to the structure findings (issue 19: only open findings count)
    # +2: the stamps under which the structure checks and the changes are kept (issue 22)
    ("meeting_preparation", "bestuurder", True, 41),
    ("meeting_preparation", "secretary", True, 38),
]


@pytest.mark.parametrize(("name", "persona", "needs_meeting", "limit"), PAGES)
def test_query_count_constant(
    name,
    persona,
    needs_meeting,
    limit,
    request,
    client,
    region,
    world,
    django_assert_max_num_queries,
):
    client.force_login(request.getfixturevalue(persona))
    kwargs = {"region": region.slug, "pk": world["meeting"].pk} if needs_meeting else {}
    url = reverse(name, kwargs=kwargs)
    counts = []
    for size in (2, 12):
        grow(region, world, size)
        with django_assert_max_num_queries(limit) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1], f"{name}: {counts[0]} queries at small, {counts[1]} at large"
