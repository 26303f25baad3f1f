"""'Registratie sinds' on the region form: only the secretary changes it, never in the future,
and the checks page explains it."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from governance import constants as c
from tests.governance.checks.support import staffed

pytestmark = pytest.mark.django_db


def payload(region, **overrides):
    data = {
        "name": region.name,
        "code": "",
        "collaboration_model": region.collaboration_model,
        "collaboration_note": "",
        "initiator": "",
        "characteristics": "",
        "description": "",
        "registration_since": "",
        "seen_version": region.version,
    }
    data.update(overrides)
    return data


def edit_url(region):
    return reverse("governance:region_edit", kwargs={"region": region.slug})


def test_secretary_sets_registration_since(client, secretary, region):
    client.force_login(secretary)
    form = client.get(edit_url(region))
    assert 'name="registration_since"' in form.content.decode()
    assert "Registratie sinds" in form.content.decode()
    response = client.post(edit_url(region), payload(region, registration_since="2026-03-01"))
    assert response.status_code == 302
    region.refresh_from_db()
    assert region.registration_since == date(2026, 3, 1)
    # Emptied: the first recorded meeting starts the registration again.
    client.post(edit_url(region), payload(region, registration_since=""))
    region.refresh_from_db()
    assert region.registration_since is None


def test_registration_since_in_the_future_is_refused_in_dutch(client, secretary, region):
    before = region.registration_since
    client.force_login(secretary)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(
        edit_url(region), payload(region, registration_since=tomorrow.isoformat())
    )
    assert response.status_code == 400  # the form again, with the error next to the field
    assert response.context["form"].errors["registration_since"] == [
        "Ligt in de toekomst. Vul de datum in waarop de registratie is begonnen."
    ]
    region.refresh_from_db()
    assert region.registration_since == before


def test_malformed_registration_since_is_a_dutch_field_error(client, secretary, region):
    client.force_login(secretary)
    response = client.post(edit_url(region), payload(region, registration_since="gisteren"))
    assert response.status_code == 400  # the form again, with the error next to the field
    assert response.context["form"].errors["registration_since"] == ["Voer een geldige datum in."]


def test_only_the_secretary_changes_registration_since(client, bestuurder, region):
    before = region.registration_since
    client.force_login(bestuurder)
    response = client.post(edit_url(region), payload(region, registration_since="2026-01-01"))
    assert response.status_code == 403
    region.refresh_from_db()
    assert region.registration_since == before


def test_checks_page_and_region_page_show_the_notice_calmly(client, secretary, region):
    region.registration_since = timezone.localdate() - timedelta(days=30)
    region.save()
    staffed(region, meeting_frequency_per_year=6, established_on=date(2015, 1, 1))
    client.force_login(secretary)
    checks = client.get(reverse("governance:checks", kwargs={"region": region.slug}))
    html = checks.content.decode()
    assert checks.context["notices"]
    assert "Nog niet te beoordelen" in html
    assert "Vergadert minder vaak dan gepland</strong>: kan nog niet worden beoordeeld." in html
    assert "Registratie sinds" in html and "(vastgelegd bij de regiogegevens)" in html
    assert not [f for f in checks.context["findings"] if f.check == "meets_less_than_planned"]
    page = client.get(reverse("governance:region", kwargs={"region": region.slug}))
    assert 'class="notices"' in page.content.decode()
    assert "kan nog niet worden beoordeeld" in page.content.decode()


def test_checks_page_of_a_region_without_registration(client, secretary, region):
    region.registration_since = None
    region.save()
    staffed(region, kind=c.BodyKind.BNT)
    client.force_login(secretary)
    html = client.get(reverse("governance:checks", kwargs={"region": region.slug})).content
    assert "zijn nog geen vergaderingen vastgelegd" in html.decode()
