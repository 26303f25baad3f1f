"""The agenda's way out and what happens to it afterwards.

An agenda is composed by the secretary (concept), offered to the chair (ter vaststelling) who
approves it (definitief) or returns it with a remark; the secretary may also publish it directly
with a recorded reason. Every transition checks the state the agenda is in now, under the
optimistic lock of the meeting (``seen_version``): two people acting on the same agenda cannot
both succeed.

After publication the agenda can still change, visibly: adding, changing or removing an item and
adding or replacing a stuk write an ``AgendaChange`` in the same transaction as the change.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.events import send_after_commit
from core.locking import describe_changes, save_versioned
from governance.constants import CHAIR_ROLES, AgendaChangeKind, AgendaState
from governance.models import AgendaChange, AgendaItem, Document, Meeting, Membership
from governance.services.register import object_save
from governance.signals import agenda_changed, agenda_published, agenda_submitted

logger = logging.getLogger(__name__)

DESCRIPTION_MAX = 400
TITLE_MAX = 120


def _announce(signal, meeting_id: int, **kwargs) -> None:
    """Send ``signal`` after the commit; a failing receiver (a mail that cannot be queued) is
    logged, not shown as an error about the agenda's transition, which is saved."""

    def send() -> None:
        for receiver, result in signal.send_robust(sender=Meeting, meeting_id=meeting_id, **kwargs):
            if isinstance(result, Exception):
                logger.error(
                    "Receiver %r failed for meeting %s", receiver, meeting_id, exc_info=result
                )

    transaction.on_commit(send)


def _state_refusal(meeting: Meeting, action: str) -> ValidationError:
    """Why ``action`` cannot be done from the agenda's current state (a whole-form error)."""
    state = meeting.get_agenda_state_display().lower()
    return ValidationError(
        _("De agenda kan niet worden %(action)s: ze is nu ‘%(state)s’.")
        % {"action": action, "state": state}
    )


def chair_users_exist(meeting: Meeting) -> bool:
    """Someone chairs the meeting's body on the meeting date and can sign in to approve."""
    day = timezone.localdate(meeting.starts_at)
    return (
        Membership.objects.filter(
            body_id=meeting.body_id,
            role__in=CHAIR_ROLES,
            person__user__isnull=False,
            person__user__is_active=True,
        )
        .valid_on(day)
        .exists()
    )


@transaction.atomic
def agenda_submit(*, meeting: Meeting, seen_version: int | None, user) -> Meeting:
    """concept → ter vaststelling: the chair gets the agenda to approve."""
    if meeting.agenda_state != AgendaState.CONCEPT:
        raise _state_refusal(meeting, _("aangeboden"))
    if not meeting.items.exists():
        raise ValidationError(
            _("Er staan nog geen agendapunten op deze vergadering; voeg ze eerst toe.")
        )
    if not chair_users_exist(meeting):
        raise ValidationError(
            _(
                "Niemand met een account in het portaal is op %(date)s voorzitter van "
                "%(body)s, dus niemand kan de agenda vaststellen. Verzend de agenda direct, "
                "met een reden (bijv. ‘voorzitter akkoord per mail’)."
            )
            % {
                "date": timezone.localdate(meeting.starts_at).strftime("%d-%m-%Y"),
                "body": meeting.body.name,
            }
        )
    meeting.agenda_state = AgendaState.TER_VASTSTELLING
    meeting.agenda_submitted_at = timezone.now()
    meeting.agenda_chair_remark = ""
    meeting = save_versioned(meeting, seen_version=seen_version, user=user)
    _announce(agenda_submitted, meeting.pk, submission=meeting.version)
    return meeting


@transaction.atomic
def agenda_approve(*, meeting: Meeting, seen_version: int | None, user) -> Meeting:
    """ter vaststelling → definitief, by the chair."""
    if meeting.agenda_state != AgendaState.TER_VASTSTELLING:
        raise _state_refusal(meeting, _("vastgesteld"))
    meeting.agenda_state = AgendaState.DEFINITIEF
    meeting.agenda_published_at = timezone.now()
    meeting.agenda_published_by = user
    meeting.agenda_publish_reason = ""
    meeting = save_versioned(meeting, seen_version=seen_version, user=user)
    _announce(agenda_published, meeting.pk)
    return meeting


@transaction.atomic
def agenda_return(*, meeting: Meeting, remark: str, seen_version: int | None, user) -> Meeting:
    """ter vaststelling → concept, with the chair's remark for the secretary."""
    if meeting.agenda_state != AgendaState.TER_VASTSTELLING:
        raise _state_refusal(meeting, _("teruggestuurd"))
    remark = (remark or "").strip()
    if not remark:
        raise ValidationError({"remark": _("Schrijf de secretaris waarom de agenda terug gaat.")})
    meeting.agenda_state = AgendaState.CONCEPT
    meeting.agenda_chair_remark = remark
    return save_versioned(meeting, seen_version=seen_version, user=user)


@transaction.atomic
def agenda_publish(*, meeting: Meeting, reason: str, seen_version: int | None, user) -> Meeting:
    """concept or ter vaststelling → definitief by the secretary, with a recorded reason."""
    if meeting.agenda_state == AgendaState.DEFINITIEF:
        raise _state_refusal(meeting, _("verzonden"))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {
                "reason": _(
                    "Geef de reden waarom u verzendt zonder vaststelling in het portaal, "
                    "bijv. ‘voorzitter akkoord per mail’."
                )
            }
        )
    if not meeting.items.exists():
        raise ValidationError(
            _("Er staan nog geen agendapunten op deze vergadering; voeg ze eerst toe.")
        )
    meeting.agenda_state = AgendaState.DEFINITIEF
    meeting.agenda_published_at = timezone.now()
    meeting.agenda_published_by = user
    meeting.agenda_publish_reason = reason
    meeting = save_versioned(meeting, seen_version=seen_version, user=user)
    _announce(agenda_published, meeting.pk)
    return meeting


