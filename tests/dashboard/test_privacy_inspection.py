"""Inzage (AVG art. 15): the beheerder sees everything, the secretary their region's part."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from core.history import acting_as
from governance.models import Membership, Person
from notifications.models import SentMail
from tests.factories import BodyFactory, RegionFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(region):
    other = RegionFactory(name="Elders")
    user = UserFactory(
        username="kbos", email="k.bos@example.nl", first_name="Klaas", last_name="Bos"
    )
    RoleFactory(user=user, region=region, role="bestuurder")
    RoleFactory(user=user, region=other, role="bestuurder")
    with acting_as(user):
        mine = Person.objects.create(region=region, name="Klaas Bos", email=user.email, user=user)
    Person.objects.create(region=other, name="K. Bos", email=user.email)
    Membership.objects.create(body=BodyFactory(region=region, name="Stuurgroep"), person=mine)
    Membership.objects.create(body=BodyFactory(region=other, name="Geheim overleg"), person=None)
    SentMail.objects.create(
        recipient=user, address=user.email, kind="trekker", object_key="a:1", subject="Onderwerp X"
    )
    return mine


def test_beheerder_gets_everything_as_page_json_and_pdf(client, staff_user, person):
    client.force_login(staff_user)
    url = reverse("privacy_person", kwargs={"pk": person.pk})
    html = client.get(url).content.decode()
    for text in ("Klaas Bos", "K. Bos", "Elders", "Stuurgroep", "Onderwerp X", "kbos"):
        assert text in html
    data = json.loads(client.get(url + "?formaat=json").content)
    keys = {s["sleutel"] for s in data["secties"]}
    assert {"persons", "account", "roles", "memberships", "history", "audit", "sent_mails"} <= keys
    pdf = client.get(url + "?formaat=pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert client.get(url + "?formaat=xml").status_code == 400


def test_secretary_sees_only_their_region(client, secretary, person, other_secretary):
    client.force_login(secretary)
    url = reverse("privacy_person", kwargs={"pk": person.pk})
    html = client.get(url).content.decode()
    assert "Klaas Bos" in html and "Stuurgroep" in html
    for text in ("K. Bos", "Elders", "Onderwerp X"):
        assert text not in html
    client.force_login(other_secretary)
    assert client.get(url).status_code == 404


def test_search_and_query_count(client, staff_user, person, django_assert_max_num_queries):
    client.force_login(staff_user)
    html = client.get(reverse("privacy") + "?q=bos").content.decode()
    assert "Klaas Bos" in html and "kbos" in html
    assert client.get(reverse("privacy") + "?q=a%00b").status_code == 400
    assert client.get(reverse("privacy") + "?q=" + "x" * 200).status_code == 400
    with django_assert_max_num_queries(80):
        client.get(reverse("privacy_person", kwargs={"pk": person.pk}))


def test_the_number_of_queries_does_not_grow_with_the_data(client, staff_user, person):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core import roles
    from tests.factories import ActionFactory

    client.force_login(staff_user)
    url = reverse("privacy_person", kwargs={"pk": person.pk})

    def count() -> int:
        roles.forget_kept()  # each count starts cold, as tests/conftest.py's query counts do
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for n in range(4):
        membership = Membership.objects.create(
            body=BodyFactory(region=person.region, name=f"Gremium {n}"), person=person
        )
        ActionFactory(region=person.region, owner=person, trekker=membership)
        SentMail.objects.create(
            recipient=person.user, address="k.bos@example.nl", kind="trekker", object_key=f"b:{n}"
        )
    assert count() == before


@pytest.mark.parametrize("name", ["privacy_person", "privacy_account", "privacy_person_erase"])
def test_ids_beyond_any_column_are_404(client, staff_user, name):
    client.force_login(staff_user)
    assert client.get(reverse(name, kwargs={"pk": 2**70})).status_code == 404
    assert client.get(reverse(name, kwargs={"pk": 2**63})).status_code == 404
