import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import permission_matrix
from dashboard.permissions import matrix as build_matrix

pytestmark = pytest.mark.django_db


def test_every_permission_has_a_dutch_label():
    missing = [n for n in permission_matrix.permission_names() if n not in permission_matrix.LABELS]
    assert not missing


def test_matrix_follows_the_rules():
    matrix = build_matrix()
    keys = [p.key for p in matrix["personas"]]
    rows = {row["name"]: dict(zip(keys, row["cells"], strict=True)) for row in matrix["rows"]}
    assert rows["governance.change_body"] == {
        "secretary": True,
        "bestuurder": False,
        "participant": False,
        "vng_advisor": False,
        "staff": False,
        "other": False,
    }
    assert rows["governance.view_region"]["vng_advisor"] is True
    assert rows["governance.view_region"]["other"] is False
    assert rows["governance.import_region"]["staff"] is True
    # Own actions: tested with a stand-in action held by each persona.
    assert rows["governance.update_action"] == {
        "secretary": True,
        "bestuurder": True,
        "participant": True,
        "vng_advisor": False,
        "staff": False,
        "other": False,
    }
    assert rows["governance.move_action"]["participant"] is False
    assert rows["governance.view_documents"]["vng_advisor"] is False


def test_matrix_page_for_secretary(client, secretary):
    client.force_login(secretary)
    html = client.get(reverse("permissions")).content.decode()
    assert "governance.change_body" in html and "Gremium wijzigen" in html


@pytest.mark.parametrize(
    "persona, shown",
    [
        ("secretary", True),
        ("staff_user", True),
        ("bestuurder", False),
        ("participant", False),
        ("vng_advisor", False),
    ],
)
def test_header_links_to_the_matrix_only_for_those_who_may_read_it(client, request, persona, shown):
    client.force_login(request.getfixturevalue(persona))
    html = client.get(reverse("accessibility")).content.decode()
    assert (f'href="{reverse("permissions")}"' in html) is shown


def test_header_asks_the_rules_not_the_permission_tables(client, bestuurder):
    """The header's links come from the rule set: a user for whom a rule says no costs no
    queries on Django's permission tables (the model backend would read them on every page)."""
    client.force_login(bestuurder)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("accessibility")).status_code == 200
    assert not [q for q in queries if "auth_permission" in q["sql"]]
