"""The besluitenlijst and the verslag of a meeting, as page and PDF.

Both read ``governance.selectors.minutes.minutes_view``: an adopted version is printed from
its stored content (what was adopted, never today's data), a concept from the live
composition. The dates in the content are ISO strings; here they become dates again for the
template.

Queries: the versions (one) and, for a concept, the composition (four) — constant.
"""

from __future__ import annotations

from datetime import date, datetime

from dashboard.reports.base import Section
from governance.selectors.minutes import minutes_view


def _datetime(value: str | None):
    return datetime.fromisoformat(value) if value else None


def _date(value: str | None):
    return date.fromisoformat(value[:10]) if value else None


def _display(content: dict) -> dict:
    """A copy of ``content`` with dates for the template (the stored content is untouched)."""
    meeting = dict(content.get("meeting", {}))
    meeting["starts"] = _datetime(meeting.get("starts_at"))
    meeting["ends"] = _datetime(meeting.get("ends_at"))
    items = []
    for raw in content.get("items", []):
        item = dict(raw)
        item["created_actions"] = [
            {**a, "due": _date(a.get("due_date"))} for a in raw.get("created_actions", [])
        ]
        moved = raw.get("moved_action")
        item["moved_action"] = {**moved, "due": _date(moved.get("due_date"))} if moved else None
        items.append(item)
    return {
        **content,
        "meeting": meeting,
        "items": items,
        "decisions": [i for i in items if i.get("is_decision")],
    }


def _minutes_context(meeting, number) -> dict:
    view = minutes_view(meeting, number)
    return {**view, "minutes": _display(view["content"])}


def besluitenlijst_report(
    region, *, stand: date, sinds: date | None = None, user, meeting, number=None, **_obj
) -> dict:
    context = _minutes_context(meeting, number)
    context["sections"] = [
        Section("minutes-status", "Status"),
        Section("besluiten", "Besluiten"),
    ]
    if context["versions"]:
        context["sections"].append(Section("minutes-versies", "Versies"))
    return context


def verslag_report(
    region, *, stand: date, sinds: date | None = None, user, meeting, number=None, **_obj
) -> dict:
    context = _minutes_context(meeting, number)
    sections = [
        Section("minutes-status", "Status"),
        Section("aanwezigheid", "Aanwezigheid"),
        Section("agendapunten", "Agendapunten"),
    ]
    if context["versions"]:
        sections.append(Section("minutes-versies", "Versies"))
    context["sections"] = sections
    return context
