"""Writes around the minutes (verslag) of a meeting: offering them for adoption at the next
meeting of the body, adopting them through the decision on that item, and correcting an
adopted version with a new one.

An adopted version never changes (the model refuses it as well, ``Minutes.save``); from the
moment a meeting has adopted minutes, the outcomes and verslag texts of its items are final
(``governance.services.meetings.agenda_item_decide`` refuses them).
"""

from __future__ import annotations

import copy

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.events import send_after_commit
from core.locking import describe_changes, save_versioned
from governance.constants import (
    AgendaChangeKind,
    AgendaItemKind,
    AgendaState,
    MeetingStatus,
    MinutesState,
)
from governance.models import AgendaChange, AgendaItem, Meeting, Minutes
from governance.selectors.minutes import compose_minutes, pending_adoption_item
from governance.services.agenda import announce_change
from governance.signals import minutes_adopted

MAX_REASON = 2000


def adoption_title(meeting: Meeting) -> str:
    return _("Vaststellen verslag %(meeting)s") % {"meeting": meeting}


def next_meeting(meeting: Meeting) -> Meeting | None:
    """The next meeting of the same body that is not cancelled."""
    return (
        Meeting.objects.filter(body_id=meeting.body_id, starts_at__gt=meeting.starts_at)
        .exclude(status=MeetingStatus.GEANNULEERD)
        .order_by("starts_at", "pk")
        .first()
    )


def refuse_if_adopted(meeting: Meeting) -> None:
    if meeting.has_adopted_minutes():
        raise ValidationError(
            _(
                "Het verslag is vastgesteld; uitkomsten en verslagteksten van deze vergadering "
                "veranderen niet meer. Maak zo nodig een nieuwe versie van het verslag."
            )
        )


@transaction.atomic
def minutes_offer(*, meeting: Meeting, user) -> tuple[Minutes, AgendaItem]:
    """Offer the minutes of a held meeting for adoption: version 1 (concept) when there is
    none, and an item ‘Vaststellen verslag …’ on the next meeting of the body unless one is
    there already. Idempotent: offering again changes nothing that exists."""
    meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    if meeting.status == MeetingStatus.GEANNULEERD:
        raise ValidationError(_("Deze vergadering is geannuleerd; er is geen verslag."))
    if meeting.status != MeetingStatus.GEHOUDEN and meeting.starts_at > timezone.now():
        raise ValidationError(
            _("Het verslag kan pas ter vaststelling worden aangeboden na de vergadering.")
        )
    versions = list(Minutes.objects.filter(meeting=meeting).order_by("number"))
    if versions and versions[-1].state == MinutesState.VASTGESTELD:
        raise ValidationError(_("Het verslag van deze vergadering is al vastgesteld."))
    minutes = versions[-1] if versions else None
    if minutes is None:
        minutes = Minutes(meeting=meeting, number=1, state=MinutesState.CONCEPT, created_by=user)
        save_versioned(minutes, seen_version=None, user=user)
    item = pending_adoption_item(meeting)
    if item is not None:
        return minutes, item
    following = next_meeting(meeting)
    if following is None:
        raise ValidationError(
            _(
                "Plan eerst de volgende vergadering van %(body)s: het verslag wordt daar "
                "ter vaststelling geagendeerd."
            )
            % {"body": meeting.body.name}
        )
    last = following.items.order_by("-order").values_list("order", flat=True).first()
    item = AgendaItem(
        meeting=following,
        order=(last or 0) + 1,
        title=adoption_title(meeting)[:200],
        kind=AgendaItemKind.BESLUITEN,
        description=_(
            "Het conceptverslag en de besluitenlijst van %(meeting)s. Leg bij het besluit "
            "eventuele correcties vast."
        )
        % {"meeting": meeting},
        adopts_minutes_of=meeting,
    )
    save_versioned(item, seen_version=None, user=user)
    if following.agenda_state == AgendaState.DEFINITIEF and following.agenda_published_at:
        # The agenda already went out: the page marks it ‘gewijzigd na verzending’.
        change = AgendaChange.objects.create(
            meeting=following,
            agenda_item=item,
            kind=AgendaChangeKind.ITEM_ADDED,
            description=(_("Agendapunt toegevoegd: %(title)s") % {"title": item.title})[:400],
            by=user,
        )
        announce_change(change)
    return minutes, item


