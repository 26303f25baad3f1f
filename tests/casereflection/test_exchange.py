"""The reflections file (``zv-portaal/casusreflecties``): canonical export, lossless import into
the same region, and every refusal at its JSON path with nothing written."""

import copy
from datetime import date, timedelta

import pytest
from django.utils import timezone

from casereflection.exchange import (
    FORMAT,
    export_reflections,
    import_reflections,
    validate_reflections,
)
from casereflection.models import CaseReflection, Conclusion
from governance.exchange import RegionImportFailed, dump_document
from governance.exchange.keys import region_keys
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    CaseReflectionFactory,
    ConclusionFactory,
    MeetingFactory,
    OrganisationFactory,
    PersonFactory,
    RegionFactory,
    SubRegionFactory,
    UserFactory,
    any_theme,
    trekker_membership,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def region():
    """A region with two reflections: one concluded at a Stamtafel meeting (with its action)
    and one still planned."""
    region = RegionFactory()
    west, oost = (
        SubRegionFactory(region=region, name="West"),
        SubRegionFactory(region=region, name="Oost"),
    )
    leader = PersonFactory(region=region, name="Anna de Gespreksleider")
    guest = PersonFactory(region=region, name="Bram Delegatie")
    organisation = OrganisationFactory(region=region, name="GGZ Regio")
    seat = trekker_membership(region)
    meeting = MeetingFactory(
        body=seat.body, starts_at=timezone.now() - timedelta(days=30), status="gehouden"
    )
    item = AgendaItemFactory(meeting=meeting, title="Bespreekvoorstel casusreflectie")
    action = ActionFactory(region=region, title="Afspraken over signalen delen")
    held = timezone.localdate() - timedelta(days=90)
    concluded = CaseReflectionFactory(
        region=region,
        year=held.year,
        quarter=(held.month - 1) // 3 + 1,
        sub_region=west,
        facilitator=leader,
        status="geconcludeerd",
        planned_on=held,
        held_on=held,
        offered_on=held + timedelta(days=10),
        summary="Een inwoner valt tussen zorg en veiligheid in.",
        proposal="De tafel legt de regie bij het zorg- en veiligheidshuis.",
    )
    concluded.themes.set([any_theme()])
    concluded.organisations.set([organisation])
    concluded.delegation.set([guest])
    ConclusionFactory(
        reflection=concluded,
        contact_administrator=seat,
        assignee_body=seat.body,
        agenda_item=item,
        action=action,
        decided_on=held + timedelta(days=20),
        due_date=held + timedelta(days=200),
    )
    planned = timezone.localdate() + timedelta(days=10)
    CaseReflectionFactory(
        region=region,
        year=planned.year,
        quarter=(planned.month - 1) // 3 + 1,
        sub_region=oost,
        planned_on=planned,
    )
    return region


@pytest.fixture
def user():
    return UserFactory()


def exported(region) -> dict:
    return export_reflections(region)


def refused(document, region) -> dict[str, str]:
    """path → message of the refusal; asserts that nothing was written."""
    before = (CaseReflection.objects.count(), Conclusion.objects.count())
    with pytest.raises(RegionImportFailed) as failed:
        import_reflections(data=document, region=region, keys=region_keys(region), user=None)
    assert (CaseReflection.objects.count(), Conclusion.objects.count()) == before
    return {e.path: e.message for e in failed.value.errors}


def emptied(region) -> None:
    """Remove the region's reflections (the werkagenda and meetings stay)."""
    Conclusion.objects.filter(reflection__region=region).delete()
    CaseReflection.objects.filter(region=region).delete()


def test_export_import_export_is_byte_identical(region, user):
    first = dump_document(exported(region))
    document = exported(region)
    assert document["format"] == FORMAT and len(document["reflections"]) == 2
    emptied(region)
    created = import_reflections(
        data=first.encode(), region=region, keys=region_keys(region), user=user
    )
    assert len(created) == 2
    assert dump_document(exported(region)) == first
    # History records name the importing user.
    reflection = CaseReflection.objects.get(region=region, status="geconcludeerd")
    assert reflection.history.get().history_user == user
    assert reflection.conclusions.get().action.title == "Afspraken over signalen delen"


def test_export_reads_a_fixed_number_of_queries(region, django_assert_max_num_queries):
    keys = region_keys(region)
    with django_assert_max_num_queries(6):
        export_reflections(region, keys)
    for _ in range(3):  # more reflections, conclusions and links: the same queries
        CaseReflectionFactory(region=region, year=2001, quarter=_ + 1)
    keys = region_keys(region)
    with django_assert_max_num_queries(6):
        export_reflections(region, keys)


def test_a_quarter_taken_twice_or_already_present(region):
    document = exported(region)
    found = refused(document, region)  # the region has these reflections already
    assert set(found) == {
        "$.reflections[0].quarter",
        "$.reflections[1].quarter",
        "$.reflections[0].conclusions[0].action",
    }
    assert found["$.reflections[0].quarter"].startswith("Voor K")
    assert found["$.reflections[0].conclusions[0].action"] == (
        "Deze actie hoort al bij een andere conclusie."
    )
    emptied(region)
    twice = copy.deepcopy(document)
    twice["reflections"][1].update(
        year=twice["reflections"][0]["year"], quarter=twice["reflections"][0]["quarter"]
    )
    assert set(refused(twice, region)) == {"$.reflections[1].quarter"}


