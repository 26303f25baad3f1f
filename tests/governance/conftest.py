"""Fixtures of the region exchange tests (the data itself is in ``exchange_data``)."""

import pytest

from tests.factories import UserFactory
from tests.governance.exchange_data import add_rich_use, build_rich_region


@pytest.fixture
def user(db):
    return UserFactory(username="uploader")


@pytest.fixture
def rich_region(db):
    """A region using every field of the structure."""
    return build_rich_region()


@pytest.fixture
def used_region(rich_region):
    """``rich_region`` with knelpunten, actions, meetings and the checklist."""
    add_rich_use(rich_region)
    return rich_region
