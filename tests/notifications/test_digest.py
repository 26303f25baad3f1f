"""The digest ("overzicht"): composed by ``send_digests``, delivered by the real worker to a
real SMTP server on 127.0.0.1; once per user and period, whatever runs twice or is killed."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from governance.constants import MembershipRole
from notifications.constants import (
    DeliveryMode,
    DigestFrequency,
    MailKind,
    MailStatus,
)
from notifications.digest import period_of
from notifications.models import DigestEntry, DigestSetting, NotificationPreference, SentMail
from notifications.receivers import queue_action_holder_notice
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    DocumentFactory,
    MeetingFactory,
    MembershipFactory,
    RoleFactory,
    UserFactory,
)
from tests.notifications.conftest import BASE_URL, run_worker

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]


def next_monday(hour=8) -> datetime:
    """The next Monday at ``hour``:00 Dutch time (at least a day ahead)."""
    today = timezone.localdate() + timedelta(days=1)
    monday = today + timedelta(days=(7 - today.weekday()) % 7)
    return timezone.make_aware(datetime(monday.year, monday.month, monday.day, hour))


MONDAY = next_monday()


def digests(now: datetime, **options) -> None:
    call_command("send_digests", "--now", now.isoformat(), verbosity=0, **options)


def text_part(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def html_part(message):
    return message.get_body(preferencelist=("html",)).get_content()


def member_world(region, user, *, n: int = 0) -> dict:
    """``user`` sits on a body of ``region`` (their person) and is trekker of an overdue
    action; the body meets in three days, agenda out, with a stuk added the day before."""
    seat = MembershipFactory(body__region=region, role=MembershipRole.LID)
    seat.person.user = user
    seat.person.save(update_fields=["user"])
    action = ActionFactory(
        region=region,
        title=f"Sluitende aanpak verward gedrag {n}",
        trekker=seat,
        due_date=MONDAY.date() - timedelta(days=5),
    )
    meeting = MeetingFactory(body=seat.body, starts_at=MONDAY + timedelta(days=3))
    document = DocumentFactory(
        agenda_item=AgendaItemFactory(meeting=meeting),
        title=f"Voortgangsrapportage {n}",
        uploaded_at=MONDAY - timedelta(days=1),
    )
    return {"seat": seat, "action": action, "meeting": meeting, "document": document}


@pytest.fixture
def world(region, bestuurder):
    bestuurder.email = "wethouder@gemeente.example"
    bestuurder.save(update_fields=["email"])
    return {"user": bestuurder, **member_world(region, bestuurder)}


def test_period_and_due_time():
    monday_early = MONDAY.replace(hour=6, minute=59)
    assert period_of(DigestFrequency.WEKELIJKS, monday_early) is None
    week = MONDAY.isocalendar()
    assert period_of(DigestFrequency.WEKELIJKS, MONDAY) == f"{week[0]}-W{week[1]:02d}"
    tuesday = MONDAY + timedelta(days=1)
    assert period_of(DigestFrequency.WEKELIJKS, tuesday) == f"{week[0]}-W{week[1]:02d}"
    assert period_of(DigestFrequency.DAGELIJKS, tuesday) == tuesday.date().isoformat()
    assert period_of(DigestFrequency.DAGELIJKS, tuesday.replace(hour=6)) is None
    assert period_of(DigestFrequency.UIT, tuesday) is None


def test_the_digest_arrives_with_its_content(smtp_server, mail_settings, world):
    inbox, port = smtp_server
    mail_settings.EMAIL_PORT = port
    digests(MONDAY)
    assert inbox.messages == []  # queued; the worker sends
    run_worker()

    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert inbox.envelopes[0].rcpt_tos == ["wethouder@gemeente.example"]
    week = MONDAY.isocalendar()[1]
    assert message["Subject"].strip() == f"Uw weekoverzicht van Z+V Portaal, week {week}"
    assert message["List-Unsubscribe"] == f"<{BASE_URL}/meldingen/>"
    assert message["Auto-Submitted"] == "auto-generated"
    text = text_part(message)
    action, meeting = world["action"], world["meeting"]
    assert "Uw acties met een verstreken termijn" in text
    assert "Sluitende aanpak verward gedrag 0" in text
    assert f"{BASE_URL}/regio/test/acties/{action.pk}/" in text
    assert "Uw vergaderingen in de komende 14 dagen" in text
    assert f"{BASE_URL}{meeting.get_absolute_url()}" in text
    assert "agenda verzonden" in text
    assert "1 stuk toegevoegd: Voortgangsrapportage 0" in text
    assert f"{BASE_URL}/meldingen/" in text and f"{BASE_URL}/" in text
    html = html_part(message)
    assert '<html lang="nl">' in html
    assert html.count("<h1") == 1
    assert f'href="{BASE_URL}/regio/test/acties/{action.pk}/"' in html
    assert "Open uw startpagina in Z+V Portaal" in html
    assert f'href="{BASE_URL}/meldingen/"' in html

    sent = SentMail.objects.get(kind=MailKind.OVERZICHT)
    assert sent.status == MailStatus.VERZONDEN and sent.object_key == "digest"
    assert sent.period == f"{MONDAY.isocalendar()[0]}-W{week:02d}"


def test_running_twice_and_late_sends_once(smtp_server, mail_settings, world):
    inbox, port = smtp_server
    mail_settings.EMAIL_PORT = port
    digests(MONDAY)
    digests(MONDAY)
    digests(MONDAY + timedelta(days=1, hours=5))  # Tuesday: the same week
    call_command("send_pending_mail", verbosity=0)
    run_worker()
    assert len(inbox.messages) == 1
    assert SentMail.objects.filter(kind=MailKind.OVERZICHT).count() == 1


def test_a_weeks_digest_sent_late_on_tuesday_is_sent_once(smtp_server, mail_settings, world):
    inbox, port = smtp_server
    mail_settings.EMAIL_PORT = port
    tuesday = MONDAY + timedelta(days=1, hours=3)
    digests(tuesday)
    digests(tuesday + timedelta(hours=1))
    run_worker()
    assert len(inbox.messages) == 1
    # Monday before 07:00 of the next week: nothing due yet; from 07:00 the next week's.
    digests(MONDAY + timedelta(days=7, hours=-2))
    assert SentMail.objects.filter(kind=MailKind.OVERZICHT).count() == 1
    digests(MONDAY + timedelta(days=7))
    assert SentMail.objects.filter(kind=MailKind.OVERZICHT).count() == 2


def test_daily_weekly_and_off(smtp_server, mail_settings, region, world):
    inbox, port = smtp_server
    mail_settings.EMAIL_PORT = port
    daily = UserFactory(username="dagelijks", email="dagelijks@gemeente.example")
    off = UserFactory(username="uit", email="uit@gemeente.example")
    no_address = UserFactory(username="zonder", email="")
    inactive = UserFactory(username="weg", email="weg@gemeente.example", is_active=False)
    for user, n in ((daily, 1), (off, 2), (no_address, 3), (inactive, 4)):
        RoleFactory(user=user, role="bestuurder", region=region)
        member_world(region, user, n=n)
    DigestSetting.objects.create(user=daily, frequency=DigestFrequency.DAGELIJKS)
    DigestSetting.objects.create(user=off, frequency=DigestFrequency.UIT)

    for day in range(3):  # Monday, Tuesday, Wednesday
        digests(MONDAY + timedelta(days=day))
    run_worker()
    got = Counter(m["To"] for m in inbox.messages)
    assert got == {"wethouder@gemeente.example": 1, "dagelijks@gemeente.example": 3}
    periods = set(SentMail.objects.filter(recipient=daily).values_list("period", flat=True))
    assert periods == {(MONDAY + timedelta(days=d)).date().isoformat() for d in range(3)}
    daily_subject = [m["Subject"] for m in inbox.messages if m["To"].startswith("dagelijks")]
    assert all("dagoverzicht" in s for s in daily_subject)


def test_an_empty_digest_is_not_sent_but_closes_the_period(smtp_server, mail_settings, region):
    inbox, port = smtp_server
    mail_settings.EMAIL_PORT = port
    quiet = UserFactory(username="stil", email="stil@gemeente.example")
    RoleFactory(user=quiet, role="bestuurder", region=region)
    digests(MONDAY)
    sent = SentMail.objects.get(recipient=quiet)
    assert sent.status == MailStatus.LEEG
    # Something happens later that week: the week's digest is not sent half a week late.
    member_world(region, quiet)
    digests(MONDAY + timedelta(days=2))
    call_command("send_pending_mail", verbosity=0)
    run_worker()
    assert inbox.messages == []
    assert SentMail.objects.filter(recipient=quiet).count() == 1


def test_events_in_digest_mode_appear_once_and_are_not_mailed(smtp_server, mail_settings, world):
    inbox, port = smtp_server
    mail_settings.EMAIL_PORT = port
    user, action = world["user"], world["action"]
    NotificationPreference.objects.create(
        user=user, kind=MailKind.TREKKER, mode=DeliveryMode.OVERZICHT
    )
    assert queue_action_holder_notice(user=user, action=action, role="trekker") is None
    assert queue_action_holder_notice(user=user, action=action, role="trekker") is None
    assert DigestEntry.objects.filter(user=user).count() == 1
    run_worker()
    assert inbox.messages == []  # not mailed directly
    assert not SentMail.objects.exists()

    digests(MONDAY)
    run_worker()
    assert len(inbox.messages) == 1
    text = text_part(inbox.messages[0])
    assert "Sinds het vorige overzicht" in text
    assert text.count("U bent trekker van ‘Sluitende aanpak verward gedrag 0’") == 1
    entry = DigestEntry.objects.get(user=user)
    assert entry.digest.kind == MailKind.OVERZICHT

    # The next week's digest does not list it again.
    digests(MONDAY + timedelta(days=7))
    run_worker()
    assert len(inbox.messages) == 2
    assert "Sinds het vorige overzicht" not in text_part(inbox.messages[1])


def test_a_secretary_gets_new_findings_once(mail_settings, region, secretary):
    secretary.email = "secretaris@gemeente.example"
    secretary.save(update_fields=["email"])
    MembershipFactory(body__region=region, body__name="Stuurgroep Eerste")
    digests(MONDAY)
    first = SentMail.objects.get(recipient=secretary)
    assert DigestEntry.objects.filter(user=secretary, kind=MailKind.OVERZICHT).exists()
    assert "Nieuwe bevindingen over de structuur van Testregio" in first.body_text
    assert "Stuurgroep Eerste" in first.body_text
    # A week later one more body without a chair: only that one is new.
    MembershipFactory(body__region=region, body__name="Stuurgroep Tweede")
    digests(MONDAY + timedelta(days=7))
    second = SentMail.objects.filter(recipient=secretary).latest("created_at")
    assert second.pk != first.pk
    assert "Stuurgroep Tweede" in second.body_text
    assert "Stuurgroep Eerste" not in second.body_text
    # And a week after that nothing is new.
    digests(MONDAY + timedelta(days=14))
    third = SentMail.objects.filter(recipient=secretary).latest("created_at")
    assert "Nieuwe bevindingen" not in third.body_text


def test_a_secretary_is_reminded_of_bodies_and_mandates_due_for_re_evaluation(
    mail_settings, region, secretary
):
    """'Evalueren vóór' within 60 days or passed: in the secretary's digest every period while
    it is due (a standing reminder, unlike the findings that are named once); not for a
    member of that body."""
    from tests.factories import BodyFactory, MandateFactory

    secretary.email = "secretaris@gemeente.example"
    secretary.save(update_fields=["email"])
    today = MONDAY.date()
    soon = BodyFactory(
        region=region, name="Regiegroep gedwongen zorg", evaluate_before=today + timedelta(days=20)
    )
    MandateFactory(body=soon, evaluate_before=today - timedelta(days=3))
    BodyFactory(
        region=region, name="Later te evalueren", evaluate_before=today + timedelta(days=90)
    )
    member = UserFactory(username="lidregiegroep", email="lid@gemeente.example")
    RoleFactory(user=member, role="bestuurder", region=region)
    seat = MembershipFactory(body=soon, role=MembershipRole.LID)
    seat.person.user = member
    seat.person.save(update_fields=["user"])
    digests(MONDAY)
    mail = SentMail.objects.get(recipient=secretary)
    heading = "Te evalueren in Testregio: gremia en mandaten"
    assert heading in mail.body_text and heading in mail.body_html
    section = mail.body_text.split(heading, 1)[1].split("\n\n", 1)[0]
    assert "- Regiegroep gedwongen zorg\n" in section
    assert "nog 20 dagen" in section
    assert "- Regiegroep gedwongen zorg: " in section and "die datum is verstreken" in section
    assert "Later te evalueren" not in section
    assert f"/regio/{region.slug}/gremia/{soon.pk}/" in mail.body_text
    member_mail = SentMail.objects.filter(recipient=member).first()
    assert member_mail is None or heading not in member_mail.body_text
    # Still due a week later: named again.
    digests(MONDAY + timedelta(days=7))
    again = SentMail.objects.filter(recipient=secretary).latest("created_at")
    assert again.pk != mail.pk and heading in again.body_text


# --- killed in the middle --------------------------------------------------------------------


def _shared_database(tmp_path) -> tuple[str, callable]:
    """A database URL a subprocess can use, holding the test's data, and a function that
    counts the digests in it."""
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        path = tmp_path / "gedeeld.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()

        def count() -> int:
            with sqlite3.connect(path, timeout=20) as db:
                return db.execute(
                    "select count(*) from notifications_sentmail where kind = 'overzicht'"
                ).fetchone()[0]

        return f"sqlite:///{path}", count
    parts = {
        k: quote(str(settings_dict.get(k) or ""), safe="")
        for k in ("USER", "PASSWORD", "HOST", "PORT", "NAME")
    }
    url = "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(**parts)
    return url, lambda: SentMail.objects.filter(kind=MailKind.OVERZICHT).count()


def _manage(env, *args, **kwargs):
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kwargs,
    )


def test_a_run_killed_mid_way_and_restarted_sends_each_digest_once(smtp_server, region, tmp_path):
    inbox, port = smtp_server
    users = []
    for i in range(6):
        user = UserFactory(username=f"lid{i}", email=f"lid{i}@gemeente.example")
        RoleFactory(user=user, role="bestuurder", region=region)
        member_world(region, user, n=i)
        users.append(user)
    url, count = _shared_database(tmp_path)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PYTEST")},
        "DATABASE_URL": url,
        "DATABASE_CONN_MAX_AGE": "0",
        "DJANGO_DEBUG": "true",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "ZV_PORTAL_BASE_URL": BASE_URL,
    }
    now = MONDAY.isoformat()
    run = _manage(env, "send_digests", "--now", now, "--batch-size", "1", "--pause", "1")
    deadline = time.monotonic() + 60
    while count() < 2 and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.05)
    assert run.poll() is None, run.communicate()
    run.send_signal(signal.SIGKILL)
    run.wait()
    queued_when_killed = count()
    assert 2 <= queued_when_killed < len(users)

    for args in (
        ("send_digests", "--now", now),
        ("send_digests", "--now", now),  # the scheduler's next run: nothing new
        ("send_pending_mail",),  # tasks lost by the kill
        ("db_worker", "--batch", "--no-startup-delay", "--no-reload"),
    ):
        done = _manage(env, *args)
        out, err = done.communicate(timeout=120)
        assert done.returncode == 0, err.decode()
    assert count() == len(users)
    got = Counter(m["To"] for m in inbox.messages)
    assert got == {u.email: 1 for u in users}