def adopt_minutes(*, item: AgendaItem, user) -> Minutes:
    """Called by the decision on ``item`` (an item with ``adopts_minutes_of``), inside its
    transaction: the latest concept version becomes vastgesteld with the composed content and
    the decision's outcome as its corrections."""
    meeting = item.adopts_minutes_of
    latest = Minutes.objects.select_for_update().filter(meeting=meeting).order_by("-number").first()
    if latest is not None and latest.state == MinutesState.VASTGESTELD:
        raise ValidationError(
            {
                "outcome": _(
                    "Het verslag van %(meeting)s is al vastgesteld (versie %(number)s); een "
                    "correctie is een nieuwe versie van het verslag."
                )
                % {"meeting": meeting, "number": latest.number}
            }
        )
    if latest is None:
        latest = Minutes(meeting=meeting, number=1, created_by=user)
        save_versioned(latest, seen_version=None, user=user)
    latest.state = MinutesState.VASTGESTELD
    latest.content = compose_minutes(meeting)
    latest.corrections = item.outcome
    latest.adopted_at = timezone.now()
    latest.adopted_on_item = item
    latest.adopted_by = user
    save_versioned(latest, seen_version=latest.version, user=user)
    send_after_commit(minutes_adopted, sender=Minutes, meeting_id=meeting.pk, minutes_id=latest.pk)
    return latest


def _apply_item_corrections(content: dict, item_texts: dict[int, dict]) -> list[str]:
    """Replace outcome / verslag text of items in ``content``; the titles of changed items."""
    changed = []
    for entry in content.get("items", []):
        texts = item_texts.get(entry.get("id"))
        if not texts:
            continue
        touched = False
        for key in ("outcome", "minutes_text"):
            value = texts.get(key)
            if value is not None and value != entry.get(key, ""):
                entry[key] = value
                touched = True
        if touched:
            changed.append(entry.get("title", ""))
    return changed


@transaction.atomic
def minutes_correct(
    *,
    minutes: Minutes,
    reason: str,
    corrections: str,
    seen_version: int | None,
    user,
    item_texts: dict[int, dict] | None = None,
) -> Minutes:
    """A new adopted version of ``minutes`` (the latest, adopted version): its content with
    the corrected item texts, and the reason and text of the correction. The old version stays
    as it was."""
    reason = (reason or "").strip()
    corrections = (corrections or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = _("Geef de reden van de nieuwe versie.")
    elif len(reason) > MAX_REASON:
        errors["reason"] = _("De reden is te lang (ten hoogste %(max)s tekens).") % {
            "max": MAX_REASON
        }
    if len(corrections) > 20000:
        errors["corrections"] = _("De correcties zijn te lang.")
    if errors:
        raise ValidationError(errors)
    current = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if seen_version is None or current.version != seen_version:
        raise describe_changes(current, seen_version or 0)
    latest = Minutes.objects.filter(meeting_id=current.meeting_id).order_by("-number").first()
    if latest.pk != current.pk:
        raise ValidationError(
            _(
                "Intussen is versie %(number)s van dit verslag gemaakt; open die en corrigeer "
                "zo nodig opnieuw."
            )
            % {"number": latest.number}
        )
    if current.state != MinutesState.VASTGESTELD:
        raise ValidationError(
            _(
                "Dit verslag is nog niet vastgesteld; correcties worden vastgelegd bij het "
                "besluit over ‘Vaststellen verslag’."
            )
        )
    content = copy.deepcopy(current.content) or compose_minutes(current.meeting)
    changed = _apply_item_corrections(content, item_texts or {})
    if not corrections and not changed:
        raise ValidationError(
            {"corrections": _("Beschrijf de correctie, of wijzig de tekst van een agendapunt.")}
        )
    content["correction"] = {
        "of_version": current.number,
        "reason": reason,
        "corrections": corrections,
        "changed_items": changed,
    }
    new = Minutes(
        meeting_id=current.meeting_id,
        number=current.number + 1,
        state=MinutesState.VASTGESTELD,
        content=content,
        corrections=corrections,
        reason=reason,
        adopted_at=timezone.now(),
        adopted_on_item_id=current.adopted_on_item_id,
        adopted_by=user,
        created_by=user,
    )
    save_versioned(new, seen_version=None, user=user)
    return new
