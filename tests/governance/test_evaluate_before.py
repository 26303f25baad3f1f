"""The "evalueren vóór" date of bodies and mandates (issue 20): model validation, the forms
(Dutch errors next to the field, malformed input a 400), the body page, history and admin."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from governance.models import Body, Mandate
from tests.factories import BodyFactory, MandateFactory, RegionFactory
from tests.governance.test_register_views import body_payload

pytestmark = pytest.mark.django_db


def errors_of(obj) -> dict:
    with pytest.raises(ValidationError) as info:
        obj.full_clean()
    return info.value.message_dict


def test_the_date_is_optional_and_kept_in_history():
    body = BodyFactory(region=RegionFactory())
    body.full_clean()
    assert body.evaluate_before is None
    body.evaluate_before = date(2027, 3, 1)
    body.save()
    assert body.history.first().evaluate_before == date(2027, 3, 1)
    mandate = MandateFactory(body=body, evaluate_before=date(2027, 4, 1))
    mandate.full_clean()
    assert mandate.history.first().evaluate_before == date(2027, 4, 1)


def test_nonsense_dates_are_refused_in_dutch():
    body = BodyFactory.build(
        region=RegionFactory(), established_on=date(2022, 1, 1), evaluate_before=date(2021, 1, 1)
    )
    assert errors_of(body)["evaluate_before"] == [
        "De datum voor de evaluatie moet na de datum van instelling liggen."
    ]
    body.evaluate_before = date(2022, 1, 1)
    assert "evaluate_before" in errors_of(body)
    body.evaluate_before = date(9999, 1, 1)
    assert errors_of(body)["evaluate_before"] == [
        "Vul een datum tussen 01-01-2000 en 31-12-2100 in."
    ]
    mandate = MandateFactory.build(
        body=BodyFactory(), valid_from=date(2024, 5, 1), evaluate_before=date(2024, 4, 1)
    )
    assert errors_of(mandate)["evaluate_before"] == [
        "De datum voor de evaluatie moet na de begindatum liggen."
    ]
    mandate.evaluate_before = date(1900, 1, 1)
    assert "Vul een datum tussen" in errors_of(mandate)["evaluate_before"][0]


def test_a_date_after_the_end_is_kept():
    """Ending a body or mandate leaves its date; the check ignores what has ended."""
    mandate = MandateFactory.build(
        body=BodyFactory(), valid_to=date(2025, 1, 1), evaluate_before=date(2026, 1, 1)
    )
    mandate.full_clean()


def test_secretary_sets_the_date_on_a_body_and_sees_it(client, secretary, region):
    client.force_login(secretary)
    url = reverse("governance:body_add", kwargs={"region": region.slug})
    form = client.get(url).content.decode()
    assert 'name="evaluate_before"' in form and "Evalueren vóór" in form
    assert "waarschuwt 60 dagen vooraf" in form
    response = client.post(url, body_payload(evaluate_before="15-03-2027"))
    assert response.status_code == 302
    body = Body.objects.get(region=region)
    assert body.evaluate_before == date(2027, 3, 15)
    page = client.get(body.get_absolute_url()).content.decode()
    assert "<dt>Evalueren vóór</dt><dd>15-03-2027</dd>" in page


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2019-01-01", "moet na de datum van instelling liggen"),
        ("20227-01-01", "Voer een geldige datum in"),
        ("morgen", "Voer een geldige datum in"),
        ("2027-02-30", "Voer een geldige datum in"),
        ("2027-01-01\x00", "Voer een geldige datum in"),
    ],
)
def test_bad_dates_give_a_dutch_error_next_to_the_field(client, secretary, region, value, message):
    client.force_login(secretary)
    response = client.post(
        reverse("governance:body_add", kwargs={"region": region.slug}),
        body_payload(evaluate_before=value),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_evaluate_before-fout"' in html
    assert message in html
    assert not Body.objects.exists()


def test_secretary_sets_the_date_on_a_mandate_and_it_is_listed(client, secretary, region):
    body = BodyFactory(region=region, established_on=date(2022, 1, 1))
    client.force_login(secretary)
    response = client.post(
        reverse("governance:mandate_add", kwargs={"region": region.slug, "pk": body.pk}),
        {
            "power": "afstemmen",
            "subject": "Aanpak mensenhandel",
            "valid_from": "2023-01-01",
            "evaluate_before": "2027-06-30",
        },
    )
    assert response.status_code == 302
    mandate = Mandate.objects.get(body=body)
    assert mandate.evaluate_before == date(2027, 6, 30)
    page = client.get(body.get_absolute_url()).content.decode()
    assert '<th scope="col">Evalueren vóór</th>' in page
    assert "<td>30-06-2027</td>" in page
    bad = client.post(
        reverse("governance:mandate_edit", kwargs={"region": region.slug, "obj": mandate.pk}),
        {
            "power": "afstemmen",
            "subject": "Aanpak mensenhandel",
            "valid_from": "2023-01-01",
            "evaluate_before": "2022-12-01",
            "seen_version": mandate.version,
        },
    )
    assert bad.status_code == 400
    assert "moet na de begindatum liggen" in bad.content.decode()
    mandate.refresh_from_db()
    assert mandate.evaluate_before == date(2027, 6, 30)


def test_admin_shows_the_dates(admin_client, region):
    body = BodyFactory(region=region, evaluate_before=date(2027, 1, 31))
    MandateFactory(body=body, evaluate_before=date(2027, 2, 28))
    listing = admin_client.get(reverse("admin:governance_body_changelist")).content.decode()
    assert "Evalueren vóór" in listing
    change = admin_client.get(reverse("admin:governance_body_change", args=[body.pk]))
    assert change.status_code == 200
    html = change.content.decode()
    assert 'name="evaluate_before"' in html and "mandates-0-evaluate_before" in html
