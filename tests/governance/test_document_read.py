"""Reading a PDF vergaderstuk in the browser: served inline with the download's permission and
headers, audited as ``document_viewed``; other types are not served inline; framing stays
same-origin only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from tests.factories import (
    PDF_BYTES,
    AgendaItemFactory,
    BodyFactory,
    DocumentFactory,
    MeetingFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(region):
    return AgendaItemFactory(meeting=MeetingFactory(body=BodyFactory(region=region)))


def read_url(region, doc):
    return reverse("governance:document_read", kwargs={"region": region.slug, "obj": doc.pk})


def body_of(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_pdf_is_served_inline_for_the_browsers_viewer(client, participant, region, item):
    doc = DocumentFactory(agenda_item=item, title="Begroting 2027 / concept")
    client.force_login(participant)
    response = client.get(read_url(region, doc))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="begroting-2027-concept.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    # The browser's own viewer may frame it below the tab; other sites may not.
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in csp and "'none'" not in csp.split("frame-ancestors")[1]
    assert body_of(response) == PDF_BYTES
    event = AuditEvent.objects.get(kind="document_viewed")
    assert event.user == participant
    assert "Begroting 2027 / concept" in event.target
    assert event.region_pk == region.pk


def test_the_rest_of_the_site_still_forbids_framing(client, participant, region, item):
    doc = DocumentFactory(agenda_item=item)
    client.force_login(participant)
    response = client.get(
        reverse("governance:document_download", kwargs={"region": region.slug, "obj": doc.pk})
    )
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    body_of(response)
    page = client.get(
        reverse("governance:meeting", kwargs={"region": region.slug, "pk": item.meeting.pk})
    )
    assert page["X-Frame-Options"] == "DENY"


def test_other_types_are_not_served_inline(client, participant, region, item):
    doc = DocumentFactory(
        agenda_item=item,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    client.force_login(participant)
    response = client.get(read_url(region, doc))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(kind="document_viewed").exists()


def test_who_may_read_in_the_browser(
    client,
    secretary,
    bestuurder,
    participant,
    vng_advisor,
    staff_user,
    other_secretary,
    region,
    item,
):
    doc = DocumentFactory(agenda_item=item)
    target = read_url(region, doc)
    expected = [
        (secretary, 200),
        (bestuurder, 200),
        (participant, 200),
        (vng_advisor, 403),
        (staff_user, 403),
        (other_secretary, 404),
    ]
    for user, status in expected:
        client.force_login(user)
        response = client.get(target)
        assert response.status_code == status, user
        if status == 200:
            body_of(response)
    # Before the agenda is definitief: the secretary only (the chair is tested with the rules).
    item.meeting.agenda_state = "ter_vaststelling"
    item.meeting.save()
    for user, status in [
        (secretary, 200),
        (bestuurder, 403),
        (participant, 403),
        (vng_advisor, 403),
    ]:
        client.force_login(user)
        response = client.get(target)
        assert response.status_code == status, user
        if status == 200:
            body_of(response)


def test_a_missing_file_is_not_found(client, participant, region, item):
    doc = DocumentFactory(agenda_item=item)
    doc.file.storage.delete(doc.file.name)
    client.force_login(participant)
    assert client.get(read_url(region, doc)).status_code == 404


def test_the_link_is_offered_next_to_pdf_stukken_only(client, participant, region, item):
    pdf = DocumentFactory(agenda_item=item, title="Een pdf")
    docx = DocumentFactory(
        agenda_item=item,
        title="Een docx",
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    client.force_login(participant)
    for name in ("governance:meeting", "meeting_preparation"):
        page = client.get(
            reverse(name, kwargs={"region": region.slug, "pk": item.meeting.pk})
        ).content.decode()
        assert read_url(region, pdf) in page, name
        assert read_url(region, docx) not in page, name
        assert "Lezen in de browser" in page
