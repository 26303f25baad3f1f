"""The printable meeting preparation of a bestuurder: exactly what the page
``dashboard.views.MeetingPreparationView`` shows the same user, as a report.

It reuses ``dashboard.selectors.preparation.meeting_preparation`` (so the case text of
reflections is only read for people with ``casereflection.view_case_text``, the agenda only by
those with ``governance.view_agenda`` on the meeting and the names of the vergaderstukken per
agenda item only by those with ``governance.view_documents`` on it).

The preparation is about a coming meeting and is always read as it is now: ``stand`` only
decides whether the report says so (when a past date was chosen), and there is no period.

Queries: those of ``meeting_preparation`` (constant).
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from core.history import user_label
from dashboard.reports.base import Section
from dashboard.selectors.preparation import meeting_preparation
from governance.selectors.notes import notes_by_item


def preparation_report(
    region,
    *,
    stand: date,
    sinds: date | None = None,
    user,
    meeting,
    with_notes: bool = False,
    **_obj,
) -> dict:
    """The context of ``templates/reports/preparation_body.html``. ``with_notes``: the
    requesting user's own notes per agenda item (one query more), nobody else's."""
    context = meeting_preparation(meeting, region, user)
    body = context["body"]
    can_view_documents = context["can_view_documents"]
    show_reflections = bool(
        context["reflection_follow_up"]
        or context["reflections_offered"]
        or context["reflection_follow_up_done"]
    )
    note_items = []
    if with_notes:
        notes = notes_by_item(meeting, user)
        for item in context["items"]:
            if notes.get(item.pk):
                item.my_notes = notes[item.pk]
                note_items.append(item)
    sections = [
        Section("voorbereiding-vergadering", "De vergadering"),
        Section("voorbereiding-agenda", "Agenda"),
    ]
    if with_notes:
        sections.append(Section("voorbereiding-notities", "Mijn notities"))
    sections += [
        Section("voorbereiding-mijn-acties", "Acties waarvan u trekker bent"),
        Section("voorbereiding-acties-gremium", f"Open acties van {body.name}"),
    ]
    if show_reflections:
        sections.append(Section("voorbereiding-reflecties", "Opvolging van casusreflecties"))
    sections += [
        Section("voorbereiding-knelpunten", f"Knelpunten bij de thema's van {body.name}"),
        Section("voorbereiding-controles", f"Structuurcontroles over {body.name}"),
        Section("voorbereiding-veranderd", "Wat is er veranderd sinds de vorige vergadering"),
    ]
    return {
        **context,
        "sections": sections,
        "can_view_documents": can_view_documents,
        "show_reflections": show_reflections,
        "with_notes": with_notes,
        "note_items": note_items,
        "prepared_for": user_label(user),
        "stand_is_past": stand < timezone.localdate(),
    }
