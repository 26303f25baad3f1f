import pytest
from django.urls import reverse

from zv_portal import permission_matrix

pytestmark = pytest.mark.django_db


def test_every_permission_has_a_dutch_label():
    missing = [n for n in permission_matrix.permission_names() if n not in permission_matrix.LABELS]
    assert not missing


def test_matrix_follows_the_rules():
    matrix = permission_matrix.build_matrix()
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
