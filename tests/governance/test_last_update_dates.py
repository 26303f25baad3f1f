"""stamps.last_update_dates: the key part of the pages that show when each action was last
updated (governance.pagecache, progress=True)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from governance.models import ActionUpdate
from governance.stamps import last_update_dates
from tests.factories import ActionFactory, RegionFactory

pytestmark = pytest.mark.django_db


def test_moves_with_a_new_date_only_and_per_region(django_assert_num_queries):
    region, other = RegionFactory(), RegionFactory()
    action = ActionFactory(region=region)
    elsewhere = ActionFactory(region=other)
    today = timezone.localdate()
    empty = last_update_dates([region.pk])
    ActionUpdate.objects.create(action=action, date=today - timedelta(days=3), text="a")
    first = last_update_dates([region.pk])
    assert first != empty
    ActionUpdate.objects.create(action=action, date=today, text="b")
    second = last_update_dates([region.pk])
    assert second != first
    # a second note on the same date, an older note, a note in another region: no move
    ActionUpdate.objects.create(action=action, date=today, text="c")
    ActionUpdate.objects.create(action=action, date=today - timedelta(days=9), text="d")
    ActionUpdate.objects.create(action=elsewhere, date=today, text="e")
    with django_assert_num_queries(1):
        assert last_update_dates([region.pk]) == second
    # deleting the latest notes moves it back
    ActionUpdate.objects.filter(action=action, date=today).delete()
    assert last_update_dates([region.pk]) == first
    assert last_update_dates([region.pk, other.pk]) != first
    with django_assert_num_queries(0):
        last_update_dates([])
