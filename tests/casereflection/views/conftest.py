"""Fixtures of the case-reflection page tests: a sub-region and a gespreksleider."""

import pytest

from tests.factories import PersonFactory, RoleFactory, SubRegionFactory, UserFactory


@pytest.fixture
def sub_region(region):
    return SubRegionFactory(region=region, name="Achterhoek")


@pytest.fixture
def facilitator(region):
    """A participant who leads reflections (through their Person)."""
    user = UserFactory(username="gespreksleider")
    RoleFactory(user=user, region=region, role="participant")
    PersonFactory(region=region, name="Gespreksleider Test", user=user)
    return user
