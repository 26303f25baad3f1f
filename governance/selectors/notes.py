"""Reads of personal notes. Every function takes the user and reads that user's notes only:
there is no way to ask for someone else's. Constant queries at any number of notes."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count

from core.roles import visible_region_ids
from governance.models import Document, Meeting, PersonalNote

PDF_TYPE = "application/pdf"


def notes_by_item(meeting: Meeting, user) -> dict[int, list[PersonalNote]]:
    """The user's notes on the agenda of ``meeting``, per agenda item (one query)."""
    per_item: dict[int, list[PersonalNote]] = defaultdict(list)
    notes = (
        PersonalNote.objects.filter(user=user, agenda_item__meeting=meeting)
        .select_related("document")
        .order_by("agenda_item_id", "document__title", "document_id", "page", "created_at", "pk")
    )
    for note in notes:
        per_item[note.agenda_item_id].append(note)
    return per_item


def note_counts(meeting: Meeting, user) -> dict[int, int]:
    """How many notes the user has per agenda item of ``meeting`` (one query)."""
    return dict(
        PersonalNote.objects.filter(user=user, agenda_item__meeting=meeting)
        .values_list("agenda_item")
        .annotate(n=Count("pk"))
        .order_by()
    )


def documents_by_item(meeting: Meeting) -> dict[int, list[Document]]:
    """The stukken of ``meeting`` per agenda item, by title (one query)."""
    per_item: dict[int, list[Document]] = defaultdict(list)
    for doc in (
        Document.objects.filter(agenda_item__meeting=meeting)
        .only("pk", "title", "agenda_item_id", "content_type", "size")
        .order_by("title", "pk")
    ):
        doc.is_pdf = doc.content_type == PDF_TYPE
        per_item[doc.agenda_item_id].append(doc)
    return per_item


def preparation_notes(meeting: Meeting, items, user, *, with_documents: bool) -> list[dict]:
    """Per agenda item of the preparation page: its stukken (when the user may read them) and
    the user's own notes. Two queries."""
    notes = notes_by_item(meeting, user)
    documents = documents_by_item(meeting) if with_documents else {}
    return [
        {"item": item, "documents": documents.get(item.pk, []), "notes": notes.get(item.pk, [])}
        for item in items
    ]


def my_notes(user) -> dict:
    """All of the user's notes in the regions they can still read, grouped by meeting (newest
    meeting first), and how many notes lie in regions they no longer read (one or two
    queries)."""
    mine = PersonalNote.objects.filter(user=user)
    ids = visible_region_ids(user)
    visible = mine if ids is None else mine.filter(agenda_item__meeting__body__region__in=ids)
    notes = visible.select_related("agenda_item__meeting__body__region", "document").order_by(
        "-agenda_item__meeting__starts_at",
        "agenda_item__meeting_id",
        "agenda_item__order",
        "agenda_item_id",
        "document__title",
        "page",
        "created_at",
        "pk",
    )
    groups: list[dict] = []
    by_meeting: dict[int, dict] = {}
    total = 0
    for note in notes:
        total += 1
        meeting = note.agenda_item.meeting
        group = by_meeting.get(meeting.pk)
        if group is None:
            group = by_meeting[meeting.pk] = {
                "meeting": meeting,
                "region": meeting.body.region,
                "notes": [],
            }
            groups.append(group)
        group["notes"].append(note)
    elsewhere = 0 if ids is None else mine.exclude(pk__in=visible.values("pk")).count()
    return {"groups": groups, "total": total, "elsewhere": elsewhere}
