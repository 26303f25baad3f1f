"""bench/twin.py: a copy of the test database beside it, and switching between the two."""

import pytest
from django.db import connection, connections

from bench.twin import COPY, ORIGINAL, Twin
from governance.models import Region


@pytest.mark.django_db(transaction=True)
def test_the_copy_starts_equal_and_then_goes_its_own_way():
    Region.objects.create(name="In beide", slug="in-beide")
    original = connections["default"]
    twin = Twin.copy_of_default()
    try:
        twin.use(COPY)
        assert connection.settings_dict["NAME"] != original.settings_dict["NAME"]
        assert Region.objects.filter(slug="in-beide").exists()
        Region.objects.create(name="Alleen in de kopie", slug="alleen-kopie")
        twin.use(ORIGINAL)
        assert connections["default"] is original
        assert not Region.objects.filter(slug="alleen-kopie").exists()
        twin.use(COPY)
        assert Region.objects.filter(slug="alleen-kopie").exists()
    finally:
        twin.drop()
    assert connections["default"] is original
    assert twin.current == ORIGINAL
    assert Region.objects.filter(slug="in-beide").exists()
    if original.vendor == "postgresql":
        with original.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_database WHERE datname = %s",
                [twin.wrappers[COPY].settings_dict["NAME"]],
            )
            assert cursor.fetchone()[0] == 0
