"""The secretary's register work through the UI: create, change, end; bad input; stale edits."""

from datetime import date

import pytest
from django.urls import reverse

from governance.constants import BodyStatus, RelationKind
from governance.models import Body, BodyRelation, Membership
from tests.factories import BodyFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


def body_payload(**overrides):
    data = {
        "name": "Stamtafel zorg en veiligheid",
        "short_name": "Stamtafel",
        "kind": "stamtafel",
        "level": "bestuurlijk",
        "decision_power": "afstemmend",
        "roles": ["signaleren"],
        "meeting_frequency_per_year": "4",
        "meeting_duration_hours": "2.5",
        "legal_basis_kind": "samenwerkingsovereenkomst",
        "legal_basis_reference": "SOK 2023",
        "status": "actief",
        "established_on": "2022-03-01",
        "description": "",
    }
    data.update(overrides)
    return data


def test_secretary_creates_a_body(client, secretary, region):
    client.force_login(secretary)
    response = client.post(
        reverse("governance:body_add", kwargs={"region": region.slug}), body_payload()
    )
    body = Body.objects.get(region=region)
    assert response.status_code == 302 and response["Location"] == body.get_absolute_url()
    assert body.roles == ["signaleren"] and body.version == 1
    assert body.history.first().history_user == secretary
    page = client.get(body.get_absolute_url())
    assert "Stamtafel zorg en veiligheid" in page.content.decode()


