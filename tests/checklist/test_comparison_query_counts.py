"""The comparison, its CSV and the benchmark keep a constant number of queries as regions,
assessments and peilmomenten are added."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from checklist.constants import Status
from checklist.models import Assessment, Framework, Snapshot, SnapshotScore
from tests.factories import MunicipalityFactory, RegionFactory

pytestmark = pytest.mark.django_db


def grow(total: int) -> None:
    """Regions up to ``total``, each with a live assessment of every item, two peilmomenten
    with scores for every item, and per-gemeente scores."""
    from governance.models import Region

    framework = Framework.current()
    items = list(framework.items.all())
    while Region.objects.count() < total:
        n = Region.objects.count()
        region = RegionFactory()
        municipality = MunicipalityFactory(region=region)
        status = Status.values[n % 5]
        Assessment.objects.bulk_create(
            [Assessment(region=region, item=i, code=i.code, status=status) for i in items]
        )
        for days in (400, 30):
            snap = Snapshot.objects.create(
                region=region, framework=framework, date=date(2026, 6, 1) - timedelta(days=days)
            )
            scores = [
                SnapshotScore(snapshot=snap, item=i, code=i.code, status=status) for i in items
            ]
            scores += [
                SnapshotScore(
                    snapshot=snap, item=i, code=i.code, municipality=municipality, status=status
                )
                for i in items
                if i.per_municipality
            ]
            SnapshotScore.objects.bulk_create(scores)


# Session, user and roles (3), saving the session (3) and, on pages, the header's permission
# checks and region switcher (3) come on top of the selector's four queries: current framework,
# its items, the regions (latest peilmoment as a subquery) and the statuses.
PAGES = [
    ("checklist:comparison", {}, 13),
    ("checklist:comparison", {"bron": "actueel", "fase": "mechanismen"}, 13),
    ("checklist:comparison", {"model": "stuurgroep", "sorteer": "voortgang"}, 13),
    ("checklist:comparison_csv", {}, 10),
    ("checklist:comparison_csv", {"bron": "actueel"}, 10),
]


@pytest.mark.parametrize(("name", "params", "limit"), PAGES)
def test_comparison_constant_in_regions(
    name, params, limit, client, vng_advisor, django_assert_max_num_queries
):
    client.force_login(vng_advisor)
    counts = []
    for size in (2, 12):
        grow(size)
        with django_assert_max_num_queries(limit) as captured:
            response = client.get(reverse(name), params)
            assert response.status_code == 200
        counts.append(len(captured.captured_queries))
        if name == "checklist:comparison" and not params:
            assert len(response.context["rows"]) == size
    assert counts[0] == counts[1], f"{name}: {counts[0]} queries at 2, {counts[1]} at 12"


@pytest.mark.parametrize("source", ["peilmoment", "actueel"])
def test_benchmark_constant_in_regions(
    source, client, region, bestuurder, django_assert_max_num_queries
):
    client.force_login(bestuurder)
    url = reverse("checklist:region_benchmark", kwargs={"region": region.slug})
    counts = []
    for size in (2, 12):
        grow(size)
        # Page overhead as above, the region (1), and the selector: framework, items, count of
        # all regions, the statuses and (peilmoment) the region's own latest peilmoment.
        with django_assert_max_num_queries(15) as captured:
            response = client.get(url, {"bron": source})
            assert response.status_code == 200
        assert response.context["total_regions"] == size
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1], f"{source}: {counts[0]} queries at 2, {counts[1]} at 12"
