"""Planning and editing a reflection: the secretary's form, the personal-data guard and its
explanations, stale edits, taken quarters, another region's sub-region, and who may not."""

import pytest

from casereflection.constants import ReflectionStatus
from casereflection.models import CaseReflection, PrivacyExplanation
from tests.casereflection.ui_helpers import reflection, url
from tests.casereflection.views.support import PHONE, facilitator_data, form_data, led_by
from tests.factories import CaseReflectionFactory, OrganisationFactory, SubRegionFactory

pytestmark = pytest.mark.django_db


def test_plan_form_takes_the_quarter_from_the_link(client, secretary, region, sub_region):
    client.force_login(secretary)
    response = client.get(
        url("reflection_add", region), {"year": 2030, "quarter": 3, "sub_region": sub_region.pk}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["year"] == "2030" and form.initial["quarter"] == "3"
    html = response.content.decode()
    assert "geen namen, adressen, geboortedata, leeftijden" in html  # the privacy hint
    assert 'name="privacy_explanation"' in html  # the secretary may explain


def test_secretary_plans_a_reflection(client, secretary, region, sub_region):
    client.force_login(secretary)
    org = OrganisationFactory(region=region)
    response = client.post(
        url("reflection_add", region),
        form_data(sub_region=sub_region.pk, organisations=[org.pk]),
    )
    assert response.status_code == 302
    saved = CaseReflection.objects.get()
    assert response["Location"] == saved.get_absolute_url()
    assert (saved.year, saved.quarter, saved.status) == (2021, 2, ReflectionStatus.GEPLAND)
    assert list(saved.organisations.all()) == [org]


def test_a_phone_number_is_refused_next_to_the_field(client, secretary, region, sub_region):
    client.force_login(secretary)
    response = client.post(
        url("reflection_add", region), form_data(sub_region=sub_region.pk, summary=PHONE)
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "telefoonnummer" in errors["summary"][0].lower()
    assert "06-12345678" in errors["summary"][0]
    html = response.content.decode()
    assert "Het formulier is niet opgeslagen" in html
    assert 'href="#id_summary"' in html  # the error summary links to the field
    assert not CaseReflection.objects.exists()


def test_edit_with_personal_data_changes_nothing(client, secretary, region):
    r = reflection(region)
    client.force_login(secretary)
    response = client.post(url("reflection_edit", region, pk=r.pk), form_data(r, summary=PHONE))
    assert response.status_code == 400
    assert "telefoonnummer" in response.context["form"].errors["summary"][0].lower()
    r.refresh_from_db()
    assert r.version == 1 and r.summary == ""


def test_secretary_saves_flagged_text_with_an_explanation(client, secretary, region):
    r = reflection(region)
    client.force_login(secretary)
    response = client.post(
        url("reflection_edit", region, pk=r.pk),
        form_data(r, summary=PHONE, privacy_explanation="Dit is het nummer van de crisisdienst."),
    )
    assert response.status_code == 302
    r.refresh_from_db()
    assert r.summary == PHONE and r.version == 2
    explanation = PrivacyExplanation.objects.get()
    assert (explanation.field, explanation.kind, explanation.explained_by) == (
        "summary",
        "phone",
        secretary,
    )
    html = client.get(url("reflection", region, pk=r.pk)).content.decode()
    assert "Dit is het nummer van de crisisdienst." in html


def test_a_participant_cannot_explain(client, facilitator, region):
    r = led_by(facilitator, region)
    client.force_login(facilitator)
    page = client.get(url("reflection_edit", region, pk=r.pk)).content.decode()
    assert 'name="privacy_explanation"' not in page
    response = client.post(
        url("reflection_edit", region, pk=r.pk),
        facilitator_data(r, summary=PHONE, privacy_explanation="Geen persoonsgegeven."),
    )
    assert response.status_code == 400
    r.refresh_from_db()
    assert r.summary == "" and not PrivacyExplanation.objects.exists()


def test_a_stale_edit_is_refused_and_names_the_change(client, secretary, region):
    r = reflection(region)
    client.force_login(secretary)
    first = form_data(r, summary="Eerste versie van de samenvatting.")
    second = form_data(r, dilemma="Een dilemma uit het tweede formulier.")
    assert client.post(url("reflection_edit", region, pk=r.pk), first).status_code == 302
    response = client.post(url("reflection_edit", region, pk=r.pk), second)
    assert response.status_code == 400
    message = response.context["form"].non_field_errors()[0]
    assert "de casus in algemene termen" in message
    assert "Eerste versie van de samenvatting." in message
    r.refresh_from_db()
    assert r.dilemma == "" and r.version == 2
    # the refused form now carries the current version: saving again is a choice
    assert response.context["form"].data["seen_version"] == 2


def test_a_taken_quarter_is_refused_next_to_quarter(client, secretary, region, sub_region):
    CaseReflectionFactory(region=region, year=2021, quarter=2, sub_region=sub_region)
    client.force_login(secretary)
    response = client.post(url("reflection_add", region), form_data(sub_region=sub_region.pk))
    assert response.status_code == 400
    assert "K2 2021" in response.context["form"].errors["quarter"][0]
    assert CaseReflection.objects.count() == 1


def test_another_regions_sub_region_is_refused(client, secretary, region, other_region):
    foreign = SubRegionFactory(region=other_region)
    client.force_login(secretary)
    response = client.post(url("reflection_add", region), form_data(sub_region=foreign.pk))
    assert response.status_code == 400
    assert response.context["form"].errors["sub_region"]
    assert not CaseReflection.objects.exists()


def test_a_bestuurder_cannot_plan_or_edit(client, bestuurder, region):
    r = reflection(region)
    client.force_login(bestuurder)
    assert client.get(url("reflection_add", region)).status_code == 403
    assert client.post(url("reflection_edit", region, pk=r.pk), form_data(r)).status_code == 403
