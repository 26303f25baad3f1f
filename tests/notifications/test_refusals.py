"""A mail server that refuses: permanently (5xx to RCPT or DATA) → geweigerd, not retried;
temporarily (4xx) → the retry with back-off. A real aiosmtpd server on 127.0.0.1 whose handler
answers as a real server would; the worker is ``db_worker --batch``."""

from __future__ import annotations

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from notifications.constants import MailStatus
from notifications.delivery import deliver_now
from notifications.models import SentMail
from notifications.receivers import queue_action_holder_notice
from tests.notifications.conftest import Inbox, free_port, run_worker

pytestmark = pytest.mark.django_db(transaction=True)


class RefusingInbox(Inbox):
    """Answers RCPT TO for ``address`` with ``answer``; accepts everything else."""

    def __init__(self, address: str, answer: str):
        super().__init__()
        self.address, self.answer = address, answer

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == self.address:
            return self.answer
        envelope.rcpt_tos.append(address)
        return "250 OK"


class DataRefusingInbox(Inbox):
    async def handle_DATA(self, server, session, envelope):
        return "554 5.7.1 Bericht geweigerd: beleid"


@pytest.fixture
def start_server():
    controllers = []

    def start(handler) -> int:
        controller = Controller(handler, hostname="127.0.0.1", port=free_port())
        controller.start()
        controllers.append(controller)
        return controller.port

    yield start
    for controller in controllers:
        controller.stop()


def queue(world):
    return queue_action_holder_notice(user=world["user"], action=world["action"], role="trekker")


def test_a_permanently_refused_recipient_is_not_retried(start_server, mail_settings, holder_world):
    inbox = RefusingInbox("wethouder@gemeente.example", "550 5.1.1 Onbekende ontvanger")
    mail_settings.EMAIL_PORT = start_server(inbox)
    sent = queue(holder_world)
    run_worker()

    sent.refresh_from_db()
    assert inbox.messages == []
    assert sent.status == MailStatus.GEWEIGERD
    assert sent.get_status_display() == "Geweigerd door de mailserver"
    assert sent.last_error == "550 5.1.1 Onbekende ontvanger"
    assert sent.attempts == 1 and sent.next_attempt_at is None and sent.last_attempt_at
    assert sent.body_text == "" and sent.body_html == ""
    # Nothing is waiting to retry it; the scheduler does not pick it up either.
    assert not DBTaskResult.objects.filter(status="READY").exists()
    call_command("send_pending_mail", verbosity=0)
    assert not DBTaskResult.objects.filter(status="READY").exists()
    assert deliver_now(sent.pk) == "already-geweigerd"


def test_a_refused_message_is_not_retried(start_server, mail_settings, holder_world):
    inbox = DataRefusingInbox()
    mail_settings.EMAIL_PORT = start_server(inbox)
    sent = queue(holder_world)
    assert deliver_now(sent.pk) == "refused"
    sent.refresh_from_db()
    assert sent.status == MailStatus.GEWEIGERD
    assert sent.last_error == "554 5.7.1 Bericht geweigerd: beleid"


def test_a_temporary_refusal_is_retried_and_then_delivered(
    start_server, mail_settings, holder_world
):
    busy = RefusingInbox("wethouder@gemeente.example", "451 4.7.1 Probeer het later nog eens")
    mail_settings.EMAIL_PORT = start_server(busy)
    sent = queue(holder_world)
    run_worker()

    sent.refresh_from_db()
    assert sent.status == MailStatus.WACHTRIJ and sent.attempts == 1
    assert sent.next_attempt_at > timezone.now()
    assert "451" in sent.last_error and "SMTPRecipientsRefused" in sent.last_error
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after == sent.next_attempt_at

    # Later the server accepts: the retry delivers it.
    inbox = Inbox()
    mail_settings.EMAIL_PORT = start_server(inbox)
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    SentMail.objects.filter(pk=sent.pk).update(next_attempt_at=timezone.now())
    run_worker()
    sent.refresh_from_db()
    assert sent.status == MailStatus.VERZONDEN and sent.attempts == 2
    assert len(inbox.messages) == 1
    assert busy.messages == []