def test_bad_input_gives_dutch_errors_next_to_fields(client, secretary, region):
    client.force_login(secretary)
    response = client.post(
        reverse("governance:body_add", kwargs={"region": region.slug}),
        body_payload(name="", meeting_frequency_per_year="veel", established_on="31-02-2023"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Het formulier is niet opgeslagen" in html
    assert 'id="id_name-fout"' in html and "Dit veld is verplicht" in html
    assert 'aria-invalid="true"' in html
    assert not Body.objects.exists()


def test_user_text_is_escaped(client, secretary, region):
    client.force_login(secretary)
    body = BodyFactory(region=region, name="<script>alert(1)</script>")
    html = client.get(body.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_stale_form_is_refused_with_what_changed(client, secretary, region):
    body = BodyFactory(region=region, name="Oud", meeting_frequency_per_year=4)
    client.force_login(secretary)
    url = reverse("governance:body_edit", kwargs={"region": region.slug, "pk": body.pk})
    seen = body.version
    # Someone else saves first.
    first = client.post(
        url,
        body_payload(
            name="Oud", meeting_frequency_per_year="6", seen_version=seen, established_on=""
        ),
    )
    assert first.status_code == 302
    second = client.post(url, body_payload(name="Mijn naam", seen_version=seen, established_on=""))
    assert second.status_code == 400
    html = second.content.decode()
    assert "Niet opgeslagen" in html and "vergaderingen per jaar" in html
    body.refresh_from_db()
    assert body.name == "Oud" and body.meeting_frequency_per_year == 6
    # The refused form now carries the current version: saving again is a deliberate choice.
    assert f'name="seen_version" value="{seen + 1}"' in html


def test_add_member_and_end_membership(client, secretary, region):
    body = BodyFactory(region=region, established_on=date(2022, 1, 1))
    person = PersonFactory(region=region, name="Jan Jansen")
    client.force_login(secretary)
    add = reverse("governance:membership_add", kwargs={"region": region.slug, "pk": body.pk})
    response = client.post(
        add,
        {
            "person": person.pk,
            "role": "voorzitter",
            "start": "2022-02-01",
            "substitute_allowed": "on",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(body=body)
    end = reverse("governance:membership_end", kwargs={"region": region.slug, "obj": membership.pk})
    bad = client.post(end, {"end": "2021-01-01", "seen_version": membership.version})
    assert bad.status_code == 400 and "na de begindatum" in bad.content.decode()
    ok = client.post(end, {"end": "2024-01-01", "seen_version": membership.version})
    assert ok.status_code == 302
    membership.refresh_from_db()
    assert membership.end == date(2024, 1, 1)


def test_member_of_another_region_cannot_be_posted(client, secretary, region, other_region):
    body = BodyFactory(region=region)
    foreign = PersonFactory(region=other_region)
    client.force_login(secretary)
    add = reverse("governance:membership_add", kwargs={"region": region.slug, "pk": body.pk})
    response = client.post(add, {"person": foreign.pk, "role": "lid"})
    assert response.status_code == 400
    assert "geldige keuze" in response.content.decode()
    assert not Membership.objects.exists()


def test_end_body_with_merge_through_ui(client, secretary, region):
    old = BodyFactory(region=region, name="Stuurgroep ZVH", established_on=date(2015, 1, 1))
    new = BodyFactory(region=region, name="Stamtafel", established_on=date(2022, 1, 1))
    MembershipFactory(body=old, start=date(2016, 1, 1))
    client.force_login(secretary)
    url = reverse("governance:body_end", kwargs={"region": region.slug, "pk": old.pk})
    response = client.post(
        url,
        {
            "dissolved_on": "2023-12-06",
            "merged_into": new.pk,
            "seen_version": old.version,
            "note": "",
        },
    )
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.status == BodyStatus.OPGEHEVEN
    assert BodyRelation.objects.filter(
        source=old, target=new, kind=RelationKind.GAAT_OP_IN
    ).exists()
    html = client.get(old.get_absolute_url()).content.decode()
    assert "gaat op in" in html


def test_relation_to_itself_is_refused_in_the_form(client, secretary, region):
    body = BodyFactory(region=region)
    client.force_login(secretary)
    url = reverse("governance:relation_add", kwargs={"region": region.slug, "pk": body.pk})
    response = client.post(url, {"kind": "adviseert", "target": body.pk})
    assert response.status_code == 400
    assert "relatie met zichzelf" in response.content.decode()


def test_body_list_filters_and_search(client, bestuurder, region):
    BodyFactory(region=region, name="Stamtafel", level="bestuurlijk")
    BodyFactory(region=region, name="Regiegroep gedwongen zorg", level="tactisch")
    client.force_login(bestuurder)
    url = reverse("governance:body_list", kwargs={"region": region.slug})
    html = client.get(url, {"level": "tactisch"}).content.decode()
    assert "Regiegroep gedwongen zorg</a>" in html and ">Stamtafel</a>" not in html
    html = client.get(url, {"q": "stam"}).content.decode()
    assert ">Stamtafel</a>" in html and "Regiegroep gedwongen zorg</a>" not in html
    # An invalid filter value is ignored with the form showing it, not a crash.
    assert client.get(url, {"level": "onzin"}).status_code == 200


def test_bestuurder_sees_no_edit_buttons(client, bestuurder, region):
    body = BodyFactory(region=region)
    client.force_login(bestuurder)
    html = client.get(body.get_absolute_url()).content.decode()
    assert "Lid toevoegen" not in html and "Opheffen" not in html


def test_history_shows_who_changed_which_field(client, secretary, region):
    body = BodyFactory(region=region, name="Oud")
    client.force_login(secretary)
    url = reverse("governance:body_edit", kwargs={"region": region.slug, "pk": body.pk})
    client.post(url, body_payload(name="Nieuw", seen_version=body.version, established_on=""))
    html = client.get(
        reverse("governance:body_history", kwargs={"region": region.slug, "pk": body.pk})
    ).content.decode()
    assert "gewijzigd" in html and "‘Oud’ → ‘Nieuw’" in html


def test_organisation_and_person_lists_filter(client, participant, region):
    from governance.models import RegionPartner
    from tests.factories import OrganisationFactory

    ggz = OrganisationFactory(region=region, name="GGZ Oost", domain="zorg")
    OrganisationFactory(region=region, name="Politie Oost", domain="veiligheid")
    RegionPartner.objects.create(region=region, organisation=ggz)
    PersonFactory(region=region, name="Anna Burgemeester", office="burgemeester")
    PersonFactory(region=region, name="Bert Adviseur", office="ambtelijk")
    client.force_login(participant)
    orgs = reverse("governance:organisation_list", kwargs={"region": region.slug})
    html = client.get(orgs, {"domain": "veiligheid"}).content.decode()
    assert "Politie Oost" in html and "GGZ Oost" not in html
    html = client.get(orgs, {"partner": "ja"}).content.decode()
    assert "GGZ Oost" in html and "Politie Oost" not in html
    persons = reverse("governance:person_list", kwargs={"region": region.slug})
    html = client.get(persons, {"office": "burgemeester"}).content.decode()
    assert "Anna Burgemeester" in html and "Bert Adviseur" not in html


def test_check_link_presets_the_relation_kind(client, secretary, region):
    body = BodyFactory(region=region, decision_power="adviserend")
    client.force_login(secretary)
    checks = client.get(reverse("governance:checks", kwargs={"region": region.slug}))
    link = reverse("governance:relation_add", kwargs={"region": region.slug, "pk": body.pk})
    assert f"{link}?kind=adviseert" in checks.content.decode()
    form = client.get(f"{link}?kind=adviseert").content.decode()
    assert '<option value="adviseert" selected>' in form


def test_secretary_adds_and_removes_a_partner(client, secretary, region, other_region):
    from governance.models import RegionPartner
    from tests.factories import OrganisationFactory

    own = OrganisationFactory(region=region, name="Veilig Thuis")
    foreign = OrganisationFactory(region=other_region)
    client.force_login(secretary)
    url = reverse("governance:region_partners", kwargs={"region": region.slug})
    refused = client.post(url, {"organisation": foreign.pk})
    assert refused.status_code == 400 and "geldige keuze" in refused.content.decode()
    assert client.post(url, {"organisation": own.pk}).status_code == 302
    partner = RegionPartner.objects.get(region=region)
    assert client.post(url, {"remove": partner.pk}).status_code == 302
    assert not RegionPartner.objects.exists()


def test_region_list_counts_active_bodies_and_municipalities(client, vng_advisor, region):
    from tests.factories import MunicipalityFactory

    BodyFactory.create_batch(3, region=region)
    BodyFactory(region=region, status="voorgesteld")
    MunicipalityFactory.create_batch(2, region=region)
    client.force_login(vng_advisor)
    response = client.get(reverse("governance:region_list"))
    row = next(r for r in response.context["regions"] if r.pk == region.pk)
    assert (row.active_bodies, row.municipality_count) == (3, 2)


def test_person_is_linked_only_to_an_account_of_the_region(
    client, secretary, participant, other_secretary, region
):
    """The account field offers the region's accounts only; another region's account id is an
    invalid choice, and one account links to one person per region."""
    client.force_login(secretary)
    url = reverse("governance:person_add", kwargs={"region": region.slug})
    html = client.get(url).content.decode()
    assert participant.username in html and other_secretary.username not in html

    data = {"name": "Anna Adviseur", "function": "", "office": "ambtelijk", "email": ""}
    response = client.post(url, {**data, "user": other_secretary.pk})
    assert response.status_code == 400
    assert not region.persons.filter(name="Anna Adviseur").exists()

    assert client.post(url, {**data, "user": participant.pk}).status_code == 302
    assert region.persons.get(name="Anna Adviseur").user == participant

    response = client.post(url, {**data, "name": "Tweede Anna", "user": participant.pk})
    assert response.status_code == 400
    assert "al aan een andere persoon gekoppeld" in response.content.decode()
