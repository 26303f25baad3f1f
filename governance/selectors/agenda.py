"""Reads about a meeting's agenda as it went out: the stukken term, documents sent after it
(‘nagezonden’), and the changes made after publication (‘gewijzigd na verzending’).

``annotate_agenda`` adds the marks to items and documents that a page already loaded, with one
query for the changes, whatever the number of items, documents or changes.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from core.constants import Role
from core.roles import roles_in
from governance.constants import CHAIR_ROLES, DOCUMENTS_TERM_DAYS, AgendaState
from governance.models import AgendaChange, Meeting, Membership


def documents_deadline(meeting: Meeting) -> date:
    """The last day stukken count as sent in time: the meeting date minus the body's term."""
    days = meeting.body.documents_term_days
    if days is None:
        days = DOCUMENTS_TERM_DAYS
    return timezone.localdate(meeting.starts_at) - timedelta(days=days)


def is_late(document, deadline: date) -> bool:
    """Uploaded (local date) after the deadline: ‘nagezonden’."""
    return document.uploaded_at is not None and timezone.localdate(document.uploaded_at) > deadline


def agenda_changes(meeting: Meeting) -> list[AgendaChange]:
    """The changes after publication, oldest first (one query)."""
    return list(
        AgendaChange.objects.filter(meeting=meeting).select_related("by").order_by("at", "pk")
    )


def annotate_agenda(meeting: Meeting, items, documents_of=None) -> dict:
    """Mark ``items`` (``item.changed_after_publication``, ``item.changes``) and their documents
    (``doc.nagezonden``, ``doc.changed_after_publication``). ``documents_of(item)`` returns an
    item's loaded documents (default: ``item.documents.all()``, prefetched by the caller).

    Returns ``agenda_changes`` and ``documents_deadline`` for the page."""
    deadline = documents_deadline(meeting)
    changes = agenda_changes(meeting)
    by_item: dict[int, list] = {}
    changed_documents = set()
    for change in changes:
        if change.agenda_item_id:
            by_item.setdefault(change.agenda_item_id, []).append(change)
        if change.document_id:
            changed_documents.add(change.document_id)
    for item in items:
        item.changes = by_item.get(item.pk, [])
        item.changed_after_publication = bool(item.changes)
        docs = documents_of(item) if documents_of else item.documents.all()
        for doc in docs:
            doc.nagezonden = is_late(doc, deadline)
            doc.changed_after_publication = doc.pk in changed_documents
    return {"agenda_changes": changes, "documents_deadline": deadline}


def agenda_visibility(user, region):
    """``visible(meeting) -> bool`` for the meetings of ``region`` in a list: the rule
    ``governance.view_agenda`` (secretary; the body's chair on the meeting date; anyone with a
    role in the region once the agenda is definitief) with at most one query for the user's
    chair seats, however many meetings. ``tests/governance/test_agenda_cycle.py`` compares it
    with the rule itself."""
    roles = roles_in(user, region.pk)
    if Role.SECRETARY in roles:
        return lambda meeting: True
    if not roles:
        return lambda meeting: False
    seats = list(
        Membership.objects.filter(
            body__region=region, person__user=user, role__in=CHAIR_ROLES
        ).values_list("body_id", "start", "end")
    )

    def visible(meeting) -> bool:
        if meeting.agenda_state == AgendaState.DEFINITIEF:
            return True
        day = timezone.localdate(meeting.starts_at)
        return any(
            body_id == meeting.body_id
            and (start is None or start <= day)
            and (end is None or end > day)
            for body_id, start, end in seats
        )

    return visible
