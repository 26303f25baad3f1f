"""The secretary's notices: "… heeft zich afgemeld voor …" when a member announces absence,
and "Voorstel voor de checklist" when a participant proposes an assessment. To the region's
secretaries who may open the page the mail links to (the attendance sheet, the decision on
the proposal); never the member's remark, never the proposal's evidence text."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from checklist.constants import Status
from checklist.models import AssessmentProposal, Framework
from checklist.services.assessments import proposal_create
from governance.services.attendance import absence_announce, absence_withdraw
from notifications.constants import DeliveryMode, MailKind, MailStatus
from notifications.models import NotificationPreference, SentMail
from tests.factories import (
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    RoleFactory,
    UserFactory,
)
from tests.notifications.conftest import BASE_URL, run_worker

ABSENCE = MailKind.AFMELDING
PROPOSAL = MailKind.VOORSTEL_BEOORDELING
REMARK = "Ziekenhuisopname, niet doorvertellen"
EVIDENCE = "Onderbouwing met interne details uit het dossier"


@pytest.fixture(autouse=True)
def _links(settings):
    settings.PORTAL_BASE_URL = BASE_URL


@pytest.fixture
def secretaries(region, other_region, secretary, other_secretary):
    """Two secretaries of the region (one chose 'niet'), one of another region, all with an
    address."""
    second = UserFactory(username="secretaris2", email="secretaris2@regio.example")
    RoleFactory(user=second, role="secretary", region=region)
    quiet = UserFactory(username="stillesecretaris", email="stil@regio.example")
    RoleFactory(user=quiet, role="secretary", region=region)
    for kind in (ABSENCE, PROPOSAL):
        NotificationPreference.objects.create(user=quiet, kind=kind, mode=DeliveryMode.NIET)
    secretary.email = "secretaris@regio.example"
    secretary.save(update_fields=["email"])
    other_secretary.email = "secretaris@andere.example"
    other_secretary.save(update_fields=["email"])
    return {"main": secretary, "second": second, "quiet": quiet, "other": other_secretary}


@pytest.fixture
def upcoming(region):
    body = BodyFactory(region=region, name="Stuurgroep Zorg en Veiligheid")
    org = OrganisationFactory(region=region)
    user = UserFactory(username="lid", email="lid@gemeente.example")
    RoleFactory(user=user, role="bestuurder", region=region)
    seat = MembershipFactory(
        body=body,
        person=PersonFactory(region=region, organisation=org, user=user, name="Anna de Vries"),
    )
    colleague = PersonFactory(region=region, organisation=org, name="Bram Collega")
    meeting = MeetingFactory(body=body, starts_at=timezone.now() + timedelta(days=3))
    return {"meeting": meeting, "seat": seat, "user": user, "colleague": colleague}


def announce(w, **kwargs):
    return absence_announce(meeting=w["meeting"], membership=w["seat"], user=w["user"], **kwargs)


def addresses(kind) -> set[str]:
    return set(SentMail.objects.filter(kind=kind).values_list("address", flat=True))


# Absence announced ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_absence_tells_the_regions_secretaries_without_the_remark(
    upcoming, secretaries, django_capture_on_commit_callbacks, client
):
    with django_capture_on_commit_callbacks(execute=True):
        line = announce(upcoming, remark=REMARK)
    assert addresses(ABSENCE) == {"secretaris@regio.example", "secretaris2@regio.example"}
    sent = SentMail.objects.get(kind=ABSENCE, recipient=secretaries["main"])
    meeting = upcoming["meeting"]
    assert sent.subject == f"Anna de Vries heeft zich afgemeld voor {meeting}"
    assert sent.object_key == f"meeting:{meeting.pk}:absence:{line.pk}"
    path = reverse("governance:attendance", kwargs={"region": "test", "pk": meeting.pk})
    assert sent.url == BASE_URL + path
    for body in (sent.body_text, sent.body_html):
        assert "Anna de Vries" in body and "Stuurgroep Zorg en Veiligheid" in body
        assert REMARK not in body and "Ziekenhuis" not in body
    client.force_login(secretaries["main"])
    assert client.get(path).status_code == 200


@pytest.mark.django_db
def test_announcing_again_is_no_new_notice_but_after_a_withdrawal_it_is(
    upcoming, secretaries, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        announce(upcoming)
    with django_capture_on_commit_callbacks(execute=True):
        announce(upcoming, substitute=upcoming["colleague"])  # changes the announcement
    assert SentMail.objects.filter(kind=ABSENCE, recipient=secretaries["main"]).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        absence_withdraw(
            meeting=upcoming["meeting"], membership=upcoming["seat"], user=upcoming["user"]
        )
    assert SentMail.objects.filter(kind=ABSENCE, recipient=secretaries["main"]).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        announce(upcoming, substitute=upcoming["colleague"])
    mails = SentMail.objects.filter(kind=ABSENCE, recipient=secretaries["main"]).order_by("pk")
    assert len(mails) == 2 and mails[0].object_key != mails[1].object_key
    assert "vervangen door Bram Collega" in mails[1].body_text


@pytest.mark.django_db(transaction=True)
def test_the_absence_notice_reaches_the_smtp_server(
    smtp_server, mail_settings, upcoming, secretaries, client
):
    inbox, port = smtp_server
    mail_settings.EMAIL_PORT = port
    meeting = upcoming["meeting"]
    client.force_login(upcoming["user"])
    response = client.post(
        reverse("governance:absence_announce", kwargs={"region": "test", "pk": meeting.pk}),
        {"membership": upcoming["seat"].pk, "remark": REMARK},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert inbox.messages == []
    run_worker()
    assert sorted(e.rcpt_tos[0] for e in inbox.envelopes) == [
        "secretaris2@regio.example",
        "secretaris@regio.example",
    ]
    message = inbox.messages[0]
    assert message["Subject"].strip() == f"Anna de Vries heeft zich afgemeld voor {meeting}"
    link = BASE_URL + reverse("governance:attendance", kwargs={"region": "test", "pk": meeting.pk})
    for part in ("plain", "html"):
        body = message.get_body((part,)).get_content()
        assert link in body and REMARK not in body
    assert message["List-Unsubscribe"] == f"<{BASE_URL}/meldingen/>"


# Assessment proposed ---------------------------------------------------------------------------


def ensure_framework() -> None:
    """Transactional tests start from a flushed database: load the framework of the data
    migration again when an earlier test emptied it (as tests/e2e/test_checklist.py does)."""
    from importlib import import_module

    from django.apps import apps

    if Framework.current() is None:
        migration = import_module("checklist.migrations.0002_framework_2020")
        migration.create_framework(apps, None)


def propose(region, user, **overrides):
    kwargs = {
        "region": region,
        "item": Framework.current().items.get(code="I1"),
        "municipality": None,
        "status": Status.GEREALISEERD,
        "evidence": EVIDENCE,
        "user": user,
    }
    kwargs.update(overrides)
    return proposal_create(**kwargs)


@pytest.mark.django_db
def test_a_proposal_tells_the_regions_secretaries_without_the_evidence(
    region, participant, secretaries, django_capture_on_commit_callbacks, client
):
    participant.first_name, participant.last_name = "Dirk", "Deelnemer"
    participant.save()
    with django_capture_on_commit_callbacks(execute=True):
        proposal = propose(region, participant)
    assert addresses(PROPOSAL) == {"secretaris@regio.example", "secretaris2@regio.example"}
    sent = SentMail.objects.get(kind=PROPOSAL, recipient=secretaries["main"])
    item = proposal.item
    assert sent.subject == f"Voorstel voor de checklist: {item.code} ‘{item.title}’"
    assert sent.object_key == f"proposal:{proposal.pk}"
    path = reverse("checklist:proposal_decide", kwargs={"region": "test", "obj": proposal.pk})
    assert sent.url == BASE_URL + path
    for body in (sent.body_text, sent.body_html):
        assert "Dirk Deelnemer" in body
        assert "Gerealiseerd" in body or str(Status.GEREALISEERD.label) in body
        assert item.code in body
        assert EVIDENCE not in body
    client.force_login(secretaries["main"])
    assert client.get(path).status_code == 200
    # A secretary of another region may not open it: no mail (checked above), and a 404.
    client.force_login(secretaries["other"])
    assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_a_secretary_who_proposes_is_not_told_of_their_own_proposal(
    region, secretaries, django_capture_on_commit_callbacks
):
    # The rules let only participants propose; the service does not check roles, and a
    # proposal by someone who is also secretary must not mail them about it.
    with django_capture_on_commit_callbacks(execute=True):
        propose(region, secretaries["main"])
    assert addresses(PROPOSAL) == {"secretaris2@regio.example"}


@pytest.mark.django_db(transaction=True)
def test_the_proposal_notice_reaches_the_smtp_server(
    smtp_server, mail_settings, region, participant, secretaries, client
):
    inbox, port = smtp_server
    mail_settings.EMAIL_PORT = port
    ensure_framework()
    client.force_login(participant)
    response = client.post(
        reverse("checklist:propose", kwargs={"region": "test", "code": "I1"}),
        {"status": Status.GEREALISEERD, "evidence": EVIDENCE},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    proposal = AssessmentProposal.objects.get()
    run_worker()
    assert sorted(e.rcpt_tos[0] for e in inbox.envelopes) == [
        "secretaris2@regio.example",
        "secretaris@regio.example",
    ]
    message = inbox.messages[0]
    assert message["Subject"].strip().startswith("Voorstel voor de checklist: I1")
    link = BASE_URL + reverse(
        "checklist:proposal_decide", kwargs={"region": "test", "obj": proposal.pk}
    )
    for part in ("plain", "html"):
        body = message.get_body((part,)).get_content()
        assert link in body and EVIDENCE not in body
    assert set(SentMail.objects.filter(kind=PROPOSAL).values_list("status", flat=True)) == {
        MailStatus.VERZONDEN
    }
