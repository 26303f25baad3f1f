"""Receivers of the domain apps' signals: each turns an event into mails (services.queue_mail).

A mail is a page: the recipient must be allowed to see what it is about (the same rule as
the page it links to), and it names only what that page shows in its heading — never case
text, notes or anything of another region.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from checklist.constants import ProposalState
from checklist.models import AssessmentProposal
from core.constants import Role
from core.history import user_label
from core.models import RoleAssignment
from governance.constants import CHAIR_ROLES, AgendaState, AttendanceStatus
from governance.models import Action, Attendance, Meeting, Membership, Minutes
from notifications.constants import MailKind, MailStatus
from notifications.models import SentMail
from notifications.services import one_line, queue_mail

logger = logging.getLogger(__name__)

ROLE_LABELS = {"trekker": gettext_lazy("trekker"), "actiehouder": gettext_lazy("actiehouder")}


def absolute(path: str) -> str:
    return settings.PORTAL_BASE_URL + path


def _queue_rendered(
    *, user, kind: MailKind, object_key: str, template: str, context: dict, send_after=None
):
    """Render ``notifications/mail/<template>.txt`` and ``.html`` with ``context`` (which
    holds ``subject`` and ``url``) and queue the mail (services.queue_mail)."""
    return queue_mail(
        user=user,
        kind=kind,
        object_key=object_key,
        subject=context["subject"],
        text=render_to_string(f"notifications/mail/{template}.txt", context),
        html=render_to_string(f"notifications/mail/{template}.html", context),
        url=context["url"],
        send_after=send_after,
    )


def _preparation_url(meeting: Meeting) -> str:
    return absolute(
        reverse(
            "meeting_preparation", kwargs={"region": meeting.body.region.slug, "pk": meeting.pk}
        )
    )


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
    return _queue_rendered(
        user=user,
        kind=MailKind.TREKKER,
        object_key=f"action:{action.pk}:{role}",
        template="action_holder",
        context=context,
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
    url = _preparation_url(meeting)
    context = _meeting_context(meeting, subject, kind, url)
    return _queue_rendered(
        user=user,
        kind=kind,
        object_key=f"meeting:{meeting.pk}:published",
        template="agenda_published",
        context=context,
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
    return _queue_rendered(
        user=user,
        kind=kind,
        object_key=f"meeting:{meeting.pk}:submitted:{submission}",
        template="agenda_submitted",
        context=context,
    )


# A published agenda changed ---------------------------------------------------------------------


def change_key_prefix(meeting: Meeting) -> str:
    return f"meeting:{meeting.pk}:changed:"


def on_agenda_changed(sender, *, meeting_id: int, by_user_id: int | None = None, **kwargs) -> None:
    """The members who got the agenda hear that it changed after it was sent — once per burst.

    The notice waits ``ZV_MAIL_CHANGE_DELAY_MINUTES``. While a user's notice about this
    meeting is still queued, a further change queues nothing (that mail covers it: it names
    no items); once it was sent (or failed), the next change queues a new one, with the next
    running number in its key (``meeting:<pk>:changed:<n>``). Two changes at the same moment
    compute the same number, and the unique key keeps it one mail.
    """
    meeting = _meeting(meeting_id)
    if meeting is None or meeting.agenda_state != AgendaState.DEFINITIEF:
        return
    # Once the meeting has begun, the agenda is history: a stuk added afterwards (the slides,
    # a presentation) is not news to announce to every member.
    if meeting.starts_at <= timezone.now():
        return
    users = [user for user in _seat_users(meeting) if user.pk != by_user_id]
    if not users:
        return
    earlier = SentMail.objects.filter(
        recipient__in=users,
        kind=MailKind.AGENDA_GEWIJZIGD,
        object_key__startswith=change_key_prefix(meeting),
    ).values_list("recipient_id", "status")
    counts: Counter = Counter()
    waiting = set()
    for recipient_id, status in earlier:
        counts[recipient_id] += 1
        if status == MailStatus.WACHTRIJ:
            waiting.add(recipient_id)
    delay = timedelta(minutes=settings.ZV_MAIL_CHANGE_DELAY_MINUTES)
    for user in users:
        if user.pk in waiting:
            continue
        # The preparation page's own rule, as for the published agenda.
        if not user.has_perm("governance.view_agenda", meeting):
            continue
        queue_agenda_changed_notice(
            user=user, meeting=meeting, number=counts[user.pk] + 1, send_after=delay
        )


def queue_agenda_changed_notice(*, user, meeting: Meeting, number: int, send_after=None):
    kind = MailKind.AGENDA_GEWIJZIGD
    subject = _("De agenda van %(meeting)s is gewijzigd") % {"meeting": one_line(meeting)}
    url = _preparation_url(meeting)
    context = _meeting_context(meeting, subject, kind, url)
    return _queue_rendered(
        user=user,
        kind=kind,
        object_key=f"{change_key_prefix(meeting)}{number}",
        template="agenda_changed",
        context=context,
        send_after=send_after,
    )


# Minutes adopted -------------------------------------------------------------------------------


def _attendee_users(meeting: Meeting) -> list:
    """The active accounts of those who were at the meeting: the members recorded present and
    the substitutes of members recorded ‘vervangen’. When the secretary recorded no attendance
    (announced absences alone are no record), every member of the body on the meeting date."""
    lines = list(
        Attendance.objects.filter(meeting=meeting, membership__isnull=False)
        .select_related("membership__person__user", "substitute_person__user")
        .order_by("pk")
    )
    if not any(line.announced_at is None for line in lines):
        return _seat_users(meeting)
    users = {}
    for line in lines:
        if line.status == AttendanceStatus.AANWEZIG:
            user = line.membership.person.user
        elif line.status == AttendanceStatus.VERVANGEN and line.substitute_person is not None:
            user = line.substitute_person.user
        else:
            continue
        if user is not None and user.is_active:
            users.setdefault(user.pk, user)
    return list(users.values())


def on_minutes_adopted(sender, *, meeting_id: int, minutes_id: int, **kwargs) -> None:
    """Those who were at the meeting hear that its minutes are adopted."""
    meeting = _meeting(meeting_id)
    minutes = Minutes.objects.filter(pk=minutes_id, meeting_id=meeting_id).first()
    if meeting is None or minutes is None or not minutes.is_adopted:
        return
    for user in _attendee_users(meeting):
        # The meeting page and its section ‘Verslag en besluitenlijst’.
        if not (
            user.has_perm("governance.view_region", meeting)
            and user.has_perm("governance.view_minutes", meeting)
        ):
            continue
        queue_minutes_adopted_notice(user=user, meeting=meeting, minutes=minutes)


def queue_minutes_adopted_notice(*, user, meeting: Meeting, minutes: Minutes):
    kind = MailKind.VERSLAG_VASTGESTELD
    subject = _("Het verslag van %(meeting)s is vastgesteld") % {"meeting": one_line(meeting)}
    url = absolute(meeting.get_absolute_url() + "#verslag-kop")
    context = _meeting_context(meeting, subject, kind, url)
    context["minutes_number"] = minutes.number
    context["adopted_on"] = timezone.localtime(minutes.adopted_at) if minutes.adopted_at else None
    return _queue_rendered(
        user=user,
        kind=kind,
        object_key=f"minutes:{minutes.pk}:adopted",
        template="minutes_adopted",
        context=context,
    )


# For the secretary -----------------------------------------------------------------------------


def _region_secretaries(region_id: int) -> list:
    """The active accounts with the secretary role for the region."""
    users = {}
    assignments = RoleAssignment.objects.filter(
        role=Role.SECRETARY, region_id=region_id, user__is_active=True
    ).select_related("user")
    for assignment in assignments.order_by("user_id"):
        users.setdefault(assignment.user_id, assignment.user)
    return list(users.values())


def on_absence_announced(sender, *, meeting_id: int, attendance_id: int, **kwargs) -> None:
    """The region's secretaries hear that a member will not be at a meeting."""
    line = (
        Attendance.objects.select_related("membership__person", "substitute_person")
        .filter(pk=attendance_id, meeting_id=meeting_id, membership__isnull=False)
        .first()
    )
    meeting = _meeting(meeting_id)
    if line is None or meeting is None or line.announced_at is None:
        return
    for user in _region_secretaries(meeting.body.region_id):
        if user.pk == line.announced_by_id:
            continue
        # The attendance page's own rule.
        if not user.has_perm("governance.record_attendance", meeting):
            continue
        queue_absence_notice(user=user, meeting=meeting, line=line)


