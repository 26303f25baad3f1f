"""The voortgangsrapportage reads a fixed number of queries."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casereflection.constants import ReflectionStatus
from checklist.models import Assessment, Framework, Snapshot
from checklist.services.snapshots import snapshot_freeze
from governance.constants import ActionList
from tests.casereflection.ui_helpers import conclude, reflection
from tests.factories import ActionFactory, BodyFactory, MunicipalityFactory, trekker_membership
from tests.reports.voortgang.support import PAST_STAND, TODAY, day, gereed, report

pytestmark = pytest.mark.django_db


def grow(region, secretary, n: int) -> None:
    """``n`` more of everything the report lists."""
    framework = Framework.current()
    u2 = framework.items.get(code="U2")
    for i in range(n):
        m = MunicipalityFactory(region=region, name=f"Extra gemeente {i}")
        Assessment.objects.create(region=region, item=u2, municipality=m, status="verkend")
        body = BodyFactory(region=region, established_on=date(2015 + i % 5, 1, 1))
        trekker = trekker_membership(region, body=body)
        action = ActionFactory(
            region=region, list=ActionList.GEREED, closed_reason="afgerond", trekker=trekker
        )
        gereed(action, day(3 + i))
        r = reflection(region, ago=6 + i, status=ReflectionStatus.AANGEBODEN)
        conclude(r, secretary, membership=trekker, title=f"Conclusie {i}", decided_on=day(4 + i))
    for i in range(n):
        snapshot_freeze(region=region, date=day(100 + i), note="", user=secretary)


def count_queries(region, user, stand) -> int:
    with CaptureQueriesContext(connection) as ctx:
        report(region, user, stand=stand)
    return len(ctx.captured_queries)


@pytest.mark.parametrize("stand", [TODAY, PAST_STAND], ids=["vandaag", "peilmoment"])
def test_query_count_does_not_grow(region, secretary, world, stand, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        report(region, secretary, stand=stand)
    small = count_queries(region, secretary, stand)
    grow(region, secretary, 6)
    data = report(region, secretary, stand=stand)
    assert len(data["municipality_rows"]) == 9
    assert len(data["progress"]["snapshots"]) >= 7
    if stand == TODAY:
        assert len(data["completed_actions"]) == 9
        assert len(data["conclusions"]) == 7
    with django_assert_max_num_queries(12):
        report(region, secretary, stand=stand)
    assert count_queries(region, secretary, stand) == small
    assert Snapshot.objects.filter(region=region).count() == 8
