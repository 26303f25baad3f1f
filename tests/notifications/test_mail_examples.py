"""docs/examples/: what each mail looks like, rendered by the real templates and receivers.

Each kind of mail is composed here for a fixed, fictitious region (fixed names, dates and ids)
through the same ``queue_*`` function the receiver uses, and compared with its example in
``docs/examples/<kind>.txt`` (the headers and the plain text) and ``<kind>.html``. A template
change that is not reflected in the examples fails this test; regenerate them with

    ZV_WRITE_MAIL_EXAMPLES=1 .venv/bin/pytest tests/notifications/test_mail_examples.py
"""

from __future__ import annotations

import email
import email.policy
import os
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from checklist.models import AssessmentProposal, Item
from governance.constants import AgendaState, AttendanceStatus, MeetingStatus
from governance.models import Attendance, Body, Minutes
from notifications import receivers
from notifications.constants import DeliveryMode, DigestFrequency, MailKind, event_kinds
from notifications.delivery import _build_message
from notifications.digest import DigestRun, compose_batch, due_users, period_of, render
from notifications.models import NotificationPreference, SentMail
from tests.factories import (
    ActionFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    PersonFactory,
    RegionFactory,
    RoleFactory,
    UserFactory,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
BASE_URL = "https://zv.voorbeeld.nl"
HEADERS = ("From", "To", "Subject", "List-Unsubscribe", "Auto-Submitted")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def at(*args) -> datetime:
    return datetime(*args, tzinfo=AMSTERDAM)


@pytest.fixture(autouse=True)
def _fixed(settings):
    settings.PORTAL_BASE_URL = BASE_URL
    settings.DEFAULT_FROM_EMAIL = "Z+V Portaal <noreply@zv.voorbeeld.nl>"


@pytest.fixture
def world(db):
    from tests.notifications.test_secretary_notices import ensure_framework

    ensure_framework()
    region = RegionFactory(pk=7, name="Regio Voorbeeldland", slug="voorbeeldland")
    municipality = MunicipalityFactory(region=region, name="Voorbeeldstad")
    org = OrganisationFactory(region=region, name="Gemeente Voorbeeldstad")
    body = BodyFactory(pk=31, region=region, name="Stuurgroep Zorg en Veiligheid")
    bestuurder = UserFactory(
        username="a.jansen", first_name="Anne", last_name="Jansen", email="a.jansen@example.nl"
    )
    RoleFactory(user=bestuurder, role="bestuurder", region=region)
    secretary = UserFactory(
        username="s.bakker", first_name="Sanne", last_name="Bakker", email="s.bakker@example.nl"
    )
    RoleFactory(user=secretary, role="secretary", region=region)
    person = PersonFactory(region=region, organisation=org, user=bestuurder, name="Anne Jansen")
    seat = MembershipFactory(pk=55, body=body, person=person, role="lid")
    meeting = MeetingFactory(
        pk=412,
        body=body,
        title="Stuurgroep maart",
        starts_at=at(2027, 3, 8, 19, 30),
        ends_at=at(2027, 3, 8, 21, 30),
        location="Stadhuis Voorbeeldstad, zaal 2",
        agenda_state=AgendaState.DEFINITIEF,
    )
    return {
        "region": region,
        "municipality": municipality,
        "body": body,
        "bestuurder": bestuurder,
        "secretary": secretary,
        "seat": seat,
        "meeting": meeting,
    }


def compose_event_mails(world) -> dict[str, SentMail]:
    """One mail of every event kind, queued the way its receiver queues it."""
    meeting, bestuurder, secretary = world["meeting"], world["bestuurder"], world["secretary"]
    action = ActionFactory(
        pk=203,
        region=world["region"],
        title="Werkafspraken huiselijk geweld herijken",
        due_date=date(2027, 6, 30),
    )
    receivers.queue_action_holder_notice(user=bestuurder, action=action, role="trekker")
    receivers.queue_agenda_published_notice(user=bestuurder, meeting=meeting)
    receivers.queue_approval_request(user=bestuurder, meeting=meeting, submission=3)
    receivers.queue_agenda_changed_notice(user=bestuurder, meeting=meeting, number=1)
    held = MeetingFactory(
        pk=398,
        body=world["body"],
        title="Stuurgroep januari",
        starts_at=at(2027, 1, 18, 19, 30),
        ends_at=at(2027, 1, 18, 21, 0),
        location="Stadhuis Voorbeeldstad, zaal 2",
        status=MeetingStatus.GEHOUDEN,
    )
    minutes = Minutes.objects.create(meeting=held, number=1, adopted_at=at(2027, 3, 8, 21, 5))
    receivers.queue_minutes_adopted_notice(user=bestuurder, meeting=held, minutes=minutes)
    line = Attendance.objects.create(
        pk=77,
        meeting=meeting,
        membership=world["seat"],
        status=AttendanceStatus.AFWEZIG_MET_BERICHT,
        remark="Dit staat nooit in een mail",
        announced_at=at(2027, 3, 1, 9, 0),
        announced_by=bestuurder,
    )
    receivers.queue_absence_notice(user=secretary, meeting=meeting, line=line)
    proposal = AssessmentProposal.objects.create(
        pk=19,
        region=world["region"],
        item=Item.objects.filter(framework__is_current=True).order_by("pk").first(),
        municipality=world["municipality"],
        status="in_ontwikkeling",
        evidence="Ook dit staat nooit in een mail",
        proposed_by=bestuurder,
        proposed_at=at(2027, 2, 22, 14, 10),
    )
    receivers.queue_proposal_notice(user=secretary, proposal=proposal)
    return {mail.kind: mail for mail in SentMail.objects.order_by("pk")}


def rendered(mail: SentMail) -> tuple[str, str]:
    # The headers as a mail program shows them (decoded), not as they travel (RFC 2047).
    message = email.message_from_bytes(
        _build_message(mail).message().as_bytes(), policy=email.policy.default
    )
    head = "".join(f"{name}: {str(message[name]).strip()}\n" for name in HEADERS)
    return head + "\n" + mail.body_text, mail.body_html


def compare(examples: dict[str, tuple[str, str]]) -> None:
    write = os.environ.get("ZV_WRITE_MAIL_EXAMPLES") == "1"
    stale = []
    for kind, (text, html) in examples.items():
        for suffix, content in (("txt", text), ("html", html)):
            path = EXAMPLES / f"{kind}.{suffix}"
            if write:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(content, encoding="utf-8")
            elif not path.exists() or path.read_text(encoding="utf-8") != content:
                stale.append(path.name)
    assert not stale, (
        f"docs/examples is not what the templates produce now: {', '.join(stale)}. "
        "Regenerate with ZV_WRITE_MAIL_EXAMPLES=1 (see this module's docstring)."
    )


@pytest.mark.django_db
def test_the_examples_of_the_event_mails_are_what_the_templates_produce(world):
    mails = compose_event_mails(world)
    assert set(mails) == {kind.value for kind in event_kinds()}, "every event kind has one"
    examples = {kind: rendered(mail) for kind, mail in mails.items()}
    for text, html in examples.values():
        assert "nooit in een mail" not in text + html
        assert 'lang="nl"' in html
    compare(examples)


@pytest.mark.django_db
def test_the_example_of_the_digest_is_what_the_digest_produces(world):
    """The secretary's weekly digest on Monday 1 March 2027: an action of theirs past its
    termijn, their meeting of 8 March with its agenda out, an event they wanted in the digest,
    the region's structure findings, the body to be evaluated before 1 April and the quarter
    without a gespreksleider."""
    secretary, meeting = world["secretary"], world["meeting"]
    person = PersonFactory(
        region=world["region"], user=secretary, name="Sanne Bakker", organisation=None
    )
    seat = MembershipFactory(body=world["body"], person=person, role="secretaris")
    ActionFactory(
        pk=188,
        region=world["region"],
        title="Convenant gegevensdeling actualiseren",
        due_date=date(2027, 2, 15),
        trekker=seat,
    )
    Body.objects.filter(pk=world["body"].pk).update(evaluate_before=date(2027, 4, 1))
    NotificationPreference.objects.create(
        user=secretary, kind=MailKind.AGENDA_GEWIJZIGD, mode=DeliveryMode.OVERZICHT
    )
    receivers.queue_agenda_changed_notice(user=secretary, meeting=meeting, number=1)
    now = at(2027, 3, 1, 7, 15)
    frequency = DigestFrequency.WEKELIJKS
    period = period_of(frequency, now)
    users = list(due_users(frequency, period).filter(pk=secretary.pk))
    (digest,) = compose_batch(users, frequency=frequency, period=period, run=DigestRun(now=now))
    mail = render(digest)
    sent = SentMail(
        address=secretary.email,
        kind=MailKind.OVERZICHT,
        subject=mail["subject"],
        body_text=mail["text"],
        body_html=mail["html"],
    )
    text, html = rendered(sent)
    for expected in (
        "Convenant gegevensdeling actualiseren",
        "Stuurgroep maart",
        "De agenda van Stuurgroep maart",
        "Nieuwe bevindingen",
        "gespreksleider",
        "Te evalueren in Regio Voorbeeldland",
    ):
        assert expected in text, expected
    compare({"overzicht": (text, html)})
