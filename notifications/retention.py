"""The retention kinds of the notifications app (registered with :mod:`core.retention`):

* ``emails`` — ``SentMail`` rows created before ``ZV_RETENTION_SENT_MAIL_DAYS`` that are
  finished (verzonden, leeg, mislukt, geweigerd; a mail still *wachtrij* is kept until it is
  sent or fails), and the ``DigestEntry`` rows (digest lines, findings a digest saw) created
  before then or belonging to a removed digest. The lines go first: their foreign key to the
  digest is ``SET_NULL``, and a line whose digest had gone would look unsent again.
* ``taakresultaten`` — finished results of the task queue (django-tasks-db) older than
  ``ZV_RETENTION_TASK_RESULT_DAYS``; waiting and running tasks are never touched.

Deleting an old mail record also lets the same key (recipient, kind, object, period) queue
again; the events behind the keys (an action's new trekker, a published agenda) do not recur
after a year, and if one did, a new notice is right.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.retention import RetentionKind, days_before
from notifications.constants import MailStatus
from notifications.models import DigestEntry, SentMail


def _mail_cutoff(now: datetime) -> datetime:
    return days_before(now, settings.ZV_RETENTION_SENT_MAIL_DAYS)


def _old_mails(cutoff: datetime):
    return SentMail.objects.filter(created_at__lt=cutoff).exclude(status=MailStatus.WACHTRIJ)


def _old_entries(cutoff: datetime):
    return DigestEntry.objects.filter(
        Q(created_at__lt=cutoff) | Q(digest__in=_old_mails(cutoff).values("pk"))
    )


def _mails_pending(cutoff: datetime) -> int:
    return _old_mails(cutoff).count() + _old_entries(cutoff).count()


def _mails_apply(cutoff: datetime) -> int:
    entries, _per_model = _old_entries(cutoff).delete()
    mails, _per_model = _old_mails(cutoff).delete()
    return entries + mails


def _task_cutoff(now: datetime) -> datetime:
    return days_before(now, settings.ZV_RETENTION_TASK_RESULT_DAYS)


def _old_results(cutoff: datetime):
    return DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED],
        finished_at__lt=cutoff,
    )


def _results_apply(cutoff: datetime) -> int:
    deleted, _per_model = _old_results(cutoff).delete()
    return deleted


SENT_MAIL = RetentionKind(
    key="emails",
    label=_("verzonden e-mail(s) en overzichtsregel(s)"),
    verb=_("verwijderd"),
    cutoff=_mail_cutoff,
    pending=_mails_pending,
    apply=_mails_apply,
    order=20,
)
TASK_RESULTS = RetentionKind(
    key="taakresultaten",
    label=_("afgeronde taak/taken van de wachtrij"),
    verb=_("verwijderd"),
    cutoff=_task_cutoff,
    pending=lambda cutoff: _old_results(cutoff).count(),
    apply=_results_apply,
    order=30,
)
