"""The overview, its CSV, the planner and the reflection page read in a constant number of
queries as the region grows: more reflections, each with conclusions, werkagenda actions and
progress notes, themes, organisations and a delegation (two data sizes, the same count)."""

import pytest
from django.utils import timezone

from casereflection.constants import ReflectionStatus
from casereflection.models import CaseReflection
from governance.models import ActionUpdate
from tests.casereflection.ui_helpers import conclude, reflection, stamtafel_item, url
from tests.factories import (
    OrganisationFactory,
    PersonFactory,
    SubRegionFactory,
    any_theme,
    trekker_membership,
)

pytestmark = pytest.mark.django_db


def grow(region, user, target: int) -> CaseReflection:
    """Reflections in the quarters before this one until there are ``target``; each with two
    conclusions (so two actions with a progress note). Returns the newest reflection."""
    sub_regions = list(region.sub_regions.all()) or [
        SubRegionFactory(region=region) for _ in range(3)
    ]
    membership = trekker_membership(region)
    item = stamtafel_item(region)
    theme = any_theme()
    have = CaseReflection.objects.filter(region=region).count()
    for n in range(have, target):
        r = reflection(
            region,
            ago=n + 1,
            sub_region=sub_regions[n % len(sub_regions)],
            status=ReflectionStatus.AANGEBODEN,
            proposal="Voorstel.",
        )
        r.themes.add(theme)
        r.organisations.add(OrganisationFactory(region=region))
        r.delegation.add(PersonFactory(region=region))
        for i in range(2):
            conclusion = conclude(
                r, user, membership=membership, agenda_item=item, title=f"Opdracht {n}.{i}"
            )
            ActionUpdate.objects.create(
                action=conclusion.action, date=timezone.localdate(), text="Voortgang."
            )
    return CaseReflection.objects.filter(region=region).order_by("-year", "-quarter").first()


# Five or so of these are the request's own (session, user, roles, region, region switcher);
# a national reader's pages read a little more (every region is theirs).
PAGES = [
    ("reflection_list", 13),
    ("reflection_csv", 10),
    ("reflection_planner", 14),
    ("reflection", 16),
]


@pytest.mark.parametrize(("name", "limit"), PAGES)
@pytest.mark.parametrize("reader", ["secretary", "vng_advisor"])
def test_query_count_constant(
    name, limit, reader, request, client, region, secretary, django_assert_max_num_queries
):
    client.force_login(request.getfixturevalue(reader))
    counts = []
    for size in (2, 12):
        newest = grow(region, secretary, size)
        kwargs = {"pk": newest.pk} if name == "reflection" else {}
        with django_assert_max_num_queries(limit) as captured:
            assert client.get(url(name, region, **kwargs)).status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1], f"{name}: {counts[0]} at 2 reflections, {counts[1]} at 12"
