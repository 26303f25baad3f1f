"""Delivering one queued mail: the ``deliver`` task that the worker (``db_worker``) runs.

Sent under a lock on the ``SentMail`` row; a row that is no longer queued is left alone, so
a task that runs twice sends once. On an SMTP or connection error the row stays queued with
a back-off and the task is enqueued again for then; after ``ZV_MAIL_MAX_ATTEMPTS`` it is
marked mislukt. When the server refuses the recipient permanently (a 5xx answer to RCPT or
DATA) the mail is marked geweigerd at once: asking again would get the same answer.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from notifications.constants import MailStatus
from notifications.models import SentMail

logger = logging.getLogger(__name__)

#: Back-off between attempts: 1, 5, 25, 125 minutes, … at most 6 hours.
BACKOFF_BASE_MINUTES = 1
BACKOFF_FACTOR = 5
BACKOFF_CAP = timedelta(hours=6)


def backoff(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed attempt (1 → 1 min, 2 → 5 min, …)."""
    minutes = BACKOFF_BASE_MINUTES * BACKOFF_FACTOR ** max(attempts - 1, 0)
    return min(timedelta(minutes=minutes), BACKOFF_CAP)


def enqueue_delivery(sent_mail_id: int, *, run_after: datetime | None = None) -> None:
    task = deliver.using(run_after=run_after) if run_after else deliver
    task.enqueue(sent_mail_id)


def _build_message(sent: SentMail) -> EmailMultiAlternatives:
    settings_url = settings.PORTAL_BASE_URL + _settings_path()
    message = EmailMultiAlternatives(
        subject=sent.subject,
        body=sent.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[sent.address],
        headers={
            "List-Unsubscribe": f"<{settings_url}>",
            "Auto-Submitted": "auto-generated",
            "X-Auto-Response-Suppress": "All",
        },
    )
    if sent.body_html:
        message.attach_alternative(sent.body_html, "text/html")
    return message


def permanent_refusal(exc: BaseException) -> str | None:
    """The server's answer when ``exc`` is a permanent refusal of the recipient or the
    message (a 5xx reply to RCPT TO or DATA); None for anything worth retrying (a connection
    error, a timeout, a 4xx "try again later", a refused sender or login)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        answers = list(exc.recipients.values())
        if answers and all(_is_permanent(code) for code, _msg in answers):
            return "; ".join(_answer(code, msg) for code, msg in answers)
        return None
    if isinstance(exc, smtplib.SMTPDataError) and _is_permanent(exc.smtp_code):
        return _answer(exc.smtp_code, exc.smtp_error)
    return None


def _is_permanent(code) -> bool:
    return isinstance(code, int) and 500 <= code < 600


def _answer(code: int, message) -> str:
    if isinstance(message, bytes):
        message = message.decode("utf-8", "replace")
    return f"{code} {' '.join(str(message).split())}"


def _settings_path() -> str:
    return reverse("notifications:settings")


def deliver_now(sent_mail_id: int) -> str:
    """Send one queued mail; the body of the ``deliver`` task. Returns what happened."""
    retry_at = None
    with transaction.atomic():
        rows = SentMail.objects.filter(pk=sent_mail_id)
        # Another worker sending this row holds its lock: skip rather than wait (PostgreSQL);
        # SQLite serialises writers anyway.
        skip = connection.features.has_select_for_update_skip_locked
        sent = rows.select_for_update(skip_locked=skip).first()
        if sent is None:
            return "locked-or-gone"
        if sent.status != MailStatus.WACHTRIJ:
            return "already-" + sent.status
        now = timezone.now()
        if sent.next_attempt_at and sent.next_attempt_at > now:
            return "not-due"
        try:
            _build_message(sent).send(fail_silently=False)
        except (smtplib.SMTPException, OSError) as exc:
            sent.attempts += 1
            sent.last_attempt_at = now
            refusal = permanent_refusal(exc)
            # The error names the server's answer and perhaps the address; nothing else.
            sent.last_error = (refusal or f"{type(exc).__name__}: {exc}")[:300]
            if refusal:
                # Not retried: the address needs fixing (listed on "Bereikbaarheid per
                # e-mail"). The bodies are not needed any more.
                sent.status = MailStatus.GEWEIGERD
                sent.next_attempt_at = None
                sent.body_text = sent.body_html = ""
            elif sent.attempts >= settings.ZV_MAIL_MAX_ATTEMPTS:
                sent.status = MailStatus.MISLUKT
                sent.next_attempt_at = None
            else:
                sent.next_attempt_at = now + backoff(sent.attempts)
                retry_at = sent.next_attempt_at
            sent.save()
            logger.warning("Mail %s not sent (attempt %s): %s", sent.pk, sent.attempts, exc)
            outcome = "refused" if refusal else "retry" if retry_at else "failed"
        else:
            sent.attempts += 1
            sent.status = MailStatus.VERZONDEN
            sent.sent_at = sent.last_attempt_at = timezone.now()
            sent.next_attempt_at = None
            sent.last_error = ""
            # The record stays; the bodies are not needed any more.
            sent.body_text = sent.body_html = ""
            sent.save()
            outcome = "sent"
        if retry_at:
            transaction.on_commit(lambda: enqueue_delivery(sent_mail_id, run_after=retry_at))
    return outcome


@task()
def deliver(sent_mail_id: int) -> str:
    """Send one queued mail (exactly once; retried with back-off when the server is down)."""
    return deliver_now(sent_mail_id)