def test_references_that_point_at_nothing(region):
    document = exported(region)
    emptied(region)
    broken = copy.deepcopy(document)
    reflection = broken["reflections"][0]
    reflection["sub_region"] = "Zuid"
    reflection["facilitator"] = "niemand"
    reflection["delegation"] = ["ook-niemand"]
    reflection["themes"] = ["Geen thema"]
    reflection["organisations"] = [{"name": "Onbekend", "national": False}]
    conclusion = reflection["conclusions"][0]
    conclusion["assignee_body"] = "Geen gremium"
    conclusion["contact_administrator"]["person"] = "niemand"
    conclusion["agenda_item"] = {"meeting": "geen-vergadering", "item": 1}
    conclusion["action"] = "geen-actie"
    found = refused(broken, region)
    at = "$.reflections[0]"
    assert found == {
        f"{at}.sub_region": "Onbekende subregio ‘Zuid’.",
        f"{at}.facilitator": "Onbekende persoon ‘niemand’ in deze regio.",
        f"{at}.delegation[0]": "Onbekende persoon ‘ook-niemand’ in deze regio.",
        f"{at}.themes[0]": "Onbekend thema ‘Geen thema’.",
        f"{at}.organisations[0]": "Onbekende organisatie ‘Onbekend’.",
        f"{at}.conclusions[0].assignee_body": "Onbekend gremium ‘Geen gremium’.",
        f"{at}.conclusions[0].contact_administrator": (
            "Dit lidmaatschap bestaat niet in de regio, of is niet eenduidig."
        ),
        f"{at}.conclusions[0].agenda_item": "Dit agendapunt bestaat niet in de regio.",
        f"{at}.conclusions[0].action": "Onbekende actie ‘geen-actie’ in deze regio.",
    }


def test_the_lifecycle_as_data(region):
    document = exported(region)
    emptied(region)
    planned = copy.deepcopy(document)
    planned["reflections"][1]["held_on"] = "2020-01-01"
    planned["reflections"][0]["offered_on"] = None
    planned["reflections"][0]["status"] = "besproken"
    found = refused(planned, region)
    assert "pas bij een reflectie met status ‘besproken’" in found["$.reflections[1].held_on"]
    assert "pas bij een reflectie met status ‘aangeboden’" not in str(found)
    assert found["$.reflections[0].conclusions"] == (
        "Conclusies horen bij een reflectie die aan de Stamtafel is aangeboden."
    )
    offered = copy.deepcopy(document)
    offered["reflections"][0]["offered_on"] = None
    assert "heeft deze datum" in refused(offered, region)["$.reflections[0].offered_on"]


def test_held_in_the_future_is_refused_by_the_model(region):
    document = exported(region)
    emptied(region)
    future = copy.deepcopy(document)
    future["reflections"][0]["held_on"] = (timezone.localdate() + timedelta(days=3)).isoformat()
    assert "nog moet plaatsvinden" in refused(future, region)["$.reflections[0].held_on"]


def test_personal_data_is_refused(region):
    document = exported(region)
    emptied(region)
    leaking = copy.deepcopy(document)
    leaking["reflections"][0]["summary"] = "Mevrouw woont op de Dorpsstraat 12 in Zutphen."
    leaking["reflections"][0]["conclusions"][0]["note"] = "Bel 06-12345678 voor overleg."
    found = refused(leaking, region)
    assert found["$.reflections[0].summary"].startswith("Mogelijk een persoonsgegeven.")
    assert found["$.reflections[0].conclusions[0].note"].startswith("Mogelijk een persoonsgegeven.")


def test_the_schema_speaks_dutch(region):
    document = exported(region)
    emptied(region)
    wrong = copy.deepcopy(document)
    wrong["reflections"][0]["status"] = "klaar"
    wrong["reflections"][0]["extra"] = 1
    del wrong["reflections"][1]["title"]
    wrong["reflections"][1]["planned_on"] = "01-02-2026"
    errors, _look = validate_reflections(wrong, region, region_keys(region))
    found = {e.path: e.message for e in errors}
    assert found["$.reflections[0].status"].startswith("Onbekende waarde ‘klaar’.")
    assert "Onbekend veld" in found["$.reflections[0].extra"]
    assert found["$.reflections[1].title"] == "Dit verplichte veld ontbreekt."
    assert "JJJJ-MM-DD" in found["$.reflections[1].planned_on"]
    assert refused(b"{niet json", region)["$"].startswith("Het bestand is geen geldige JSON")


def test_the_dates_survive_the_round_trip(region):
    document = exported(region)
    concluded = next(r for r in document["reflections"] if r["conclusions"])
    assert date.fromisoformat(concluded["held_on"]) < date.fromisoformat(concluded["offered_on"])
    assert concluded["conclusions"][0]["agenda_item"]["item"] == 1
