"""The notice "De agenda van … is gewijzigd": a change to an agenda that was already sent
(an item added, changed or removed, a stuk added or replaced) tells the members who may see
it — all but the one who made the change — once per burst of changes.

governance.services.agenda.record_change sends ``agenda_changed`` after the commit; the
receiver queues one mail per member that waits ``ZV_MAIL_CHANGE_DELAY_MINUTES``; while it
waits, further changes queue nothing; once it was sent, the next change queues a new one.
"""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from governance.constants import AgendaState, MeetingStatus
from governance.models import Document, Meeting
from governance.services import agenda as services
from governance.services.meetings import document_add, document_replace
from governance.services.minutes import minutes_offer
from notifications.constants import DeliveryMode, MailKind, MailStatus
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

CHANGED = MailKind.AGENDA_GEWIJZIGD


@pytest.fixture(autouse=True)
def _links(settings):
    settings.PORTAL_BASE_URL = BASE_URL
    settings.ZV_MAIL_CHANGE_DELAY_MINUTES = 10


def seat(region, body, username, role="lid", region_role="participant"):
    user = UserFactory(username=username, email=f"{username}@gemeente.example")
    if region_role:
        RoleFactory(user=user, role=region_role, region=region)
    MembershipFactory(body=body, role=role, person=PersonFactory(region=region, user=user))
    return user


@pytest.fixture
def world(region):
    body = BodyFactory(region=region, name="Stuurgroep Zorg en Veiligheid")
    meeting = MeetingFactory(body=body, agenda_state=AgendaState.DEFINITIEF)
    item = AgendaItemFactory(meeting=meeting, title="Begroting 2031")
    return {
        "body": body,
        "meeting": meeting,
        "item": item,
        "chair": seat(region, body, "voorzitter", role="voorzitter", region_role="bestuurder"),
        "member": seat(region, body, "lid"),
    }


def change_item(item, user, title):
    item.refresh_from_db()
    item.title = title
    return services.agenda_item_save(instance=item, seen_version=item.version, user=user)


def add_item(meeting, user, title="Nieuw punt"):
    item = AgendaItemFactory.build(meeting=meeting, title=title, order=9)
    return services.agenda_item_save(instance=item, seen_version=None, user=user)


def changed_mails(meeting):
    return SentMail.objects.filter(
        kind=CHANGED, object_key__startswith=f"meeting:{meeting.pk}:changed:"
    ).order_by("pk")


@pytest.mark.django_db
def test_a_change_before_publication_sends_nothing(
    world, secretary, django_capture_on_commit_callbacks
):
    meeting = world["meeting"]
    Meeting.objects.filter(pk=meeting.pk).update(agenda_state=AgendaState.CONCEPT)
    meeting.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        item = add_item(meeting, secretary)
        change_item(item, secretary, "Nieuw punt (anders)")
        document_add(
            agenda_item=item, title="Stuk", upload=DocumentFactory.build().file, user=secretary
        )
    assert not SentMail.objects.exists()


@pytest.mark.django_db
def test_a_burst_of_changes_gives_one_mail_each_and_not_to_the_one_who_made_them(
    world, secretary, django_capture_on_commit_callbacks
):
    meeting, chair = world["meeting"], world["chair"]
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        item = add_item(meeting, chair)  # the chair changes: the chair is not told
    with django_capture_on_commit_callbacks(execute=True):
        change_item(item, secretary, "Nieuw punt (herzien)")
    doc = DocumentFactory(agenda_item=world["item"], title="Concept begroting")
    doc = Document.objects.select_related("agenda_item__meeting").get(pk=doc.pk)
    with django_capture_on_commit_callbacks(execute=True):
        document_replace(
            document=doc,
            title=doc.title,
            upload=DocumentFactory.build().file,
            seen_version=doc.version,
            user=secretary,
        )
    with django_capture_on_commit_callbacks(execute=True):
        document_add(
            agenda_item=world["item"],
            title="Bijlage",
            upload=DocumentFactory.build().file,
            user=secretary,
        )
    item.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_item_remove(item=item, seen_version=item.version, user=secretary)
    assert meeting.agenda_changes.count() == 5

    mails = list(changed_mails(meeting))
    # The member once; the chair once (for the secretary's changes, not their own).
    assert sorted(m.address for m in mails) == [
        "lid@gemeente.example",
        "voorzitter@gemeente.example",
    ]
    for sent in mails:
        assert sent.object_key == f"meeting:{meeting.pk}:changed:1"
        assert sent.status == MailStatus.WACHTRIJ
        # It waits, so that the rest of the burst finds it still queued.
        assert sent.next_attempt_at >= before + timedelta(minutes=10)
        assert deliver_now(sent.pk) == "not-due"
    sent = mails[0]
    assert sent.subject == f"De agenda van {meeting} is gewijzigd"
    path = reverse("meeting_preparation", kwargs={"region": "test", "pk": meeting.pk})
    assert sent.url == BASE_URL + path


