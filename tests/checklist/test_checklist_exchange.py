"""The checklist's section of the region exchange format (registered by the checklist app):
a framework, item codes and municipalities the portal does not know are refused in Dutch at
the right path, and nothing is written; proposals are not exported."""

import json

import pytest

from checklist.models import Assessment, AssessmentProposal, Framework, Item
from governance.exchange import RegionImportFailed, export_region, import_region
from governance.exchange.sections import readable_parts
from tests.factories import UserFactory
from tests.governance.exchange_data import ALL_PARTS, add_rich_use, build_rich_region, counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def used_region(db):
    region = build_rich_region()
    add_rich_use(region)
    return region


@pytest.fixture
def user(db):
    return UserFactory(username="uploader")


def _refuse(doc, user) -> dict[str, str]:
    before = counts()
    with pytest.raises(RegionImportFailed) as failed:
        import_region(data=json.dumps(doc), user=user, slug="nieuw")
    assert counts() == before
    return {e.path: e.message for e in failed.value.errors}


def _index(doc, predicate):
    return next(i for i, a in enumerate(doc["checklist"]["assessments"]) if predicate(a))


def test_unknown_framework_is_refused(used_region, user):
    doc = export_region(used_region, ALL_PARTS)
    doc["checklist"]["framework"] = {"name": "Beleidstheorie", "version": "2099"}
    doc["checklist"]["peilmomenten"][1]["framework"]["version"] = "1999"
    errors = _refuse(doc, user)
    assert "versie ‘2099’" in errors["$.checklist.framework"]
    assert "dit portaal heeft die versie niet" in errors["$.checklist.framework"]
    assert "versie ‘1999’" in errors["$.checklist.peilmomenten[1].framework"]


def test_unknown_codes_and_misplaced_municipalities_are_refused(used_region, user):
    doc = export_region(used_region, ALL_PARTS)
    assessments = doc["checklist"]["assessments"]
    plain = _index(doc, lambda a: a["bodies"])  # an item that is not assessed per gemeente
    local = _index(doc, lambda a: a["municipality"] == "Lochem")
    other = _index(doc, lambda a: a["municipality"] == "Winterswijk")
    assessments[other]["code"] = "Z99"
    assessments[plain]["municipality"] = "Zutphen"
    assessments[local]["municipality"] = "Atlantis"
    doc["checklist"]["peilmomenten"][0]["scores"][0]["code"] = "Z98"

    errors = _refuse(doc, user)

    assert "Onbekende code ‘Z99’" in errors[f"$.checklist.assessments[{other}].code"]
    assert "niet per gemeente" in errors[f"$.checklist.assessments[{plain}].municipality"]
    assert (
        "Onbekende gemeente ‘Atlantis’" in errors[f"$.checklist.assessments[{local}].municipality"]
    )
    assert "Onbekende code ‘Z98’" in errors["$.checklist.peilmomenten[0].scores[0].code"]


def test_duplicates_and_unknown_references_are_refused(used_region, user):
    doc = export_region(used_region, ALL_PARTS)
    checklist = doc["checklist"]
    linked = _index(doc, lambda a: a["bodies"])
    item = checklist["assessments"][linked]
    item["bodies"] = ["Spooktafel"]
    item["actions"] = ["geen-actie"]
    item["owner"] = "niemand"
    item["mandates"] = [{**item["mandates"][0], "valid_from": "1999-01-01"}]
    checklist["assessments"].append(dict(checklist["assessments"][0]))
    checklist["peilmomenten"][1]["date"] = checklist["peilmomenten"][0]["date"]
    last = len(checklist["assessments"]) - 1

    errors = _refuse(doc, user)

    at = f"$.checklist.assessments[{linked}]"
    assert "Onbekend gremium" in errors[f"{at}.bodies[0]"]
    assert "Onbekende actie" in errors[f"{at}.actions[0]"]
    assert "Onbekende persoon" in errors[f"{at}.owner"]
    assert "Onbekend mandaat" in errors[f"{at}.mandates[0]"]
    assert "meer dan eens" in errors[f"$.checklist.assessments[{last}]"]
    assert "al een peilmoment" in errors["$.checklist.peilmomenten[1].date"]

    # A moment that is no moment is refused in the schema step, before any reference is
    # looked up (so that no impossible date reaches the time-zone arithmetic).
    checklist["peilmomenten"][0]["frozen_at"] = "2024-02-30T10:00:00+01:00"
    errors = _refuse(doc, user)
    assert "Ongeldig tijdstip" in errors["$.checklist.peilmomenten[0].frozen_at"]


def test_an_ambiguous_mandate_reference_is_refused(used_region, user):
    doc = export_region(used_region, ALL_PARTS)
    stamtafel = next(b for b in doc["bodies"] if b["name"] == "Stamtafel")
    stamtafel["mandates"].append({**stamtafel["mandates"][0], "source_document": "Tweede"})
    linked = _index(doc, lambda a: a["mandates"])
    errors = _refuse(doc, user)
    assert "niet eenduidig" in errors[f"$.checklist.assessments[{linked}].mandates[0]"]


def test_model_validation_of_assessments_rolls_everything_back(used_region, user):
    doc = export_region(used_region, ALL_PARTS)
    linked = _index(doc, lambda a: a["next_review_on"])
    doc["checklist"]["assessments"][linked]["next_review_on"] = "2000-01-01"
    errors = _refuse(doc, user)
    assert "vóór" in errors[f"$.checklist.assessments[{linked}].next_review_on"]


def test_imported_assessments_keep_their_links_and_proposals_stay_home(used_region, user):
    AssessmentProposal.objects.create(
        region=used_region,
        item=Item.objects.filter(framework=Framework.current()).first(),
        status="verkend",
        evidence="Proefvoorstel-7Q",
    )
    text = json.dumps(export_region(used_region, ALL_PARTS))
    assert "Proefvoorstel-7Q" not in text

    result = import_region(data=text, user=user, slug="kopie")

    copied = Assessment.objects.filter(region=result.region)
    assert copied.count() == Assessment.objects.filter(region=used_region).count()
    linked = copied.get(bodies__isnull=False, bodies__name="Stamtafel")
    assert set(linked.bodies.values_list("name", flat=True)) == {
        "Stamtafel",
        "Bestuurlijke netwerktafel",
    }
    assert linked.mandates.count() == 2 and linked.actions.count() == 2
    assert {m.body.region_id for m in linked.mandates.all()} == {result.region.pk}
    assert not AssessmentProposal.objects.filter(region=result.region).exists()
    assert result.created["beoordelingen"] == copied.count()
    assert result.created["peilmomenten"] == 2


def test_every_exporting_role_may_read_the_checklist(used_region):
    """The export page offers a part only to those holding its permissions; everyone who may
    export a region may read its checklist."""
    secretary = UserFactory(username="sec")
    from core.models import RoleAssignment

    RoleAssignment.objects.create(user=secretary, role="secretary", region=used_region)
    vng = UserFactory(username="vng-adviseur")
    RoleAssignment.objects.create(user=vng, role="vng_advisor", region=None)
    staff = UserFactory(username="beheer", is_staff=True)
    for person in (secretary, vng, staff):
        assert person.has_perm("governance.export_region", used_region)
        assert "checklist" in readable_parts(person, used_region)
    assert readable_parts(secretary, used_region) == ALL_PARTS
