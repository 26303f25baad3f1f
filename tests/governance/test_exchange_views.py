"""Region exchange in the browser: the export page and its download, the beheerder's upload."""

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import RoleAssignment
from governance import exchange
from governance.exchange.sections import Section, register_section, unregister_section
from governance.models import Action, Body, Region
from tests.factories import BodyFactory, MembershipFactory
from tests.governance.exchange_data import ALL_PARTS, add_rich_use, build_rich_region

pytestmark = pytest.mark.django_db

V1_FILE = Path(__file__).parent / "data" / "regio-v1.json"


def _page(region):
    return reverse("governance:region_export_page", kwargs={"region": region.slug})


def _download(region, choice=None):
    url = reverse("governance:region_export", kwargs={"region": region.slug})
    return f"{url}?onderdelen={choice}" if choice else url


def test_region_page_links_to_the_export_page(client, secretary, region):
    client.force_login(secretary)
    html = client.get(reverse("governance:region", kwargs={"region": region.slug})).content
    assert _page(region).encode() in html


def test_secretary_downloads_the_canonical_json(client, secretary, region):
    MembershipFactory(body=BodyFactory(region=region, name="Stamtafel"))
    client.force_login(secretary)
    response = client.get(_download(region))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert 'attachment; filename="regio-test-' in response["Content-Disposition"]
    assert response.content.decode() == exchange.dump_region_json(region)
    assert client.get(_download(region, "structuur")).content == response.content


def test_the_secretary_is_offered_both_choices_and_gets_everything(client, secretary):
    region = build_rich_region()
    add_rich_use(region)
    RoleAssignment.objects.create(user=secretary, role="secretary", region=region)
    client.force_login(secretary)

    page = client.get(_page(region))

    assert page.status_code == 200
    html = page.content.decode()
    assert 'value="structuur"' in html and 'value="alles"' in html
    assert "Alles: structuur, werkagenda, vergaderingen en checklist" in html
    assert "Vergaderstukken" in html
    response = client.get(_download(region, "alles"))
    assert response.status_code == 200
    assert "-alles-" in response["Content-Disposition"]
    assert response.content.decode() == exchange.dump_region_json(region, ALL_PARTS)


@pytest.mark.parametrize("persona", ["vng_advisor", "staff_user"])
def test_national_readers_get_the_structure_never_the_meetings(client, persona, request):
    """Agendas, attendance remarks and minutes are for the people of the region
    (``governance.view_minutes``): VNG and the beheerder, who may not open those pages, are
    offered the structure, or everything they may read — without the meetings."""
    region = build_rich_region()
    add_rich_use(region)
    user = request.getfixturevalue(persona)
    client.force_login(user)

    page = client.get(_page(region))

    assert page.status_code == 200
    html = page.content.decode()
    assert 'value="structuur"' in html and 'value="alles"' in html
    assert "Alles wat u mag inzien: structuur, werkagenda en checklist" in html
    everything = client.get(_download(region, "alles"))
    assert everything.status_code == 200
    data = json.loads(everything.content)
    assert "meetings" not in data and data["parts"] == ["structuur", "werkagenda", "checklist"]
    assert data["actions"]
    response = client.get(_download(region, "structuur"))
    assert response.status_code == 200
    data = json.loads(response.content)
    assert "meetings" not in data and data["parts"] == ["structuur"]
    assert exchange.readable_parts(user, region) == ["structuur", "werkagenda", "checklist"]


def test_an_unknown_choice_is_refused(client, secretary, region):
    client.force_login(secretary)
    response = client.get(_download(region, "geheimen"))
    assert response.status_code == 400
    assert "Onbekende keuze" in response.content.decode()


