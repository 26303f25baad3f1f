"""Region exchange: a broken structure is refused with Dutch messages at JSON paths, and
nothing is written (also when the problem is only found while saving)."""

import json

import pytest

from governance.exchange import RegionImportFailed, dump_region_json, export_region, import_region
from governance.models import Region
from tests.governance.exchange_data import counts

pytestmark = pytest.mark.django_db


# --- broken files -----------------------------------------------------------------------------


def _body(doc, name):
    return next(i for i, b in enumerate(doc["bodies"]) if b["name"] == name)


def _member(doc, body_index, role):
    return next(
        i for i, m in enumerate(doc["bodies"][body_index]["memberships"]) if m["role"] == role
    )


def _set(path, value):
    def mutate(doc):
        target = doc
        for part in path[:-1]:
            target = target[part(doc) if callable(part) else part]
        last = path[-1]
        target[last(doc) if callable(last) else last] = value

    return mutate


def _delete_key(doc):
    del doc["bodies"][0]["kind"]


def _duplicate_body(doc):
    doc["bodies"][1]["name"] = doc["bodies"][0]["name"]


def _self_relation(doc):
    doc["relations"][0]["target"] = doc["relations"][0]["source"]


def _end_before_start(doc):
    b = _body(doc, "Stamtafel")
    m = _member(doc, b, "voorzitter")
    doc["bodies"][b]["memberships"][m]["end"] = "2019-06-01"


def _outside_lifetime(doc):
    b = _body(doc, "Oude regiegroep")
    doc["bodies"][b]["memberships"][0]["start"] = "2014-01-01"


def _unknown_person(doc):
    b = _body(doc, "Stamtafel")
    doc["bodies"][b]["memberships"][0]["person"] = "niemand"


def _unknown_body(doc):
    doc["relations"][0]["target"] = "Spooktafel"


STAMTAFEL = lambda doc: _body(doc, "Stamtafel")  # noqa: E731
OUD = lambda doc: _body(doc, "Oude regiegroep")  # noqa: E731


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (_set(["format"], "iets-anders"), "$.format"),
        (_set(["version"], 6), "$.version"),
        (_set(["parts"], None), "$.parts"),
        (_delete_key, "$.bodies[0].kind"),
        (_set(["bodies", 0, "kind"], "geheim_genootschap"), "$.bodies[0].kind"),
        (_set(["bodies", 0, "geheim"], True), "$.bodies[0].geheim"),
        (_set(["bodies", 0, "established_on"], "2024-02-30"), "$.bodies[0].established_on"),
        (_set(["bodies", 0, "established_on"], "1-1-2020"), "$.bodies[0].established_on"),
        (_set(["bodies", 0, "roles"], ["zingen"]), "$.bodies[0].roles[0]"),
        (_set(["themes", 0, "theme"], "Bestaat niet"), "$.themes[0].theme"),
        (_set(["bodies", STAMTAFEL, "themes", 0], "Bestaat niet"), "$.bodies[2].themes[0]"),
        (_unknown_body, "$.relations[0].target"),
        (_unknown_person, "$.bodies[2].memberships[0].person"),
        (
            _set(["persons", 0, "organisation"], {"name": "Onbekend", "national": True}),
            "$.persons[0].organisation",
        ),
        (_set(["municipalities", 0, "sub_region"], "Nergens"), "$.municipalities[0].sub_region"),
        (_duplicate_body, "$.bodies[1].name"),
        (_self_relation, "$.relations[0].target"),
        (_end_before_start, "$.bodies[2].memberships[0].end"),
        (_outside_lifetime, "$.bodies[1].memberships[0].start"),
        (_set(["persons", 0, "email"], "geen-adres"), "$.persons[0].email"),
        (_set(["bodies", OUD, "dissolved_on"], None), "$.bodies[1].dissolved_on"),
        (
            _set(
                ["bodies", 0, "cost_lines"],
                [{"item": "x", "estimate_eur": "-1", "funded_by": "", "note": ""}],
            ),
            "$.bodies[0].cost_lines[0].estimate_eur",
        ),
    ],
)
def test_broken_document_is_refused_and_changes_nothing(rich_region, user, mutate, path):
    doc = export_region(rich_region)
    mutate(doc)
    before = counts()

    with pytest.raises(RegionImportFailed) as failed:
        import_region(data=json.dumps(doc), user=user, slug="nieuw")

    paths = [e.path for e in failed.value.errors]
    assert path in paths, failed.value.errors
    assert all(e.message for e in failed.value.errors)
    assert counts() == before
    assert not Region.objects.filter(slug="nieuw").exists()


def test_body_indices_used_in_the_cases_above(rich_region):
    names = [b["name"] for b in export_region(rich_region)["bodies"]]
    assert names == ["Bestuurlijke netwerktafel", "Oude regiegroep", "Stamtafel", "Werkgroep wonen"]


def test_not_json_is_refused(rich_region, user):
    before = counts()
    with pytest.raises(RegionImportFailed) as failed:
        import_region(data=b"{niet: json", user=user)
    assert [e.path for e in failed.value.errors] == ["$"]
    assert "geen geldige JSON" in failed.value.errors[0].message
    with pytest.raises(RegionImportFailed):
        import_region(data=b"\xff\xfe\x00", user=user)
    with pytest.raises(RegionImportFailed) as failed:
        import_region(data="[1, 2]", user=user)
    assert failed.value.errors[0].path == "$"
    assert counts() == before


def test_existing_slug_and_name_are_refused(rich_region, user):
    text = dump_region_json(rich_region)
    before = counts()
    with pytest.raises(RegionImportFailed) as failed:
        import_region(data=text, user=user)
    errors = {e.path: e.message for e in failed.value.errors}
    assert "--slug" in errors["$.region.slug"]
    assert "$.region.name" in errors
    with pytest.raises(RegionImportFailed) as failed:
        import_region(data=text, user=user, slug="nieuw", name="Noord-Oost")
    assert [e.path for e in failed.value.errors] == ["$.region.name"]
    assert counts() == before


def test_invalid_new_slug_is_reported_at_the_region(rich_region, user):
    before = counts()
    with pytest.raises(RegionImportFailed) as failed:
        import_region(data=dump_region_json(rich_region), user=user, slug="geen geldige slug")
    assert [e.path for e in failed.value.errors] == ["$.region.slug"]
    assert counts() == before


def test_too_large_file_is_refused(rich_region, user, settings):
    settings.REGION_IMPORT_MAX_BYTES = 1000
    before = counts()
    with pytest.raises(RegionImportFailed) as failed:
        import_region(data=dump_region_json(rich_region), user=user, slug="nieuw")
    assert [e.path for e in failed.value.errors] == ["$"]
    assert "te groot" in failed.value.errors[0].message
    assert counts() == before


def test_model_errors_are_all_reported_and_rolled_back(rich_region, user):
    """Errors found while saving (after objects were already created) roll back everything."""
    doc = export_region(rich_region)
    _end_before_start(doc)
    _outside_lifetime(doc)
    before = counts()
    with pytest.raises(RegionImportFailed) as failed:
        import_region(data=json.dumps(doc), user=user, slug="nieuw")
    assert [e.path for e in failed.value.errors] == [
        "$.bodies[1].memberships[0].start",
        "$.bodies[2].memberships[0].end",
    ]
    assert counts() == before