# Changes after publication


def _title(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= TITLE_MAX else text[: TITLE_MAX - 1] + "…"


def record_change(
    *,
    meeting: Meeting,
    kind: str,
    description: str,
    user,
    agenda_item: AgendaItem | None = None,
    document: Document | None = None,
) -> AgendaChange | None:
    """An ``AgendaChange`` when the meeting's agenda is out; nothing before. Call it inside the
    transaction of the change itself; after its commit ``agenda_changed`` is sent."""
    if meeting.agenda_state != AgendaState.DEFINITIEF:
        return None
    change = AgendaChange.objects.create(
        meeting=meeting,
        agenda_item=agenda_item,
        document=document,
        kind=kind,
        description=description[:DESCRIPTION_MAX],
        by=user if getattr(user, "pk", None) else None,
    )
    announce_change(change)
    return change


def announce_change(change: AgendaChange) -> None:
    """Tell the layers above, after the commit, that a published agenda changed."""
    send_after_commit(
        agenda_changed, sender=Meeting, meeting_id=change.meeting_id, by_user_id=change.by_id
    )


ITEM_FIELDS = {"title": _("titel"), "kind": _("soort"), "description": _("toelichting")}


@transaction.atomic
def agenda_item_save(
    *, instance: AgendaItem, seen_version: int | None, user, form=None
) -> AgendaItem:
    """Add or change an agenda item; after publication the change is recorded."""
    before = None
    if instance.pk is not None:
        before = AgendaItem.objects.filter(pk=instance.pk).values(*ITEM_FIELDS).first()
    object_save(instance=instance, seen_version=seen_version, user=user, form=form)
    meeting = instance.meeting
    if before is None:
        record_change(
            meeting=meeting,
            kind=AgendaChangeKind.ITEM_ADDED,
            description=_("Agendapunt ‘%(title)s’ toegevoegd") % {"title": _title(instance.title)},
            user=user,
            agenda_item=instance,
        )
        return instance
    changed = [
        str(label) for name, label in ITEM_FIELDS.items() if before[name] != getattr(instance, name)
    ]
    if changed:
        if before["title"] != instance.title:
            what = _("Agendapunt ‘%(old)s’ gewijzigd in ‘%(title)s’") % {
                "old": _title(before["title"]),
                "title": _title(instance.title),
            }
        else:
            what = _("Agendapunt ‘%(title)s’ gewijzigd") % {"title": _title(instance.title)}
        record_change(
            meeting=meeting,
            kind=AgendaChangeKind.ITEM_CHANGED,
            description=f"{what} ({', '.join(changed)})",
            user=user,
            agenda_item=instance,
        )
    return instance


def removal_refusals(item: AgendaItem) -> list[str]:
    """Why ``item`` cannot be removed (empty: it can). Dutch, one reason a line."""
    reasons = []
    if item.outcome.strip():
        reasons.append(_("Er is al een uitkomst vastgelegd."))
    if item.created_actions.exists():
        reasons.append(_("Uit het besluit over dit agendapunt zijn acties aangemaakt."))
    if item.documents.exists():
        reasons.append(
            _("Er staan stukken bij dit agendapunt; die blijven bewaard, dus het punt ook.")
        )
    if item.reflection_conclusions.exists():
        reasons.append(_("Een conclusie van een casusreflectie verwijst naar dit agendapunt."))
    if item.adopts_minutes_of_id or item.adopted_minutes.exists():
        reasons.append(_("Bij dit agendapunt wordt een verslag vastgesteld."))
    return reasons


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem, seen_version: int | None, user) -> None:
    """Remove an agenda item that nothing depends on; after publication it is recorded."""
    current = AgendaItem.objects.select_for_update().get(pk=item.pk)
    if seen_version is None or current.version != seen_version:
        raise describe_changes(current, seen_version or 0)
    reasons = removal_refusals(current)
    if reasons:
        raise ValidationError(
            _("Dit agendapunt kan niet worden verwijderd: %(reasons)s")
            % {"reasons": " ".join(reasons)}
        )
    meeting = item.meeting
    record_change(
        meeting=meeting,
        kind=AgendaChangeKind.ITEM_REMOVED,
        description=_("Agendapunt ‘%(title)s’ verwijderd") % {"title": _title(current.title)},
        user=user,
    )
    current._history_user = user
    current.delete()


def record_document_added(document: Document, user) -> None:
    item = document.agenda_item
    record_change(
        meeting=item.meeting,
        kind=AgendaChangeKind.DOCUMENT_ADDED,
        description=_("Stuk ‘%(title)s’ toegevoegd bij agendapunt ‘%(item)s’")
        % {"title": _title(document.title), "item": _title(item.title)},
        user=user,
        agenda_item=item,
        document=document,
    )


def record_document_replaced(document: Document, user) -> None:
    item = document.agenda_item
    record_change(
        meeting=item.meeting,
        kind=AgendaChangeKind.DOCUMENT_REPLACED,
        description=_("Stuk ‘%(title)s’ vervangen bij agendapunt ‘%(item)s’")
        % {"title": _title(document.title), "item": _title(item.title)},
        user=user,
        agenda_item=item,
        document=document,
    )
