"""Vergaderstukken and personal notes of the demo (``demo/demo.json``: ``stukken``, ``notes``).

Neither is part of the region format: stukken are files, and personal notes belong to an
account and are never exported. The manifest names them by the agenda item of the region file
(the meeting's key and the item's position) and dates them relative to the meeting's day, so
they move with the load day like the meeting does: a stuk sent in late stays late.

* a stuk is stored as an upload is (``governance.services.meetings.document_add``, by the
  region's demo secretary), then gets its upload moment: ``days_before`` the meeting's day at
  10:00 (its creation record too);
* a note is a ``PersonalNote`` of its account, written ``days_before`` the meeting's day at
  20:00 (never later than the load moment).

Both are only created together with the region they belong to, so a second run adds nothing.
``export_demo`` copies both lists from the manifest as they are.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dashboard.demo.manifest import Manifest
from governance.models import Document, PersonalNote
from governance.services.meetings import document_add


def _before(agenda_item, days: int, at: time) -> datetime:
    day = timezone.localtime(agenda_item.meeting.starts_at).date() - timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, at))


def _item(manifest: Manifest, keys, entry, where: str):
    item = keys.agenda_items.get((entry.meeting, entry.item))
    if item is None:
        raise ValueError(
            f"{manifest.directory / 'demo.json'}: {where}: vergadering ‘{entry.meeting}’ heeft "
            f"geen agendapunt {entry.item}."
        )
    return item


def add_stukken(manifest: Manifest, slug: str, keys, uploader) -> int:
    """The stukken of region ``slug`` (``keys``: the import result of its region file)."""
    count = 0
    for n, stuk in enumerate(manifest.stukken):
        if stuk.region != slug:
            continue
        item = _item(manifest, keys, stuk, f"stukken[{n}]")
        path = manifest.directory / stuk.file
        upload = SimpleUploadedFile(path.name, path.read_bytes(), content_type="application/pdf")
        document = document_add(
            agenda_item=item,
            title=stuk.title,
            upload=upload,
            user=uploader,
            # The region file carries the agenda's changes after publication itself.
            record_change=False,
        )
        moment = _before(item, stuk.days_before, time(10, 0))
        Document.objects.filter(pk=document.pk).update(uploaded_at=moment)
        Document.history.filter(id=document.pk, history_type="+").update(history_date=moment)
        count += 1
    return count


def add_notes(manifest: Manifest, slug: str, keys, users: dict, now: datetime) -> int:
    """The personal notes on agenda items of region ``slug``, each for its own account."""
    notes = []
    for n, note in enumerate(manifest.notes):
        if note.region != slug:
            continue
        item = _item(manifest, keys, note, f"notes[{n}]")
        document = None
        if note.stuk is not None:
            document = Document.objects.filter(agenda_item=item, title=note.stuk).first()
            if document is None:
                raise ValueError(
                    f"{manifest.directory / 'demo.json'}: notes[{n}]: agendapunt {note.item} van "
                    f"‘{note.meeting}’ heeft geen stuk ‘{note.stuk}’."
                )
        written = min(_before(item, note.days_before, time(20, 0)), now)
        notes.append(
            PersonalNote(
                user=users[note.username],
                agenda_item=item,
                document=document,
                page=note.page,
                text=note.text,
                created_at=written,
                updated_at=written,
            )
        )
    PersonalNote.objects.bulk_create(notes)
    return len(notes)
