"""The werkagenda pages keep a constant number of queries as the werkagenda grows."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.constants import ActionList, ClosedReason
from governance.models import ActionUpdate
from governance.services.werkagenda import action_move, action_progress
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    KnelpuntFactory,
    MeetingFactory,
    MunicipalityFactory,
    OrganisationFactory,
    PersonFactory,
    trekker_membership,
)

pytestmark = pytest.mark.django_db


def grow(region, user, n: int):
    """Add ``n`` actions over the three lists, each with a trekker, coalition, knelpunten,
    updates and an agenda item. The second one (in actie, so its history names a trekker and a
    body) gets more of everything as n grows, and is returned."""
    today = timezone.localdate()
    partners = [OrganisationFactory(region=region) for _ in range(3)]
    actions = []
    for i in range(n):
        knelpunt = KnelpuntFactory(region=region)
        action = ActionFactory(
            region=region,
            owner=PersonFactory(region=region),
            due_date=today - timedelta(days=i % 5),
            importance=(i % 3) + 1 if i % 4 else None,
            feasibility=2,
            impact=3,
        )
        action.knelpunten.add(knelpunt)
        if i % 3:
            # A seat that also names the municipality: the card's fallback label reads it.
            trekker = trekker_membership(region, municipality=MunicipalityFactory(region=region))
            action_move(
                action=action,
                to_list=ActionList.ACTIE,
                seen_version=action.version,
                user=user,
                trekker=trekker,
                owning_body=trekker.body,
                coalition=partners[: 1 + i % 3],
            )
        if i % 3 == 2:
            action_move(
                action=action,
                to_list=ActionList.GEREED,
                seen_version=action.version,
                user=user,
                closed_reason=ClosedReason.AFGEROND,
            )
        else:
            action_progress(
                action=action,
                text=f"Stap {i}",
                due_date=action.due_date,
                seen_version=action.version,
                user=user,
            )
        AgendaItemFactory(meeting=MeetingFactory(body=trekker_membership(region).body))
        actions.append(action)
    first = actions[1]
    for i in range(n):
        ActionUpdate.objects.create(action=first, text=f"Notitie {i}", author=user)
        first.knelpunten.add(KnelpuntFactory(region=region))
        first.coalition.add(OrganisationFactory(region=region))
        meeting = MeetingFactory(body=trekker_membership(region).body)
        AgendaItemFactory(meeting=meeting, action=first)
    return first


PAGES = [
    ("governance:werkagenda", False, 12),
    ("governance:action_table", False, 13),
    ("governance:action", True, 16),
    ("governance:knelpunt_list", False, 11),
]


@pytest.mark.parametrize(("name", "needs_action", "limit"), PAGES)
def test_query_count_constant(
    name, needs_action, limit, client, secretary, region, django_assert_max_num_queries
):
    client.force_login(secretary)
    counts = []
    for size in (3, 30):
        first = grow(region, secretary, size)
        kwargs = {"region": region.slug}
        if needs_action:
            kwargs["pk"] = first.pk
        url = reverse(name, kwargs=kwargs)
        with django_assert_max_num_queries(limit) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1], f"{name}: {counts[0]} queries at small, {counts[1]} at large"


def test_table_with_filters_is_constant_too(
    client, secretary, region, django_assert_max_num_queries
):
    client.force_login(secretary)
    counts = []
    for size in (3, 30):
        grow(region, secretary, size)
        url = reverse("governance:action_table", kwargs={"region": region.slug})
        with django_assert_max_num_queries(13) as captured:
            response = client.get(url, {"achterstallig": "1", "stil": "1", "lijst": "actie"})
            assert response.status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]
