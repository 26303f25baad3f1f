"""Fixtures of the structure check tests."""

from datetime import date

import pytest

from governance.models import Theme
from tests.factories import RegionFactory


@pytest.fixture
def region(db):
    """The test region, keeping its meetings in the portal since long ago: the rules that look
    back in time judge it fully. (A region that has just moved in: ``new_region`` in
    test_window.py, without 'registratie sinds' and without meetings.)"""
    return RegionFactory(name="Testregio", slug="test", registration_since=date(2000, 1, 1))


@pytest.fixture
def theme(db):
    return Theme.objects.create(name="Testthema mensenhandel")
