"""Mail through a real SMTP server on 127.0.0.1, sent by the django-tasks-db worker.

The event is real (the werkagenda service moves an action to the actielijst with a trekker),
the queue is the database backend, the worker is ``db_worker --batch``; nothing is mocked.
"""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from governance.constants import ActionList
from governance.services.werkagenda import action_move
from notifications.constants import MailKind, MailStatus
from notifications.delivery import deliver, deliver_now
from notifications.models import SentMail
from notifications.receivers import queue_action_holder_notice
from tests.notifications.conftest import BASE_URL, free_port, run_worker

pytestmark = pytest.mark.django_db(transaction=True)


def make_trekker(world, secretary):
    action = world["action"]
    action_move(
        action=action,
        to_list=ActionList.ACTIE,
        seen_version=action.version,
        user=secretary,
        **world["ready"],
    )
    return action


def html_part(message):
    return message.get_body(preferencelist=("html",)).get_content()


def text_part(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def test_the_trekker_notice_arrives(smtp_server, mail_settings, holder_world, secretary):
    inbox, port = smtp_server
    mail_settings.EMAIL_PORT = port
    action = make_trekker(holder_world, secretary)

    assert inbox.messages == []  # nothing is sent inside the request
    run_worker()

    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert inbox.envelopes[0].rcpt_tos == ["wethouder@gemeente.example"]
    assert message["To"] == "wethouder@gemeente.example"
    # Django folds a long encoded subject onto the next line; clients unfold and trim it.
    assert message["Subject"].strip() == "U bent trekker van ‘Sluitende aanpak verward gedrag’"
    action_url = f"{BASE_URL}/regio/test/acties/{action.pk}/"
    assert action.get_absolute_url() == action_url.removeprefix(BASE_URL)
    assert message["List-Unsubscribe"] == f"<{BASE_URL}/meldingen/>"
    text = text_part(message)
    assert action_url in text and f"{BASE_URL}/meldingen/" in text
    assert "Testregio" in text
    html = html_part(message)
    assert '<html lang="nl">' in html
    assert "<h1" in html
    assert f'href="{action_url}"' in html
    assert "Bekijk de actie ‘Sluitende aanpak verward gedrag’ in Z+V Portaal" in html
    assert f'href="{BASE_URL}/meldingen/"' in html

    sent = SentMail.objects.get()
    assert sent.status == MailStatus.VERZONDEN and sent.attempts == 1 and sent.sent_at
    assert sent.kind == MailKind.TREKKER and sent.object_key == f"action:{action.pk}:trekker"
    assert sent.body_text == "" and sent.body_html == ""  # bodies are not kept once sent


def test_queueing_twice_sends_once(smtp_server, mail_settings, holder_world):
    inbox, port = smtp_server
    mail_settings.EMAIL_PORT = port
    first = queue_action_holder_notice(
        user=holder_world["user"], action=holder_world["action"], role="trekker"
    )
    second = queue_action_holder_notice(
        user=holder_world["user"], action=holder_world["action"], role="trekker"
    )
    assert first is not None and second is None
    run_worker()
    assert len(inbox.messages) == 1
    assert SentMail.objects.count() == 1


def test_running_the_delivery_twice_sends_once(smtp_server, mail_settings, holder_world):
    inbox, port = smtp_server
    mail_settings.EMAIL_PORT = port
    sent = queue_action_holder_notice(
        user=holder_world["user"], action=holder_world["action"], role="trekker"
    )
    deliver.enqueue(sent.pk)  # a second task for the same mail, as a restart would leave
    run_worker()
    assert deliver_now(sent.pk) == "already-verzonden"
    call_command("send_pending_mail", verbosity=0)
    run_worker()
    assert len(inbox.messages) == 1
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 2


def test_a_refusing_server_keeps_the_mail_queued_and_it_is_sent_later(
    smtp_server, mail_settings, holder_world, secretary
):
    inbox, port = smtp_server
    mail_settings.EMAIL_PORT = free_port()  # nothing listens there: connection refused
    make_trekker(holder_world, secretary)
    run_worker()

    sent = SentMail.objects.get()
    assert sent.status == MailStatus.WACHTRIJ
    assert sent.attempts == 1
    assert sent.next_attempt_at > timezone.now()
    assert "ConnectionRefusedError" in sent.last_error
    # The retry waits in the queue until its time; the worker does not run it early.
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after == sent.next_attempt_at
    assert inbox.messages == []
    call_command("send_pending_mail", verbosity=0)  # not due yet: nothing enqueued
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    # The server is back and the back-off has passed.
    mail_settings.EMAIL_PORT = port
    SentMail.objects.filter(pk=sent.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )
    call_command("send_pending_mail", verbosity=0)
    run_worker()
    assert len(inbox.messages) == 1
    sent.refresh_from_db()
    assert sent.status == MailStatus.VERZONDEN and sent.attempts == 2 and sent.last_error == ""

    # The original retry task comes due later: it finds the mail sent and sends nothing.
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_worker()
    assert len(inbox.messages) == 1
    assert DBTaskResult.objects.get(pk=retry.pk).return_value == "already-verzonden"


def test_after_the_last_attempt_the_mail_is_marked_failed(mail_settings, holder_world):
    mail_settings.EMAIL_PORT = free_port()
    mail_settings.ZV_MAIL_MAX_ATTEMPTS = 2
    sent = queue_action_holder_notice(
        user=holder_world["user"], action=holder_world["action"], role="trekker"
    )
    assert deliver_now(sent.pk) == "retry"
    SentMail.objects.filter(pk=sent.pk).update(next_attempt_at=timezone.now())
    assert deliver_now(sent.pk) == "failed"
    sent.refresh_from_db()
    assert sent.status == MailStatus.MISLUKT and sent.attempts == 2
    assert sent.next_attempt_at is None


class WorkerKilled(BaseException):
    """Stands in for the worker process being terminated in the middle of a send."""


class KilledBackend:
    """An e-mail backend during whose send the worker dies (before anything is committed)."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise WorkerKilled


def test_a_worker_killed_mid_send_loses_nothing_and_sends_once(
    smtp_server, mail_settings, holder_world, secretary
):
    inbox, port = smtp_server
    mail_settings.EMAIL_BACKEND = f"{__name__}.KilledBackend"
    make_trekker(holder_world, secretary)
    run_worker()
    sent = SentMail.objects.get()
    assert sent.status == MailStatus.WACHTRIJ and sent.attempts == 0  # rolled back
    assert DBTaskResult.objects.get().status == "FAILED"

    # The restarted worker and the scheduler's next run: delivered, once.
    mail_settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    mail_settings.EMAIL_PORT = port
    call_command("send_pending_mail", verbosity=0)
    call_command("send_pending_mail", verbosity=0)  # the scheduler runs twice: still once
    run_worker()
    assert len(inbox.messages) == 1
    sent.refresh_from_db()
    assert sent.status == MailStatus.VERZONDEN


@pytest.mark.skipif(
    "not __import__('django.db').db.connection.features.has_select_for_update_skip_locked",
    reason="row locks: PostgreSQL",
)
def test_a_mail_being_sent_by_another_worker_is_skipped(smtp_server, mail_settings, holder_world):
    import threading

    from django.db import connections, transaction

    inbox, port = smtp_server
    mail_settings.EMAIL_PORT = port
    sent = queue_action_holder_notice(
        user=holder_world["user"], action=holder_world["action"], role="trekker"
    )
    locked, release = threading.Event(), threading.Event()

    def other_worker():
        try:
            with transaction.atomic():
                SentMail.objects.select_for_update().get(pk=sent.pk)
                locked.set()
                release.wait(10)
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_worker)
    thread.start()
    try:
        assert locked.wait(10)
        assert deliver_now(sent.pk) == "locked-or-gone"
    finally:
        release.set()
        thread.join()
    assert inbox.messages == []
    assert deliver_now(sent.pk) == "sent"
    assert len(inbox.messages) == 1


def test_a_title_with_a_line_break_still_makes_one_subject_line(
    smtp_server, mail_settings, holder_world
):
    inbox, port = smtp_server
    mail_settings.EMAIL_PORT = port
    action = holder_world["action"]
    action.title = "Sluitende aanpak\r\nBcc: iemand@elders.example"
    action.save()
    queue_action_holder_notice(user=holder_world["user"], action=action, role="trekker")
    run_worker()
    (message,) = inbox.messages
    assert message["Subject"].strip() == (
        "U bent trekker van ‘Sluitende aanpak Bcc: iemand@elders.example’"
    )
    assert message["Bcc"] is None and inbox.envelopes[0].rcpt_tos == ["wethouder@gemeente.example"]
