"""The praatplaat overview, the item page and the CSV keep a constant number of queries as the
region grows: more municipalities with assessments, more evidence links, more history and
proposals (two data sizes, the same limit)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from checklist.constants import Status
from checklist.models import Assessment, Framework
from checklist.services.assessments import assessment_save, proposal_create
from tests.factories import (
    ActionFactory,
    BodyFactory,
    MandateFactory,
    MembershipFactory,
    MunicipalityFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db

STEPS = Status.values


def grow(region, user, participant, n: int) -> None:
    """``n`` more municipalities, each judged on every per-gemeente item and seated in a body;
    every item judged for the region with ``n`` links of each kind, re-judged once (history),
    and an open proposal per item."""
    framework = Framework.current()
    items = list(framework.items.all())
    municipalities = [MunicipalityFactory(region=region) for _ in range(n)]
    bodies = [BodyFactory(region=region) for _ in range(n)]
    for body, municipality in zip(bodies, municipalities, strict=True):
        MembershipFactory(body=body, person=None, municipality=municipality)
    mandates = [MandateFactory(body=b) for b in bodies]
    actions = [ActionFactory(region=region) for _ in range(n)]
    owner = PersonFactory(region=region)
    today = timezone.localdate()
    for i, item in enumerate(items):
        targets = [None] + (municipalities if item.per_municipality else [])
        for j, municipality in enumerate(targets):
            for step in range(2):  # two saves: a history with a status change
                current = Assessment.objects.filter(
                    region=region, code=item.code, municipality=municipality
                ).first()
                assessment_save(
                    region=region,
                    item=item,
                    municipality=municipality,
                    status=STEPS[(i + j + step) % len(STEPS)],
                    evidence="Onderbouwing",
                    owner=owner,
                    assessed_on=today,
                    next_review_on=None,
                    bodies=bodies,
                    mandates=mandates,
                    actions=actions,
                    seen_version=current.version if current else None,
                    user=user,
                )
        proposal_create(
            region=region,
            item=item,
            municipality=municipalities[0] if item.per_municipality else None,
            status=Status.GEBORGD,
            evidence="Voorstel",
            user=participant,
        )


# About 15 of these queries are the register reads of ``checklist.evidence.run.derived_evidence``
# (its own contract: a fixed number per region); the limits leave two queries of room for it.
PAGES = [
    ("checklist:overview", None, 30),
    ("checklist:item", "I1", 33),
    ("checklist:item", "U3", 36),
    ("checklist:export_csv", None, 10),
    ("checklist:assessment_edit", "I1", 18),
]


@pytest.mark.parametrize(("name", "code", "limit"), PAGES)
def test_query_count_constant(
    name,
    code,
    limit,
    client,
    secretary,
    participant,
    region,
    django_assert_max_num_queries,
):
    client.force_login(secretary)
    kwargs = {"region": region.slug}
    if code:
        kwargs["code"] = code
    url = reverse(name, kwargs=kwargs)
    counts = []
    for size in (2, 18):  # 2 and 20 municipalities in all
        grow(region, secretary, participant, size)
        with django_assert_max_num_queries(limit) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1], f"{name} {code}: {counts[0]} at small, {counts[1]} at large"
