"""The local mailbox of development (DEBUG only): the mails the worker "sent", readable in the
browser. Routed only when DEBUG is on (zv_portal/urls.py); the views refuse too (404) should
the setting change while the process runs. Any signed-in user: it is a developer's tool, but
mails name people and actions, so not for anonymous visitors."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from notifications.mailbox import LIST_LIMIT, mailbox_dir, stored_mail, stored_mails


def _only_in_debug() -> None:
    if not settings.DEBUG:
        raise Http404


@login_required
def mailbox(request):
    _only_in_debug()
    context = {"mails": stored_mails(), "folder": mailbox_dir(), "limit": LIST_LIMIT}
    return render(request, "notifications/dev_mailbox.html", context)


@login_required
def message(request, name: str):
    _only_in_debug()
    mail = stored_mail(name)
    if mail is None:
        raise Http404("Deze e-mail staat niet (meer) in de lokale mailbox.")
    return render(request, "notifications/dev_message.html", {"mail": mail})