def test_a_part_the_user_may_not_read_is_neither_offered_nor_downloaded(
    client, secretary, vng_advisor, region
):
    """A section readable only by the region's secretary: the national reader who may export
    the region is never offered its part, and what they download leaves it out."""
    register_section(
        Section(
            name="geheim",
            part="checklist",
            schema=lambda: ({"type": "array"}, {}),
            export=lambda region, keys: [],
            validate=lambda data, refs: [],
            import_=lambda data, ctx: None,
            permission="governance.change_region",
        )
    )
    try:
        client.force_login(vng_advisor)
        html = client.get(_page(region)).content.decode()
        assert "Alles wat u mag inzien: structuur en werkagenda" in html
        everything = client.get(_download(region, "alles"))
        assert everything.status_code == 200
        assert json.loads(everything.content)["parts"] == ["structuur", "werkagenda"]
        assert client.get(_download(region, "structuur")).status_code == 200

        client.force_login(secretary)
        assert 'value="alles"' in client.get(_page(region)).content.decode()
        assert client.get(_download(region, "alles")).status_code == 200
    finally:
        unregister_section("geheim")


def _upload(client, data: bytes, **fields):
    return client.post(
        reverse("governance:region_import"),
        {"file": SimpleUploadedFile("regio.json", data, content_type="application/json"), **fields},
    )


def test_staff_uploads_a_region_under_a_new_slug(client, staff_user, region):
    BodyFactory(region=region, name="Stamtafel")
    client.force_login(staff_user)
    response = _upload(
        client, exchange.dump_region_json(region).encode(), slug="kopie", name="Kopie"
    )
    copy = Region.objects.get(slug="kopie")
    assert response.status_code == 302 and response["Location"] == copy.get_absolute_url()
    assert Body.objects.filter(region=copy, name="Stamtafel").exists()
    assert copy.history.first().history_user == staff_user


def test_staff_uploads_every_part_and_sees_what_was_created(client, staff_user):
    region = build_rich_region()
    add_rich_use(region)
    client.force_login(staff_user)

    response = _upload(client, exchange.dump_region_json(region, ALL_PARTS).encode(), slug="alles")

    copy = Region.objects.get(slug="alles")
    assert response.status_code == 302
    assert Action.objects.filter(region=copy).count() == 3
    assert Action.history.filter(region=copy).first().history_user == staff_user
    message = client.get(response["Location"]).content.decode()
    assert "versie 5: structuur, werkagenda, vergaderingen, checklist" in message
    for text in ("4 gremia", "3 knelpunten", "3 acties", "4 vergaderingen", "2 peilmomenten"):
        assert text in message


def test_staff_uploads_a_version_1_file(client, staff_user):
    client.force_login(staff_user)
    response = _upload(client, V1_FILE.read_bytes())
    assert response.status_code == 302
    message = client.get(response["Location"]).content.decode()
    assert "versie 1: structuur" in message and "4 gremia" in message


def test_bad_upload_lists_errors_with_paths_and_changes_nothing(client, staff_user, region):
    document = json.loads(exchange.dump_region_json(region))
    document["region"]["slug"] = region.slug  # taken
    document["bodies"] = [{"name": "x"}]  # schema error
    before = (Region.objects.count(), Body.objects.count())
    client.force_login(staff_user)
    response = _upload(client, json.dumps(document).encode())
    assert response.status_code == 400
    html = response.content.decode()
    assert "Fouten in het bestand" in html and "$.bodies[0]" in html
    assert (Region.objects.count(), Body.objects.count()) == before


def test_bad_parts_are_listed_like_every_other_error(client, staff_user, region):
    document = json.loads(exchange.dump_region_json(region))
    document["parts"] = ["structuur", "vergaderingen"]
    client.force_login(staff_user)
    response = _upload(client, json.dumps(document).encode(), slug="nieuw")
    assert response.status_code == 400
    html = response.content.decode()
    assert "$.parts[1]" in html and "alleen samen met" in html and "$.meetings" in html


def test_upload_larger_than_limit_is_refused(client, staff_user, settings):
    settings.REGION_IMPORT_MAX_BYTES = 100
    client.force_login(staff_user)
    response = _upload(client, b"{" + b" " * 200 + b"}")
    assert response.status_code == 400
    assert "groter dan" in response.content.decode()
