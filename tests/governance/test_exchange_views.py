"""Region exchange in the browser: the secretary's download, the beheerder's upload."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from governance import exchange
from governance.models import Body, Region
from tests.factories import BodyFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_secretary_downloads_the_canonical_json(client, secretary, region):
    MembershipFactory(body=BodyFactory(region=region, name="Stamtafel"))
    client.force_login(secretary)
    response = client.get(reverse("governance:region_export", kwargs={"region": region.slug}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment;" in response["Content-Disposition"]
    assert response.content.decode() == exchange.dump_region_json(region)


def test_staff_uploads_a_region_under_a_new_slug(client, staff_user, region):
    BodyFactory(region=region, name="Stamtafel")
    data = exchange.dump_region_json(region).encode()
    client.force_login(staff_user)
    response = client.post(
        reverse("governance:region_import"),
        {
            "file": SimpleUploadedFile("regio.json", data, content_type="application/json"),
            "slug": "kopie",
            "name": "Kopie van de testregio",
        },
    )
    copy = Region.objects.get(slug="kopie")
    assert response.status_code == 302 and response["Location"] == copy.get_absolute_url()
    assert Body.objects.filter(region=copy, name="Stamtafel").exists()
    assert copy.history.first().history_user == staff_user


def test_bad_upload_lists_errors_with_paths_and_changes_nothing(client, staff_user, region):
    document = json.loads(exchange.dump_region_json(region))
    document["region"]["slug"] = region.slug  # taken
    document["bodies"] = [{"name": "x"}]  # schema error
    before = (Region.objects.count(), Body.objects.count())
    client.force_login(staff_user)
    response = client.post(
        reverse("governance:region_import"),
        {
            "file": SimpleUploadedFile("regio.json", json.dumps(document).encode()),
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Fouten in het bestand" in html and "$.bodies[0]" in html
    assert (Region.objects.count(), Body.objects.count()) == before


def test_upload_larger_than_limit_is_refused(client, staff_user, settings):
    settings.REGION_IMPORT_MAX_BYTES = 100
    client.force_login(staff_user)
    response = client.post(
        reverse("governance:region_import"),
        {
            "file": SimpleUploadedFile("groot.json", b"{" + b" " * 200 + b"}"),
        },
    )
    assert response.status_code == 400
    assert "groter dan" in response.content.decode()
