"""Writes around meetings: the outcome of an agenda item (with the actions a decision creates
or moves, in one transaction), vergaderstukken, and the calendar feed's secret."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.locking import StaleEdit, save_versioned
from governance.constants import ActionOrigin
from governance.models import Action, AgendaItem, CalendarFeed, Document
from governance.services.agenda import record_document_added, record_document_replaced
from governance.services.minutes import adopt_minutes, refuse_if_adopted
from governance.services.werkagenda import action_move, action_save
from governance.uploads import check_document


def _prefixed(exc: ValidationError, prefix: str) -> ValidationError:
    """The same errors, keyed by the decision form's prefixed field names."""
    if hasattr(exc, "error_dict"):
        return ValidationError({f"{prefix}{k}": v for k, v in exc.error_dict.items()})
    return exc


@transaction.atomic
def agenda_item_decide(
    *,
    item: AgendaItem,
    outcome: str,
    seen_version: int,
    user,
    new_action: dict | None = None,
    move: dict | None = None,
    minutes_text: str | None = None,
) -> AgendaItem:
    """Record the outcome of an agenda item; a decision may create and/or move actions.

    ``new_action``: fields of a new action (title, list, theme, trekker, owning_body,
    coalition, due_date); its origin is this decision. ``move``: to_list, note,
    closed_reason, trekker, coalition for the action linked to the item. When any part is
    refused, nothing is saved — the outcome included.

    ``minutes_text``: the short verslag text of the item (None keeps it). Refused once the
    meeting's minutes are adopted. On an item that adopts another meeting's minutes
    (``adopts_minutes_of``) the decision adopts them, the outcome being the corrections.
    """
    refuse_if_adopted(item.meeting)
    item.outcome = outcome
    if minutes_text is not None:
        item.minutes_text = minutes_text
    save_versioned(item, seen_version=seen_version, user=user)
    if item.adopts_minutes_of_id:
        adopt_minutes(item=item, user=user)
    region = item.meeting.body.region
    meeting_label = str(item.meeting)
    if new_action:
        data = dict(new_action)
        coalition = data.pop("coalition", [])
        action = Action(
            region=region,
            origin=ActionOrigin.VERGADERBESLUIT,
            origin_note=_("Besluit %(meeting)s: %(item)s")
            % {"meeting": meeting_label, "item": item.title},
            origin_agenda_item=item,
            **data,
        )
        if action.owning_body_id is None:
            action.owning_body = item.meeting.body
        try:
            action_save(
                instance=action,
                seen_version=None,
                user=user,
                coalition=coalition,
                note=_("Aangemaakt bij het besluit over ‘%(item)s’.") % {"item": item.title},
            )
        except ValidationError as exc:
            raise _prefixed(exc, "new_") from exc
    if move:
        if item.action_id is None:
            raise ValidationError({"move_to_list": _("Dit agendapunt heeft geen actie.")})
        action = Action.objects.select_for_update().get(pk=item.action_id)
        seen = move.get("seen_version")
        try:
            action_move(
                action=action,
                to_list=move["to_list"],
                # The version the decision form showed: a move or edit made since is refused.
                seen_version=action.version if seen is None else seen,
                user=user,
                note=move.get("note")
                or _("Besluit %(meeting)s: %(item)s")
                % {"meeting": meeting_label, "item": item.title},
                closed_reason=move.get("closed_reason", ""),
                trekker=move.get("trekker"),
                # The deciding table owns the action unless it already has an owner.
                owning_body=move.get("owning_body")
                or (None if action.owning_body_id else item.meeting.body),
                coalition=move.get("coalition") or None,
            )
        except ValidationError as exc:
            raise _prefixed(exc, "move_") from exc
        except StaleEdit as stale:
            stale.version_field = "move_seen_version"
            raise
    return item


@transaction.atomic
def document_add(
    *, agenda_item: AgendaItem, title: str, upload, user, record_change: bool = True
) -> Document:
    """A new vergaderstuk. After the agenda went out the addition is recorded as a change
    after publication; ``record_change=False`` is for a loader whose data carries its own
    record of that change (the demo)."""
    kind = check_document(upload)
    document = Document(
        agenda_item=agenda_item,
        title=title,
        file=upload,
        original_name=(upload.name or "")[:255],
        content_type=kind.content_type,
        size=upload.size,
        uploaded_by=user,
        uploaded_at=timezone.now(),
    )
    save_versioned(document, seen_version=None, user=user)
    if record_change:
        record_document_added(document, user)
    return document


@transaction.atomic
def document_replace(
    *, document: Document, title: str, upload, seen_version: int, user
) -> Document:
    """A new file for the same vergaderstuk. The earlier file stays on disk and in the
    document's history, where readers of the meeting can still download it."""
    document.title = title or document.title
    if upload is not None:
        kind = check_document(upload)
        document.file = upload
        document.original_name = (upload.name or "")[:255]
        document.content_type = kind.content_type
        document.size = upload.size
        document.uploaded_by = user
        document.uploaded_at = timezone.now()
    save_versioned(document, seen_version=seen_version, user=user)
    if upload is not None:
        record_document_replaced(document, user)
    return document


def calendar_feed_for(user) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def calendar_feed_renew(*, user) -> CalendarFeed:
    """A new secret: calendar links made with the old one stop working at once."""
    feed = calendar_feed_for(user)
    feed.token = CalendarFeed._meta.get_field("token").default()
    feed.renewed_at = timezone.now()
    feed.save(update_fields=["token", "renewed_at"])
    return feed
