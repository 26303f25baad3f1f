"""Main pages keep a constant number of queries as the region grows (two data sizes)."""

import pytest
from django.urls import reverse

from governance.constants import RelationKind
from tests.factories import (
    BodyFactory,
    CostLineFactory,
    MandateFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    RelationFactory,
)

pytestmark = pytest.mark.django_db


def grow(region, n: int) -> object:
    """Add ``n`` bodies with members, mandates, relations and costs; return the first body."""
    bodies = [BodyFactory(region=region) for _ in range(n)]
    for i, body in enumerate(bodies):
        MembershipFactory.create_batch(3, body=body)
        MembershipFactory(
            body=body,
            person=None,
            organisation=OrganisationFactory(region=region),
            municipality=MunicipalityFactory(region=region),
        )
        MandateFactory(body=body)
        CostLineFactory(body=body)
        RelationFactory(source=body, target=bodies[(i + 1) % n], kind=RelationKind.ADVISEERT)
    # The first body gets more of everything as n grows: relations out and in, delegates.
    first = bodies[0]
    for other in bodies[2:]:
        RelationFactory(source=first, target=other, kind=RelationKind.ONDERSTEUNT)
        RelationFactory(source=other, target=first, kind=RelationKind.BEREIDT_VOOR)
        MembershipFactory(body=first, on_behalf_of_body=other)
    return first


PAGES = [
    ("governance:region", False, 18),
    ("governance:body_list", False, 11),
    ("governance:body", True, 28),  # +1: answers to findings (19), +1: checks' stamps (22)
    ("governance:structure", False, 10),
    ("governance:checks", False, 14),
    ("governance:drukte", False, 10),
    ("governance:organisation_list", False, 9),
    ("governance:person_list", False, 9),
    ("governance:region_partners", False, 10),
]


@pytest.mark.parametrize(("name", "needs_body", "limit"), PAGES)
def test_query_count_constant(
    name, needs_body, limit, client, secretary, region, django_assert_max_num_queries
):
    client.force_login(secretary)
    counts = []
    for size in (2, 12):
        body = grow(region, size)
        kwargs = {"region": region.slug}
        if needs_body:
            kwargs["pk"] = body.pk
        url = reverse(name, kwargs=kwargs)
        with django_assert_max_num_queries(limit) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1], f"{name}: {counts[0]} queries at small, {counts[1]} at large"
