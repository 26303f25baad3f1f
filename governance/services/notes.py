"""Writes of personal notes. A note belongs to its author alone: every service takes the
signed-in user and only ever touches that user's notes. Nothing here writes history or the
audit log, and no message repeats a note's text."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.locking import StaleEdit
from governance.models import AgendaItem, Document, PersonalNote

MAX_NOTE_CHARS = 10_000
MAX_PAGE = 100_000


class StaleNote(StaleEdit):
    """The note was saved in another window or tab after this form was opened."""

    version_field = "seen"

    def __init__(self, *, current: str):
        super().__init__(changes=[], editors=[], current_version=current)

    @property
    def message(self) -> str:
        return _(
            "Niet opgeslagen: u heeft deze notitie intussen in een ander venster of tabblad "
            "gewijzigd. De opgeslagen tekst staat hieronder; sla opnieuw op als uw wijziging "
            "nog nodig is."
        )


def seen_value(note: PersonalNote) -> str:
    """What the edit form carries to detect a save in another tab."""
    return note.updated_at.isoformat()


def _check(*, item: AgendaItem, document: Document | None, page: int | None, text: str) -> None:
    errors: dict[str, str] = {}
    if not text or not text.strip():
        errors["text"] = _("Schrijf een notitie.")
    elif "\x00" in text:
        errors["text"] = _("De notitie bevat een ongeldig teken (NUL).")
    elif len(text) > MAX_NOTE_CHARS:
        errors["text"] = _("Een notitie is ten hoogste %(max)s tekens.") % {"max": "10.000"}
    if document is not None and document.agenda_item_id != item.pk:
        errors["document"] = _("Dit stuk hoort niet bij dit agendapunt.")
    if page is not None:
        if document is None:
            errors["page"] = _("Een paginanummer hoort bij een stuk: kies ook het stuk.")
        elif not 1 <= page <= MAX_PAGE:
            errors["page"] = _("Kies een pagina van 1 tot en met %(max)s.") % {"max": "100.000"}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def note_add(
    *, user, item: AgendaItem, text: str, document: Document | None = None, page=None
) -> PersonalNote:
    _check(item=item, document=document, page=page, text=text)
    now = timezone.now()
    return PersonalNote.objects.create(
        user=user,
        agenda_item=item,
        document=document,
        page=page,
        text=text,
        created_at=now,
        updated_at=now,
    )


@transaction.atomic
def note_update(
    *, user, note: PersonalNote, text: str, document: Document | None, page, seen: str
) -> PersonalNote:
    """Change the user's own note, unless it was saved elsewhere since ``seen``."""
    current = PersonalNote.objects.select_for_update().get(pk=note.pk, user=user)
    if seen_value(current) != seen:
        raise StaleNote(current=seen_value(current))
    _check(item=current.agenda_item, document=document, page=page, text=text)
    current.text = text
    current.document = document
    current.page = page
    current.updated_at = timezone.now()
    current.save(update_fields=["text", "document", "page", "updated_at"])
    return current


@transaction.atomic
def note_delete(*, user, note: PersonalNote) -> None:
    PersonalNote.objects.filter(pk=note.pk, user=user).delete()


@transaction.atomic
def notes_delete_all(*, user) -> int:
    """Delete every note of ``user`` at once; the number deleted."""
    deleted, _per_model = PersonalNote.objects.filter(user=user).delete()
    return deleted