@pytest.mark.django_db
def test_after_the_notice_was_sent_a_later_change_sends_a_new_one(
    world, secretary, django_capture_on_commit_callbacks, mailoutbox
):
    meeting, member = world["meeting"], world["member"]
    with django_capture_on_commit_callbacks(execute=True):
        change_item(world["item"], secretary, "Begroting 2031 (1)")
    first = SentMail.objects.get(recipient=member, kind=CHANGED)
    SentMail.objects.filter(pk=first.pk).update(next_attempt_at=timezone.now())
    assert deliver_now(first.pk) == "sent"
    with django_capture_on_commit_callbacks(execute=True):
        change_item(world["item"], secretary, "Begroting 2031 (2)")
    with django_capture_on_commit_callbacks(execute=True):
        change_item(world["item"], secretary, "Begroting 2031 (3)")
    keys = list(changed_mails(meeting).filter(recipient=member).values_list("object_key", "status"))
    assert keys == [
        (f"meeting:{meeting.pk}:changed:1", MailStatus.VERZONDEN),
        (f"meeting:{meeting.pk}:changed:2", MailStatus.WACHTRIJ),
    ]


@pytest.mark.django_db
def test_a_change_that_is_rolled_back_sends_nothing(
    world, secretary, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            add_item(world["meeting"], secretary)
            raise RuntimeError("a later step of the same request fails")
    assert not world["meeting"].agenda_changes.exists()
    assert not SentMail.objects.exists()


@pytest.mark.django_db
def test_the_adoption_item_added_to_a_sent_agenda_is_a_change_too(
    world, secretary, django_capture_on_commit_callbacks
):
    """minutes_offer puts ‘Vaststellen verslag’ on the next meeting; when that agenda is
    out, the members hear that it changed."""
    # (the page marks such an item only for an agenda sent in the portal: published_at set)
    Meeting.objects.filter(pk=world["meeting"].pk).update(agenda_published_at=timezone.now())
    held = MeetingFactory(
        body=world["body"],
        starts_at=world["meeting"].starts_at - timedelta(days=30),
        status=MeetingStatus.GEHOUDEN,
    )
    with django_capture_on_commit_callbacks(execute=True):
        minutes_offer(meeting=held, user=secretary)
    assert set(changed_mails(world["meeting"]).values_list("address", flat=True)) == {
        "lid@gemeente.example",
        "voorzitter@gemeente.example",
    }


@pytest.mark.django_db
def test_a_stuk_added_once_the_meeting_has_begun_sends_nothing(
    world, secretary, django_capture_on_commit_callbacks
):
    meeting = world["meeting"]
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        document_add(
            agenda_item=world["item"],
            title="Presentatie",
            upload=DocumentFactory.build().file,
            user=secretary,
        )
    assert not changed_mails(meeting).exists()
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() + timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        change_item(world["item"], secretary, "Begroting 2031 (herzien)")
    assert changed_mails(meeting).count() == 2


@pytest.mark.django_db
def test_who_is_not_told(
    region, other_region, world, secretary, other_secretary, django_capture_on_commit_callbacks
):
    body = world["body"]
    no_right = seat(region, body, "zonderrecht", region_role=None)  # a seat, no role
    quiet = seat(region, body, "stil")
    NotificationPreference.objects.create(user=quiet, kind=CHANGED, mode=DeliveryMode.NIET)
    other_region_member = seat(other_region, BodyFactory(region=other_region), "elders")
    seat(region, BodyFactory(region=region), "anderorgaan")
    assert not no_right.has_perm("governance.view_agenda", world["meeting"])
    with django_capture_on_commit_callbacks(execute=True):
        change_item(world["item"], secretary, "Begroting 2031 (herzien)")
    assert set(changed_mails(world["meeting"]).values_list("address", flat=True)) == {
        "lid@gemeente.example",
        "voorzitter@gemeente.example",
    }
    assert not SentMail.objects.filter(
        recipient__in=[no_right, quiet, other_region_member, other_secretary, secretary]
    ).exists()


@pytest.mark.django_db(transaction=True)
def test_the_change_notice_reaches_the_smtp_server_after_the_delay(
    smtp_server, mail_settings, world, secretary, client
):
    inbox, port = smtp_server
    mail_settings.EMAIL_PORT = port
    mail_settings.ZV_MAIL_CHANGE_DELAY_MINUTES = 10
    meeting, item = world["meeting"], world["item"]
    client.force_login(secretary)
    path = reverse("governance:agendaitem_edit", kwargs={"region": "test", "obj": item.pk})
    for n in (1, 2, 3):  # three edits in a row
        item.refresh_from_db()
        response = client.post(
            path,
            {
                "title": f"Begroting 2031 ({n})",
                "kind": item.kind,
                "order": item.order,
                "description": "",
                "seen_version": item.version,
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    assert changed_mails(meeting).count() == 2  # the member and the chair, once each
    run_worker()
    assert inbox.messages == []  # not yet: the notice waits for the rest of the burst

    # Ten minutes later: the scheduler finds the mails due, the worker sends them.
    SentMail.objects.filter(kind=CHANGED).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )
    call_command("send_pending_mail", verbosity=0)
    run_worker()
    assert sorted(e.rcpt_tos[0] for e in inbox.envelopes) == [
        "lid@gemeente.example",
        "voorzitter@gemeente.example",
    ]
    message = inbox.messages[0]
    assert message["Subject"].strip() == f"De agenda van {meeting} is gewijzigd"
    assert message["List-Unsubscribe"] == f"<{BASE_URL}/meldingen/>"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    link = BASE_URL + reverse("meeting_preparation", kwargs={"region": "test", "pk": meeting.pk})
    for body in (text, html):
        assert link in body
        assert "gewijzigd nadat ze was verzonden" in body
        assert "Begroting 2031" not in body  # no items
    assert '<html lang="nl">' in html and html.count("<h1") == 1
    assert all(m.status == MailStatus.VERZONDEN for m in changed_mails(meeting))
