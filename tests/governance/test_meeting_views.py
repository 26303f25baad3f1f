"""Meeting pages: plan and change a meeting, agenda items, the list with its filters, the
meeting page, and ids of another region."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.constants import BodyStatus, MeetingStatus
from governance.models import AgendaItem, Meeting
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    BodyFactory,
    DocumentFactory,
    KnelpuntFactory,
    MeetingFactory,
)

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")


def meeting_payload(**overrides):
    data = {
        "title": "",
        "starts_at": "2030-03-14T14:00",
        "ends_at": "2030-03-14T16:00",
        "location": "Gemeentehuis Apeldoorn",
        "status": "gepland",
        "note": "",
    }
    data.update(overrides)
    return data


def url(name, region, **kwargs):
    return reverse(f"governance:{name}", kwargs={"region": region.slug, **kwargs})


# Meetings


def test_secretary_plans_a_meeting(client, secretary, region):
    body = BodyFactory(region=region, name="Stamtafel")
    client.force_login(secretary)
    response = client.post(url("meeting_add", region, pk=body.pk), meeting_payload())
    meeting = Meeting.objects.get(body=body)
    assert response.status_code == 302
    assert response["Location"] == url("meeting", region, pk=meeting.pk)
    # The datetime-local value is local (Amsterdam) time.
    assert meeting.starts_at == datetime(2030, 3, 14, 14, 0, tzinfo=AMS)
    assert meeting.ends_at == datetime(2030, 3, 14, 16, 0, tzinfo=AMS)
    assert meeting.history.first().history_user == secretary
    page = client.get(response["Location"]).content.decode()
    assert "Stamtafel" in page and "donderdag 14 maart 2030, 14:00" in page
    assert "Gemeentehuis Apeldoorn" in page and "badge--gepland" in page


def test_meeting_form_uses_datetime_local_inputs_in_local_time(client, secretary, region):
    meeting = MeetingFactory(
        body=BodyFactory(region=region), starts_at=datetime(2030, 7, 1, 9, 30, tzinfo=AMS)
    )
    client.force_login(secretary)
    html = client.get(url("meeting_edit", region, pk=meeting.pk)).content.decode()
    assert 'type="datetime-local"' in html
    assert 'value="2030-07-01T09:30"' in html


def test_end_before_start_is_refused_next_to_the_end(client, secretary, region):
    body = BodyFactory(region=region)
    client.force_login(secretary)
    response = client.post(
        url("meeting_add", region, pk=body.pk),
        meeting_payload(starts_at="2030-03-14T14:00", ends_at="2030-03-14T13:00"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_ends_at-fout"' in html
    assert "Het einde moet na het begin liggen." in html
    assert not Meeting.objects.exists()


def test_bad_datetime_is_a_dutch_error(client, secretary, region):
    body = BodyFactory(region=region)
    client.force_login(secretary)
    response = client.post(
        url("meeting_add", region, pk=body.pk), meeting_payload(starts_at="morgen")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_starts_at-fout"' in html and "Voer een geldige datum/tijd in" in html
    assert not Meeting.objects.exists()


def test_meeting_after_the_body_was_dissolved_is_refused(client, secretary, region):
    body = BodyFactory(
        region=region,
        name="Oude tafel",
        status=BodyStatus.OPGEHEVEN,
        established_on=date(2020, 1, 1),
        dissolved_on=date(2025, 1, 1),
    )
    client.force_login(secretary)
    add = url("meeting_add", region, pk=body.pk)
    response = client.post(
        add, meeting_payload(starts_at="2025-02-03T10:00", ends_at="2025-02-03T12:00")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_starts_at-fout"' in html and "Oude tafel is opgeheven per 01-01-2025" in html
    assert not Meeting.objects.exists()
    # A meeting it held before the dissolution can still be recorded.
    response = client.post(
        add,
        meeting_payload(
            starts_at="2024-11-04T10:00", ends_at="2024-11-04T12:00", status="gehouden"
        ),
    )
    assert response.status_code == 302 and Meeting.objects.filter(body=body).count() == 1


def test_stale_meeting_edit_shows_what_changed(client, secretary, region):
    meeting = MeetingFactory(body=BodyFactory(region=region), location="Zutphen")
    client.force_login(secretary)
    edit = url("meeting_edit", region, pk=meeting.pk)
    first = client.post(edit, meeting_payload(location="Deventer", seen_version=1))
    assert first.status_code == 302
    second = client.post(edit, meeting_payload(location="Apeldoorn", seen_version=1))
    assert second.status_code == 400
    html = second.content.decode()
    assert "Niet opgeslagen" in html and "Zutphen" in html and "Deventer" in html
    meeting.refresh_from_db()
    assert meeting.location == "Deventer" and meeting.version == 2
    # The form now carries the current version: saving again is deliberate and works.
    assert 'name="seen_version" value="2"' in html
    third = client.post(edit, meeting_payload(location="Apeldoorn", seen_version=2))
    assert third.status_code == 302


def test_only_the_secretary_plans_meetings(client, bestuurder, participant, region):
    body = BodyFactory(region=region)
    for user in (bestuurder, participant):
        client.force_login(user)
        assert (
            client.post(url("meeting_add", region, pk=body.pk), meeting_payload()).status_code
            == 403
        )
    assert not Meeting.objects.exists()


# Agenda items


def item_payload(**overrides):
    data = {
        "order": "1",
        "title": "Voortgang werkagenda",
        "kind": "besluiten",
        "description": "",
        "action": "",
        "knelpunt": "",
    }
    data.update(overrides)
    return data


def test_secretary_adds_an_agenda_item_with_action_and_knelpunt(client, secretary, region):
    meeting = MeetingFactory(body=BodyFactory(region=region))
    AgendaItemFactory(meeting=meeting, order=3)
    action = ActionFactory(region=region, title="Zorgcoördinatie regelen")
    knelpunt = KnelpuntFactory(region=region, title="Wachtlijsten")
    client.force_login(secretary)
    form = client.get(url("agendaitem_add", region, pk=meeting.pk)).content.decode()
    assert 'name="order"' in form and 'value="4"' in form  # next free position
    response = client.post(
        url("agendaitem_add", region, pk=meeting.pk),
        item_payload(order="4", action=action.pk, knelpunt=knelpunt.pk),
    )
    item = AgendaItem.objects.get(meeting=meeting, title="Voortgang werkagenda")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#agendapunt-{item.pk}")
    assert item.action == action and item.knelpunt == knelpunt
    page = client.get(url("meeting", region, pk=meeting.pk)).content.decode()
    assert "Zorgcoördinatie regelen" in page and "Wachtlijsten" in page
    assert "Besluiten" in page


def test_agenda_item_with_another_regions_action_is_refused(
    client, secretary, region, other_region
):
    meeting = MeetingFactory(body=BodyFactory(region=region))
    foreign_action = ActionFactory(region=other_region)
    foreign_knelpunt = KnelpuntFactory(region=other_region)
    client.force_login(secretary)
    response = client.post(
        url("agendaitem_add", region, pk=meeting.pk), item_payload(action=foreign_action.pk)
    )
    assert response.status_code == 400
    assert 'id="id_action-fout"' in response.content.decode()
    assert not AgendaItem.objects.exists()

    item = AgendaItemFactory(meeting=meeting, title="Oud")
    response = client.post(
        url("agendaitem_edit", region, obj=item.pk),
        item_payload(title="Nieuw", knelpunt=foreign_knelpunt.pk, seen_version=item.version),
    )
    assert response.status_code == 400
    assert 'id="id_knelpunt-fout"' in response.content.decode()
    item.refresh_from_db()
    assert item.title == "Oud" and item.knelpunt is None


def test_secretary_edits_an_agenda_item(client, secretary, region):
    item = AgendaItemFactory(meeting=MeetingFactory(body=BodyFactory(region=region)), title="Oud")
    client.force_login(secretary)
    response = client.post(
        url("agendaitem_edit", region, obj=item.pk),
        item_payload(title="Nieuw", kind="informeren", seen_version=item.version),
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Nieuw" and item.kind == "informeren" and item.version == 2


# The list


def test_meeting_list_sections_and_filters(client, participant, region, other_region):
    now = timezone.now()
    stamtafel = BodyFactory(region=region, name="Stamtafel")
    dvo = BodyFactory(region=region, name="DVO Noord")
    soon = MeetingFactory(body=stamtafel, starts_at=now + timedelta(days=7), title="Komend A")
    AgendaItemFactory(meeting=soon)
    empty = MeetingFactory(body=dvo, starts_at=now + timedelta(days=20), title="Komend leeg")
    cancelled = MeetingFactory(
        body=dvo,
        starts_at=now + timedelta(days=30),
        title="Komend afgelast",
        status=MeetingStatus.GEANNULEERD,
    )
    held = MeetingFactory(
        body=stamtafel,
        starts_at=datetime(2024, 5, 1, 10, tzinfo=AMS),
        title="Geweest 2024",
        status=MeetingStatus.GEHOUDEN,
    )
    older = MeetingFactory(
        body=dvo,
        starts_at=datetime(2023, 5, 1, 10, tzinfo=AMS),
        title="Geweest 2023",
        status=MeetingStatus.GEHOUDEN,
    )
    MeetingFactory(body=BodyFactory(region=other_region), title="Vreemde vergadering")
    client.force_login(participant)
    list_url = url("meeting_list", region)

    def titles(response):
        html = response.content.decode()
        upcoming, _, past = html.partition('id="geweest"')
        return (
            [m.title for m in (soon, empty, cancelled, held, older) if m.title in upcoming],
            [m.title for m in (soon, empty, cancelled, held, older) if m.title in past],
            html,
        )

    upcoming, past, html = titles(client.get(list_url))
    assert upcoming == ["Komend A", "Komend leeg", "Komend afgelast"]
    assert past == ["Geweest 2024", "Geweest 2023"]
    assert html.index("Geweest 2024") < html.index("Geweest 2023")  # latest first
    assert "Vreemde vergadering" not in html
    # Only the upcoming meeting without items (and not cancelled) is flagged.
    assert html.count("geen agenda") == 1
    assert html.index("geen agenda") > html.index("Komend leeg")
    assert "badge--geannuleerd" in html and "Geannuleerd" in html
    # The participant does not plan meetings.
    assert "Vergadering plannen" not in html

    upcoming, past, _html = titles(client.get(list_url, {"body": dvo.pk}))
    assert upcoming == ["Komend leeg", "Komend afgelast"] and past == ["Geweest 2023"]
    upcoming, past, _html = titles(client.get(list_url, {"status": "gehouden"}))
    assert upcoming == [] and past == ["Geweest 2024", "Geweest 2023"]
    upcoming, past, _html = titles(client.get(list_url, {"year": "2024"}))
    assert upcoming == [] and past == ["Geweest 2024"]
    # A body of another region is not a valid choice: the filter is ignored, not applied.
    foreign = BodyFactory(region=other_region)
    upcoming, _past, html = titles(client.get(list_url, {"body": foreign.pk}))
    assert len(upcoming) == 3 and "Vreemde vergadering" not in html


def test_secretary_plans_from_the_list(client, secretary, bestuurder, region, other_region):
    body = BodyFactory(region=region, name="Stamtafel")
    client.force_login(secretary)
    html = client.get(url("meeting_list", region)).content.decode()
    assert "Vergadering plannen" in html and "Stamtafel" in html
    response = client.get(url("meeting_list", region), {"plan": body.pk})
    assert response.status_code == 302
    assert response["Location"] == url("meeting_add", region, pk=body.pk)
    # Another region's body, or no right to plan: just the list.
    foreign = BodyFactory(region=other_region)
    assert client.get(url("meeting_list", region), {"plan": foreign.pk}).status_code == 200
    client.force_login(bestuurder)
    assert client.get(url("meeting_list", region), {"plan": body.pk}).status_code == 200


# The meeting page


def test_meeting_page_shows_agenda_and_secretary_buttons(client, secretary, participant, region):
    meeting = MeetingFactory(body=BodyFactory(region=region))
    action = ActionFactory(region=region, title="Passende woonplek")
    item = AgendaItemFactory(
        meeting=meeting, title="Woonzorg", action=action, outcome="Akkoord met het plan."
    )
    ActionFactory(region=region, title="Uitwerken convenant", origin_agenda_item=item)
    DocumentFactory(agenda_item=item, title="Notitie woonzorg")
    client.force_login(secretary)
    html = client.get(url("meeting", region, pk=meeting.pk)).content.decode()
    for text in (
        "Woonzorg",
        "Passende woonplek",
        "Akkoord met het plan.",
        "Uitwerken convenant",
        "Notitie woonzorg",
        "Uitkomst vastleggen",
        "Stuk toevoegen",
        "Vervangen",
        url("agendaitem_edit", region, obj=item.pk),
        url("meeting_edit", region, pk=meeting.pk),
        url("agendaitem_add", region, pk=meeting.pk),
    ):
        assert text in html, text
    client.force_login(participant)
    html = client.get(url("meeting", region, pk=meeting.pk)).content.decode()
    assert "Notitie woonzorg" in html and "Uitkomst vastleggen" not in html
    assert url("agendaitem_add", region, pk=meeting.pk) not in html


def test_national_reader_sees_no_agenda_and_no_documents(client, vng_advisor, region):
    # Issue 18: VNG advisors never see agenda items or stukken (before: titles without links).
    meeting = MeetingFactory(body=BodyFactory(region=region))
    doc = DocumentFactory(
        agenda_item=AgendaItemFactory(meeting=meeting, title="Agendapunt X"), title="Begroting"
    )
    client.force_login(vng_advisor)
    html = client.get(url("meeting", region, pk=meeting.pk)).content.decode()
    assert "Begroting" not in html and "Agendapunt X" not in html
    assert url("document_download", region, obj=doc.pk) not in html
    assert "alleen te lezen voor mensen met een rol in" in html


def test_user_text_is_escaped_on_the_meeting_page(client, participant, region):
    meeting = MeetingFactory(body=BodyFactory(region=region), title="<b>vet</b>")
    AgendaItemFactory(meeting=meeting, title="<script>alert(1)</script>")
    client.force_login(participant)
    html = client.get(url("meeting", region, pk=meeting.pk)).content.decode()
    assert "<script>alert(1)</script>" not in html and "<b>vet</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# Another region's ids


def test_ids_of_another_region_are_not_found(client, secretary, region, other_region):
    other_body = BodyFactory(region=other_region)
    other_meeting = MeetingFactory(body=other_body)
    other_item = AgendaItemFactory(meeting=other_meeting)
    other_doc = DocumentFactory(agenda_item=other_item)
    client.force_login(secretary)
    for name, kwargs in [
        ("meeting_add", {"pk": other_body.pk}),
        ("meeting", {"pk": other_meeting.pk}),
        ("meeting_edit", {"pk": other_meeting.pk}),
        ("agendaitem_add", {"pk": other_meeting.pk}),
        ("agendaitem_edit", {"obj": other_item.pk}),
        ("agendaitem_decide", {"obj": other_item.pk}),
        ("document_add", {"obj": other_item.pk}),
        ("document_replace", {"obj": other_doc.pk}),
        ("document_download", {"obj": other_doc.pk}),
    ]:
        target = url(name, region, **kwargs)
        assert client.get(target).status_code == 404, name
        assert client.post(target, {}).status_code in (404, 405), name
    # And the other region's own URLs are not found for this secretary either.
    assert client.get(url("meeting", other_region, pk=other_meeting.pk)).status_code == 404
    assert client.get(url("meeting_list", other_region)).status_code == 404
