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
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.constants import CHAIR_ROLES
from governance.models import Action, Meeting, Membership
from notifications.constants import MailKind
from notifications.services import one_line, queue_mail

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
    title = one_line(action.title)
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


# The agenda of a meeting ---------------------------------------------------------------------


def _meeting(meeting_id: int) -> Meeting | None:
    return Meeting.objects.select_related("body__region").filter(pk=meeting_id).first()


def _seat_users(meeting: Meeting, roles=None) -> list:
    """The active accounts linked to a seat at the meeting's body on the meeting date (once
    each, however many seats)."""
    day = timezone.localdate(meeting.starts_at)
    seats = Membership.objects.filter(
        body_id=meeting.body_id, person__user__isnull=False, person__user__is_active=True
    ).valid_on(day)
    if roles is not None:
        seats = seats.filter(role__in=roles)
    users = {}
    for seat in seats.select_related("person__user"):
        users.setdefault(seat.person.user_id, seat.person.user)
    return list(users.values())


def _meeting_context(meeting: Meeting, subject: str, kind: MailKind, url: str) -> dict:
    return {
        "subject": one_line(subject),
        "meeting_title": meeting.display_title,
        "body_name": meeting.body.name,
        "region_name": meeting.body.region.name,
        "starts_at": timezone.localtime(meeting.starts_at),
        "ends_at": timezone.localtime(meeting.ends_at) if meeting.ends_at else None,
        "location": meeting.location,
        "url": url,
        "settings_url": absolute(reverse("notifications:settings")),
        "kind_label": kind.label,
    }


def on_agenda_published(sender, *, meeting_id: int, **kwargs) -> None:
    """Every member of the body on the meeting date who may see the agenda gets one notice."""
    meeting = _meeting(meeting_id)
    if meeting is None:
        return
    for user in _seat_users(meeting):
        # The preparation page's own rule: no right to see the agenda, no mail about it.
        if not user.has_perm("governance.view_agenda", meeting):
            continue
        queue_agenda_published_notice(user=user, meeting=meeting)


def queue_agenda_published_notice(*, user, meeting: Meeting):
    kind = MailKind.AGENDA_VERZONDEN
    subject = _("De agenda van %(meeting)s is verzonden") % {"meeting": one_line(meeting)}
    url = absolute(
        reverse(
            "meeting_preparation",
            kwargs={"region": meeting.body.region.slug, "pk": meeting.pk},
        )
    )
    context = _meeting_context(meeting, subject, kind, url)
    return queue_mail(
        user=user,
        kind=kind,
        object_key=f"meeting:{meeting.pk}:published",
        subject=context["subject"],
        text=render_to_string("notifications/mail/agenda_published.txt", context),
        html=render_to_string("notifications/mail/agenda_published.html", context),
        url=url,
    )


def on_agenda_submitted(sender, *, meeting_id: int, submission: int, **kwargs) -> None:
    """The chair of the body on the meeting date is asked to approve the agenda."""
    meeting = _meeting(meeting_id)
    if meeting is None:
        return
    for user in _seat_users(meeting, roles=CHAIR_ROLES):
        if not user.has_perm("governance.approve_agenda", meeting):
            continue
        queue_approval_request(user=user, meeting=meeting, submission=submission)


def queue_approval_request(*, user, meeting: Meeting, submission: int):
    kind = MailKind.AKKOORD_GEVRAAGD
    subject = _("Uw akkoord gevraagd: agenda van %(meeting)s") % {"meeting": one_line(meeting)}
    url = absolute(meeting.get_absolute_url())
    context = _meeting_context(meeting, subject, kind, url)
    return queue_mail(
        user=user,
        kind=kind,
        object_key=f"meeting:{meeting.pk}:submitted:{submission}",
        subject=context["subject"],
        text=render_to_string("notifications/mail/agenda_submitted.txt", context),
        html=render_to_string("notifications/mail/agenda_submitted.html", context),
        url=url,
    )
