"""Receivers of the domain apps' signals: each turns an event into mails (services.queue_mail).

A mail is a page: the recipient must be allowed to see what it is about (the same rule as
the page it links to), and it names only what that page shows in its heading — never case
text, notes or anything of another region.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.models import Action
from notifications.constants import MailKind
from notifications.services import queue_mail

logger = logging.getLogger(__name__)

ROLE_LABELS = {"trekker": gettext_lazy("trekker"), "actiehouder": gettext_lazy("actiehouder")}


def absolute(path: str) -> str:
    return settings.PORTAL_BASE_URL + path


def on_action_holder_changed(sender, *, action_id: int, holders, **kwargs) -> None:
    """Users who became trekker or actiehouder of an action get a notice, once per role."""
    action = Action.objects.select_related("region").filter(pk=action_id).first()
    if action is None:
        return
    users = get_user_model().objects.in_bulk({user_id for user_id, _role in holders})
    for user_id, role in holders:
        user = users.get(user_id)
        if user is None or not user.is_active:
            continue
        # The action page's own rule (governance.views.base.RegionView): no right to see the
        # region, no mail about it.
        if not user.has_perm("governance.view_region", action.region):
            continue
        queue_action_holder_notice(user=user, action=action, role=role)


def queue_action_holder_notice(*, user, action: Action, role: str):
    role_label = ROLE_LABELS.get(role, role)
    # a header is one line: whitespace of any kind (a newline posted in a title) becomes a space
    title = " ".join(action.title.split())
    subject = _("U bent %(role)s van ‘%(title)s’") % {"role": role_label, "title": title}
    context = {
        "subject": subject,
        "role": role_label,
        "action_title": action.title,
        "region_name": action.region.name,
        "due_date": action.due_date,
        "url": absolute(action.get_absolute_url()),
        "settings_url": absolute(reverse("notifications:settings")),
        "kind_label": MailKind.TREKKER.label,
    }
    return queue_mail(
        user=user,
        kind=MailKind.TREKKER,
        object_key=f"action:{action.pk}:{role}",
        subject=subject,
        text=render_to_string("notifications/mail/action_holder.txt", context),
        html=render_to_string("notifications/mail/action_holder.html", context),
        url=context["url"],
    )
