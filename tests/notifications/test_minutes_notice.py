"""The notice "Het verslag van … is vastgesteld": when the decision on ‘Vaststellen verslag’
adopts a meeting's minutes, those who were at that meeting hear of it — the members recorded
present and the substitutes who came; without a recorded attendance, the members of the body
on the meeting date. The mail links to the meeting page (its section ‘Verslag en
besluitenlijst’) and names no content of the minutes."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.constants import MeetingStatus
from governance.models import Minutes
from governance.services.attendance import Line, attendance_record
from governance.services.meetings import agenda_item_decide
from governance.services.minutes import minutes_offer
from notifications.constants import DeliveryMode, MailKind, MailStatus
from notifications.models import NotificationPreference, SentMail
from tests.factories import (
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    RoleFactory,
    UserFactory,
)
from tests.notifications.conftest import BASE_URL, run_worker

ADOPTED = MailKind.VERSLAG_VASTGESTELD


@pytest.fixture(autouse=True)
def _links(settings):
    settings.PORTAL_BASE_URL = BASE_URL


def account(region, username, region_role="bestuurder"):
    user = UserFactory(username=username, email=f"{username}@gemeente.example")
    if region_role:
        RoleFactory(user=user, role=region_role, region=region)
    return user


@pytest.fixture
def world(region):
    body = BodyFactory(region=region, name="Stamtafel")
    org = OrganisationFactory(region=region)
    held = MeetingFactory(
        body=body, starts_at=timezone.now() - timedelta(days=20), status=MeetingStatus.GEHOUDEN
    )
    following = MeetingFactory(body=body, starts_at=timezone.now() + timedelta(days=20))
    AgendaItemFactory(meeting=held, title="Geheim besluit", outcome="Vertrouwelijke uitkomst")
    seats = {}
    for name in ("aanwezig", "afwezig", "vervangen", "zonderrol"):
        user = account(region, name, region_role=None if name == "zonderrol" else "bestuurder")
        seats[name] = MembershipFactory(
            body=body, person=PersonFactory(region=region, organisation=org, user=user)
        )
    substitute_user = account(region, "vervanger", region_role="participant")
    substitute = PersonFactory(region=region, organisation=org, user=substitute_user)
    return {
        "body": body,
        "held": held,
        "following": following,
        "seats": seats,
        "substitute": substitute,
    }


def record_attendance(world, secretary):
    seats = world["seats"]
    lines = [
        Line(membership_id=seats["aanwezig"].pk, status="aanwezig"),
        Line(membership_id=seats["afwezig"].pk, status="afwezig_met_bericht"),
        Line(
            membership_id=seats["vervangen"].pk,
            status="vervangen",
            substitute_person=world["substitute"],
        ),
        Line(membership_id=seats["zonderrol"].pk, status="aanwezig"),
    ]
    attendance_record(
        meeting=world["held"],
        lines=lines,
        seen_versions={line.membership_id: None for line in lines},
        user=secretary,
    )


def adopt(world, secretary):
    _minutes, item = minutes_offer(meeting=world["held"], user=secretary)
    item.refresh_from_db()
    agenda_item_decide(
        item=item, outcome="Ongewijzigd vastgesteld.", seen_version=item.version, user=secretary
    )
    return Minutes.objects.get(meeting=world["held"])


def adopted_to(minutes) -> set[str]:
    return set(
        SentMail.objects.filter(
            kind=ADOPTED, object_key=f"minutes:{minutes.pk}:adopted"
        ).values_list("recipient__username", flat=True)
    )


@pytest.mark.django_db
def test_those_recorded_present_and_the_substitute_are_told(
    world, secretary, django_capture_on_commit_callbacks, client
):
    record_attendance(world, secretary)
    with django_capture_on_commit_callbacks(execute=True):
        minutes = adopt(world, secretary)
    # Not the absent member, not the replaced one, not the one without a role in the region
    # (who may not read the minutes), not the secretary.
    assert adopted_to(minutes) == {"aanwezig", "vervanger"}
    sent = SentMail.objects.get(kind=ADOPTED, recipient__username="aanwezig")
    held = world["held"]
    assert sent.subject == f"Het verslag van {held} is vastgesteld"
    assert sent.url == BASE_URL + held.get_absolute_url() + "#verslag-kop"
    for body in (sent.body_text, sent.body_html):
        assert "Stamtafel" in body and "versie 1" in body
        assert "Geheim besluit" not in body and "Vertrouwelijke uitkomst" not in body
        assert "Ongewijzigd vastgesteld" not in body
    client.force_login(sent.recipient)
    assert client.get(held.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_without_recorded_attendance_the_members_on_the_meeting_date_are_told(
    world, secretary, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(
        user=world["seats"]["afwezig"].person.user, kind=ADOPTED, mode=DeliveryMode.NIET
    )
    with django_capture_on_commit_callbacks(execute=True):
        minutes = adopt(world, secretary)
    assert adopted_to(minutes) == {"aanwezig", "vervangen"}  # 'afwezig' chose niet


@pytest.mark.django_db
def test_offering_the_minutes_tells_nobody_and_a_region_outsider_never(
    world, secretary, other_region, django_capture_on_commit_callbacks
):
    # A member of the body with a role in another region only: cannot read these minutes.
    outsider = account(other_region, "elders")
    MembershipFactory(
        body=world["body"], person=PersonFactory(region=world["body"].region, user=outsider)
    )
    with django_capture_on_commit_callbacks(execute=True):
        minutes_offer(meeting=world["held"], user=secretary)
    assert not SentMail.objects.filter(kind=ADOPTED).exists()
    with django_capture_on_commit_callbacks(execute=True):
        item = world["following"].items.get()
        agenda_item_decide(
            item=item, outcome="Vastgesteld.", seen_version=item.version, user=secretary
        )
    assert SentMail.objects.filter(kind=ADOPTED).exists()
    assert not SentMail.objects.filter(recipient=outsider).exists()


@pytest.mark.django_db(transaction=True)
def test_the_minutes_notice_reaches_the_smtp_server(smtp_server, mail_settings, world, secretary):
    inbox, port = smtp_server
    mail_settings.EMAIL_PORT = port
    record_attendance(world, secretary)
    minutes = adopt(world, secretary)
    run_worker()
    assert sorted(e.rcpt_tos[0] for e in inbox.envelopes) == [
        "aanwezig@gemeente.example",
        "vervanger@gemeente.example",
    ]
    message = inbox.messages[0]
    assert message["Subject"].strip() == f"Het verslag van {world['held']} is vastgesteld"
    html = message.get_body(("html",)).get_content()
    link = BASE_URL + reverse(
        "governance:meeting", kwargs={"region": "test", "pk": world["held"].pk}
    )
    assert link + "#verslag-kop" in html and link in message.get_body(("plain",)).get_content()
    assert '<html lang="nl">' in html and html.count("<h1") == 1
    assert message["List-Unsubscribe"] == f"<{BASE_URL}/meldingen/>"
    assert set(SentMail.objects.filter(kind=ADOPTED).values_list("status", flat=True)) == {
        MailStatus.VERZONDEN
    }
    # The signal once more queues nothing new.
    from notifications.receivers import on_minutes_adopted

    on_minutes_adopted(sender=Minutes, meeting_id=world["held"].pk, minutes_id=minutes.pk)
    assert SentMail.objects.filter(kind=ADOPTED).count() == 2
