"""The conclusions of a reflection: the follow-up of their actions (for the overview and the
reflection page) and the choices of the conclusion form."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from casereflection.models import CaseReflection, Conclusion
from governance.constants import ActionList, Level
from governance.models import Action, AgendaItem, Region


@dataclass
class FollowUp:
    """The actions that came from a reflection's conclusions."""

    conclusions: int = 0
    actions: int = 0
    done: int = 0
    running: int = 0
    overdue: int = 0

    def add(self, action: Action | None, today: date) -> None:
        self.conclusions += 1
        if action is None:
            return
        self.actions += 1
        if action.list == ActionList.GEREED:
            self.done += 1
        else:
            self.running += 1
            if action.is_overdue(today):
                self.overdue += 1


def _follow_up(reflection: CaseReflection, today: date) -> FollowUp:
    result = FollowUp()
    for conclusion in reflection.conclusions.all():
        result.add(conclusion.action, today)
    return result


def _conclusions_with_action_state() -> Prefetch:
    # One query for the conclusions of all rows, the action's list and due date joined in.
    return Prefetch(
        "conclusions",
        queryset=Conclusion.objects.select_related("action").only(
            "id", "reflection", "action", "action__list", "action__due_date"
        ),
    )


def conclusion_agenda_items(region: Region) -> QuerySet:
    """Agenda items of meetings of the region's administrative bodies, newest meeting first
    (meeting and body joined for the label)."""
    return (
        AgendaItem.objects.filter(
            meeting__body__region=region, meeting__body__level=Level.BESTUURLIJK
        )
        .select_related("meeting__body")
        .order_by("-meeting__starts_at", "order", "pk")
    )


def agenda_item_label(item: AgendaItem) -> str:
    """'dd-mm-jjjj — Gremium — agendapunt'."""
    day = timezone.localtime(item.meeting.starts_at).strftime("%d-%m-%Y")
    return f"{day} — {item.meeting.body.name} — {item.title}"
