"""Fixtures of the structure check tests."""

import pytest

from governance.models import Theme


@pytest.fixture
def theme(db):
    return Theme.objects.create(name="Testthema mensenhandel")
