"""Writes of the notifications app: queueing a mail (exactly once), delivering it, retrying.

Exactly once rests on two things:

* ``SentMail`` is unique per (recipient, kind, object_key, period): ``queue_mail`` for a key
  that exists queues nothing, however often an event or a command repeats;
* ``delivery.deliver`` sends under a lock on its row and returns when the row is no longer
  queued, so a task that runs twice (a retry and the scheduler's re-enqueue, two workers)
  sends once.

A worker killed between the SMTP server's "250 OK" and the commit leaves the row queued; the
scheduler then sends it again. That window (milliseconds) is the one duplicate SMTP allows;
nothing is ever lost.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from notifications.constants import (
    DEFAULT_FREQUENCY,
    DEFAULT_MODE,
    DeliveryMode,
    DigestFrequency,
    MailStatus,
)
from notifications.delivery import enqueue_delivery
from notifications.models import DigestEntry, DigestSetting, NotificationPreference, SentMail


def mode_for(user, kind: str) -> str:
    """The user's delivery mode for ``kind`` (direct when they never chose)."""
    stored = (
        NotificationPreference.objects.filter(user=user, kind=kind)
        .values_list("mode", flat=True)
        .first()
    )
    return stored or DEFAULT_MODE


def frequency_of(user) -> str:
    """How often the user gets the digest (weekly when they never chose)."""
    stored = DigestSetting.objects.filter(user=user).values_list("frequency", flat=True).first()
    return stored or DEFAULT_FREQUENCY


def one_line(text: str) -> str:
    """``text`` with every run of whitespace (a newline posted in a title) as one space: a mail
    header is one line, and a subject shown in the mail reads the same."""
    return " ".join(str(text).split())


def queue_mail(
    *,
    user,
    kind: str,
    object_key: str,
    period: str = "",
    subject: str,
    text: str,
    html: str,
    url: str,
    send_after: timedelta | None = None,
) -> SentMail | None:
    """Queue one mail to ``user`` about ``object_key``, once.

    Returns the new ``SentMail``, or None when nothing was queued: the user has no e-mail
    address, does not want this kind directly, or this mail was queued before (whatever its
    status). The delivery task is enqueued after the commit; with ``send_after`` the mail
    waits that long (``next_attempt_at`` and the task's ``run_after``), so that a receiver can
    let later events of a burst find it still queued.

    When the user wants this kind *in het overzicht*, one line (subject and link) is recorded
    for their next digest instead (``DigestEntry``, once per key) and None is returned.
    """
    address = (user.email or "").strip()
    if not address or not user.is_active:
        return None
    mode = mode_for(user, kind)
    if mode == DeliveryMode.OVERZICHT:
        record_digest_entry(
            user=user, kind=kind, object_key=object_key, period=period, subject=subject, url=url
        )
        return None
    if mode != DeliveryMode.DIRECT:
        return None
    due = timezone.now() + send_after if send_after else timezone.now()
    with transaction.atomic():
        sent, created = SentMail.objects.get_or_create(
            recipient=user,
            kind=kind,
            object_key=object_key,
            period=period,
            defaults={
                "address": address,
                "subject": one_line(subject)[:200],
                "body_text": text,
                "body_html": html,
                "url": url[:500],
                "next_attempt_at": due,
            },
        )
        if not created:
            return None
        run_after = due if send_after else None
        transaction.on_commit(lambda: enqueue_delivery(sent.pk, run_after=run_after))
    return sent


def record_digest_entry(
    *, user, kind: str, object_key: str, period: str = "", subject: str, url: str
) -> DigestEntry | None:
    """One line for the user's next digest, once per (user, kind, object_key, period).

    Nothing is recorded when the user gets no digest at all (frequency *uit*): the page
    Meldingen does not allow that combination, and nothing would ever send the line.
    """
    if frequency_of(user) == DigestFrequency.UIT:
        return None
    with transaction.atomic():
        entry, created = DigestEntry.objects.get_or_create(
            user=user,
            kind=kind,
            object_key=object_key,
            period=period,
            defaults={"subject": one_line(subject)[:200], "url": url[:500]},
        )
    return entry if created else None


def send_pending(*, now: datetime | None = None) -> int:
    """Enqueue a delivery for every queued mail that is due; for the scheduler.

    Idempotent: a delivery enqueued twice sends once (``deliver_now`` checks the row under a
    lock). It catches mails whose task was lost (a crash between commit and enqueue, a
    worker killed mid-send) and retries whose task is still waiting.
    """
    now = now or timezone.now()
    due = list(
        SentMail.objects.filter(status=MailStatus.WACHTRIJ, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)
    )
    for pk in due:
        enqueue_delivery(pk)
    return len(due)


@transaction.atomic
def preferences_save(*, user, modes: dict[str, str], frequency: str | None = None) -> None:
    """Store the user's mode per kind (``modes``: kind → mode, validated by the form) and how
    often they get the digest."""
    if frequency is not None:
        DigestSetting.objects.update_or_create(user=user, defaults={"frequency": frequency})
    for kind, mode in modes.items():
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"mode": mode}
        )