def queue_absence_notice(*, user, meeting: Meeting, line: Attendance):
    kind = MailKind.AFMELDING
    member = line.membership.person.name
    subject = _("%(member)s heeft zich afgemeld voor %(meeting)s") % {
        "member": one_line(member),
        "meeting": one_line(meeting),
    }
    url = absolute(
        reverse(
            "governance:attendance", kwargs={"region": meeting.body.region.slug, "pk": meeting.pk}
        )
    )
    context = _meeting_context(meeting, subject, kind, url)
    substitute = ""
    if line.status == AttendanceStatus.VERVANGEN:
        substitute = line.substitute_person.name if line.substitute_person else line.substitute_name
    context["member_name"] = member
    context["substitute"] = substitute
    # Never the remark: it may be about someone's health.
    return _queue_rendered(
        user=user,
        kind=kind,
        object_key=f"meeting:{meeting.pk}:absence:{line.pk}",
        template="absence_announced",
        context=context,
    )


def on_proposal_created(sender, *, proposal_id: int, **kwargs) -> None:
    """The region's secretaries hear of a participant's proposal they may decide on."""
    proposal = (
        AssessmentProposal.objects.select_related("region", "item", "municipality", "proposed_by")
        .filter(pk=proposal_id)
        .first()
    )
    if proposal is None or proposal.state != ProposalState.OPEN:
        return
    for user in _region_secretaries(proposal.region_id):
        if user.pk == proposal.proposed_by_id:
            continue
        # The page where the secretary decides (checklist.views.ProposalDecideView).
        if not user.has_perm("checklist.change_assessment", proposal):
            continue
        queue_proposal_notice(user=user, proposal=proposal)


def queue_proposal_notice(*, user, proposal: AssessmentProposal):
    kind = MailKind.VOORSTEL_BEOORDELING
    item = proposal.item
    subject = _("Voorstel voor de checklist: %(code)s ‘%(title)s’") % {
        "code": item.code,
        "title": one_line(item.title),
    }
    url = absolute(
        reverse(
            "checklist:proposal_decide",
            kwargs={"region": proposal.region.slug, "obj": proposal.pk},
        )
    )
    context = {
        "subject": one_line(subject),
        "item_code": item.code,
        "item_title": item.title,
        "municipality_name": proposal.municipality.name if proposal.municipality else "",
        "status_label": proposal.get_status_display(),
        "proposer_name": user_label(proposal.proposed_by, _("onbekend")),
        "proposed_at": timezone.localtime(proposal.proposed_at),
        "region_name": proposal.region.name,
        "url": url,
        "settings_url": absolute(reverse("notifications:settings")),
        "kind_label": kind.label,
    }
    # Never the evidence text: the secretary reads it on the page, after signing in.
    return _queue_rendered(
        user=user,
        kind=kind,
        object_key=f"proposal:{proposal.pk}",
        template="proposal_created",
        context=context,
    )
