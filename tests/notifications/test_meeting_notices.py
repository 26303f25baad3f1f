"""The agenda's notices: "De agenda van … is verzonden" to the members of the body once the
agenda is definitief, and "Uw akkoord gevraagd" to the chair when the secretary offers it.

governance.services.agenda sends ``agenda_published`` / ``agenda_submitted`` after the commit;
the receivers of notifications queue the mails (``django_capture_on_commit_callbacks`` runs
the callbacks after the commit; the SMTP tests commit for real).
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse

from governance.constants import AgendaState
from governance.models import Meeting, Membership
from governance.services import agenda as services
from notifications.constants import DeliveryMode, MailKind, MailStatus, event_kinds
from notifications.delivery import deliver_now
from notifications.models import NotificationPreference, SentMail
from tests.factories import (
    AgendaItemFactory,
    BodyFactory,
    DocumentFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    RoleFactory,
    UserFactory,
)
from tests.notifications.conftest import BASE_URL, run_worker

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture(autouse=True)
def _links(settings):
    settings.PORTAL_BASE_URL = BASE_URL


def seat(region, body, username, role="lid", region_role="participant", email=True):
    user = UserFactory(username=username, email=f"{username}@gemeente.example" if email else "")
    if region_role:
        RoleFactory(user=user, role=region_role, region=region)
    MembershipFactory(body=body, role=role, person=PersonFactory(region=region, user=user))
    return user


@pytest.fixture
def world(region):
    body = BodyFactory(region=region, name="Stuurgroep Zorg en Veiligheid")
    meeting = MeetingFactory(
        body=body,
        agenda_state=AgendaState.CONCEPT,
        starts_at=datetime(2031, 3, 12, 14, 0, tzinfo=AMS),
        location="Stadhuis, zaal 3",
    )
    item = AgendaItemFactory(meeting=meeting, title="Begroting 2031")
    return {
        "body": body,
        "meeting": meeting,
        "item": item,
        "chair": seat(region, body, "voorzitter", role="voorzitter", region_role="bestuurder"),
        "member": seat(region, body, "lid"),
    }


def fresh(meeting) -> Meeting:
    return Meeting.objects.get(pk=meeting.pk)


def submit(meeting, secretary):
    return services.agenda_submit(meeting=meeting, seen_version=meeting.version, user=secretary)


def approve(meeting, chair):
    meeting = fresh(meeting)
    return services.agenda_approve(meeting=meeting, seen_version=meeting.version, user=chair)


def publish(meeting, secretary):
    meeting = fresh(meeting)
    return services.agenda_publish(
        meeting=meeting,
        reason="voorzitter akkoord per mail",
        seen_version=meeting.version,
        user=secretary,
    )


def published_to(meeting) -> set[str]:
    return set(
        SentMail.objects.filter(
            kind=MailKind.AGENDA_VERZONDEN, object_key=f"meeting:{meeting.pk}:published"
        ).values_list("address", flat=True)
    )


# Published -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_chairs_approval_mails_every_member_once(
    world, secretary, django_capture_on_commit_callbacks, client
):
    meeting = world["meeting"]
    with django_capture_on_commit_callbacks(execute=True):
        submit(meeting, secretary)
    with django_capture_on_commit_callbacks(execute=True):
        approve(meeting, world["chair"])
    assert published_to(meeting) == {"voorzitter@gemeente.example", "lid@gemeente.example"}
    sent = SentMail.objects.get(recipient=world["member"], kind=MailKind.AGENDA_VERZONDEN)
    assert sent.status == MailStatus.WACHTRIJ
    assert sent.subject == "De agenda van Stuurgroep Zorg en Veiligheid 12-03-2031 is verzonden"
    path = reverse("meeting_preparation", kwargs={"region": "test", "pk": meeting.pk})
    assert sent.url == BASE_URL + path
    client.force_login(world["member"])
    assert client.get(path).status_code == 200


@pytest.mark.django_db
def test_the_secretarys_direct_publication_mails_too_and_a_change_after_it_does_not(
    world, secretary, django_capture_on_commit_callbacks
):
    meeting = world["meeting"]
    with django_capture_on_commit_callbacks(execute=True):
        publish(meeting, secretary)
    assert published_to(meeting) == {"voorzitter@gemeente.example", "lid@gemeente.example"}
    # A change after publication, and a second attempt to publish, mail nobody again.
    item = world["item"]
    item.title = "Begroting 2031 (gewijzigd)"
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_item_save(instance=item, seen_version=item.version, user=secretary)
        with pytest.raises(Exception):  # noqa: B017, PT011 (the state refusal)
            publish(meeting, secretary)
    from notifications.receivers import on_agenda_published

    on_agenda_published(sender=Meeting, meeting_id=meeting.pk)  # the signal once more
    assert SentMail.objects.filter(kind=MailKind.AGENDA_VERZONDEN).count() == 2


@pytest.mark.django_db
def test_who_gets_nothing(
    region, other_region, world, secretary, django_capture_on_commit_callbacks
):
    body = world["body"]
    # a seat but no role in the region: may not see the agenda
    no_right = seat(region, body, "zonderrecht", region_role=None)
    # does not want this kind
    quiet = seat(region, body, "stil")
    NotificationPreference.objects.create(
        user=quiet, kind=MailKind.AGENDA_VERZONDEN, mode=DeliveryMode.NIET
    )
    # an account that is switched off
    gone = seat(region, body, "vertrokken")
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    # no e-mail address
    seat(region, body, "zonderadres", email=False)
    # a person without an account, and a seat that ended before the meeting
    MembershipFactory(body=body, role="lid", person=PersonFactory(region=region))
    old = seat(region, body, "oudlid")
    Membership.objects.filter(person__user=old).update(end=datetime(2030, 1, 1).date())
    # a member of another body
    seat(region, BodyFactory(region=region), "anderorgaan")
    assert not no_right.has_perm("governance.view_agenda", world["meeting"])

    with django_capture_on_commit_callbacks(execute=True):
        publish(world["meeting"], secretary)
    assert published_to(world["meeting"]) == {
        "voorzitter@gemeente.example",
        "lid@gemeente.example",
    }
    assert not SentMail.objects.filter(recipient__in=[no_right, quiet, gone]).exists()


@pytest.mark.django_db
def test_the_mail_names_the_meeting_facts_only(
    world, secretary, django_capture_on_commit_callbacks
):
    meeting = world["meeting"]
    item = world["item"]
    item.description = "Geheime toelichting bij de begroting"
    item.save()
    DocumentFactory(agenda_item=item, title="Vertrouwelijk stuk over de begroting")
    with django_capture_on_commit_callbacks(execute=True):
        publish(meeting, secretary)
    sent = SentMail.objects.get(recipient=world["member"])
    assert deliver_now(sent.pk) == "sent"
    message = mail.outbox[0]
    html = message.alternatives[0][0]
    for body in (message.body, html):
        assert "Stuurgroep Zorg en Veiligheid" in body
        assert "woensdag 12 maart 2031, 14:00" in body
        assert "Stadhuis, zaal 3" in body
        assert sent.url in body
        assert "Begroting 2031" not in body  # no agenda items at all
        assert "Geheime toelichting" not in body
        assert "Vertrouwelijk stuk" not in body


# Approval asked of the chair -------------------------------------------------------------------


@pytest.mark.django_db
def test_the_chair_is_asked_and_asked_again_after_a_return(
    world, secretary, django_capture_on_commit_callbacks
):
    meeting = world["meeting"]
    with django_capture_on_commit_callbacks(execute=True):
        submit(meeting, secretary)
    first = SentMail.objects.get(kind=MailKind.AKKOORD_GEVRAAGD)
    assert first.recipient == world["chair"]  # the chair only, not the members
    assert (
        first.subject == "Uw akkoord gevraagd: agenda van Stuurgroep Zorg en Veiligheid 12-03-2031"
    )
    assert first.url == BASE_URL + meeting.get_absolute_url()
    assert first.object_key.startswith(f"meeting:{meeting.pk}:submitted:")

    meeting = fresh(meeting)
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_return(
            meeting=meeting,
            remark="Punt 2 ontbreekt",
            seen_version=meeting.version,
            user=world["chair"],
        )
    assert SentMail.objects.filter(kind=MailKind.AKKOORD_GEVRAAGD).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        submit(fresh(meeting), secretary)
    asked = SentMail.objects.filter(kind=MailKind.AKKOORD_GEVRAAGD).order_by("pk")
    assert [m.recipient for m in asked] == [world["chair"], world["chair"]]
    assert asked[0].object_key != asked[1].object_key
    # Nobody else got anything: the agenda is not out yet.
    assert not SentMail.objects.exclude(recipient=world["chair"]).exists()


@pytest.mark.django_db
def test_a_chair_who_chose_niet_is_not_asked(world, secretary, django_capture_on_commit_callbacks):
    NotificationPreference.objects.create(
        user=world["chair"], kind=MailKind.AKKOORD_GEVRAAGD, mode=DeliveryMode.NIET
    )
    with django_capture_on_commit_callbacks(execute=True):
        submit(world["meeting"], secretary)
    assert not SentMail.objects.exists()


# Through the real request and the real SMTP server ---------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_request_queues_and_the_worker_sends(
    smtp_server, mail_settings, world, secretary, client
):
    inbox, port = smtp_server
    mail_settings.EMAIL_PORT = port
    meeting = world["meeting"]
    client.force_login(secretary)
    kwargs = {"region": "test", "pk": meeting.pk}
    response = client.post(
        reverse("governance:agenda_submit", kwargs=kwargs), {"seen_version": meeting.version}
    )
    assert response.status_code == 302
    assert inbox.messages == []  # nothing is sent inside the request
    run_worker()
    assert [e.rcpt_tos for e in inbox.envelopes] == [["voorzitter@gemeente.example"]]
    assert inbox.messages[0]["Subject"].strip().startswith("Uw akkoord gevraagd")

    client.force_login(world["chair"])
    response = client.post(
        reverse("governance:agenda_approve", kwargs=kwargs),
        {"seen_version": fresh(meeting).version},
    )
    assert response.status_code == 302
    assert len(inbox.messages) == 1
    run_worker()
    assert sorted(e.rcpt_tos[0] for e in inbox.envelopes[1:]) == [
        "lid@gemeente.example",
        "voorzitter@gemeente.example",
    ]
    run_worker()
    assert len(inbox.messages) == 3


# The Meldingen page ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_meldingen_page_offers_and_saves_the_new_kinds(client, bestuurder):
    client.force_login(bestuurder)
    html = client.get("/meldingen/").content.decode()
    assert "De agenda van een vergadering is verzonden" in html
    assert "Uw akkoord op een agenda wordt gevraagd" in html
    # The form has every kind (later kinds too); these two are switched off.
    chosen = {kind.value: DeliveryMode.DIRECT for kind in event_kinds()}
    chosen[MailKind.AGENDA_VERZONDEN] = chosen[MailKind.AKKOORD_GEVRAAGD] = DeliveryMode.NIET
    response = client.post("/meldingen/", chosen)
    assert response.status_code == 302
    stored = dict(
        NotificationPreference.objects.filter(user=bestuurder).values_list("kind", "mode")
    )
    assert stored == chosen
    assert stored[MailKind.TREKKER] == DeliveryMode.DIRECT
