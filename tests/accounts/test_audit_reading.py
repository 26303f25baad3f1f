"""Opening and downloading protected information writes an audit line."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import AuditEvent
from tests.factories import (
    AgendaItemFactory,
    BodyFactory,
    CaseReflectionFactory,
    DocumentFactory,
    MeetingFactory,
    SubRegionFactory,
)


@pytest.fixture
def signed_in(secretary):
    client = Client()
    client.force_login(secretary)
    return client


@pytest.mark.django_db
def test_downloading_a_vergaderstuk_is_logged(region, secretary, signed_in):
    meeting = MeetingFactory(body=BodyFactory(region=region, name="Stuurgroep Z+V"))
    document = DocumentFactory(
        agenda_item=AgendaItemFactory(meeting=meeting), title="Begroting 2027"
    )
    url = reverse(
        "governance:document_download", kwargs={"region": region.slug, "obj": document.pk}
    )
    response = signed_in.get(url)
    assert response.status_code == 200
    b"".join(response.streaming_content)
    event = AuditEvent.objects.get(kind="document_downloaded")
    assert event.user == secretary
    assert event.target == f"‘Begroting 2027’, {meeting}"
    assert event.region_pk == region.pk


@pytest.mark.django_db
def test_a_refused_download_is_not_logged_as_downloaded(region, other_secretary):
    document = DocumentFactory(
        agenda_item=AgendaItemFactory(meeting=MeetingFactory(body=BodyFactory(region=region)))
    )
    client = Client()
    client.force_login(other_secretary)
    url = reverse(
        "governance:document_download", kwargs={"region": region.slug, "obj": document.pk}
    )
    assert client.get(url).status_code == 404
    assert not AuditEvent.objects.filter(kind="document_downloaded").exists()


@pytest.mark.django_db
def test_reflection_csv_and_history_are_logged(region, secretary, signed_in):
    reflection = CaseReflectionFactory(region=region, sub_region=SubRegionFactory(region=region))
    csv = signed_in.get(reverse("casereflection:reflection_csv", kwargs={"region": region.slug}))
    assert csv.status_code == 200
    downloaded = AuditEvent.objects.get(kind="reflection_downloaded")
    assert downloaded.user == secretary and "Testregio" in downloaded.target
    history = reverse(
        "casereflection:reflection_history", kwargs={"region": region.slug, "pk": reflection.pk}
    )
    assert signed_in.get(history).status_code == 200
    opened = AuditEvent.objects.get(kind="reflection_opened")
    assert opened.target == f"Casusreflectie {reflection.pk} (Testregio)"
    assert opened.detail == "geschiedenis"
    assert reflection.title not in opened.target


@pytest.mark.django_db
def test_bespreekvoorstel_page_is_logged_as_opened(region, secretary, signed_in):
    reflection = CaseReflectionFactory(
        region=region, sub_region=SubRegionFactory(region=region), proposal="Voorstel."
    )
    url = reverse("reports:bespreekvoorstel", kwargs={"region": region.slug, "pk": reflection.pk})
    assert signed_in.get(url).status_code == 200
    event = AuditEvent.objects.get(kind="reflection_opened")
    assert event.detail == "bespreekvoorstel"
    assert event.target == f"Casusreflectie {reflection.pk} (Testregio)"
