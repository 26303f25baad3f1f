"""Reads of the action page of the werkagenda: the action with what the page and the permission
check need, its progress notes and its history. Fixed numbers of queries, stated per function.
"""

from __future__ import annotations

from datetime import date

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.constants import ActionList
from governance.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Body,
    Membership,
    Person,
    Region,
    Theme,
)
from governance.selectors.register import _history_of, attach_region
from governance.selectors.werkagenda import LIST_INFO, action_flags, trekker_label


def get_action(region: Region, pk: int) -> Action:
    """The action ``pk`` of ``region`` with what the page and the permission check need
    (owner and trekker's person for ``holds_action``) in one query; 404 otherwise."""
    action = get_object_or_404(
        Action.objects.in_region(region).select_related(
            "theme",
            "trekker__person",
            "trekker__body",
            "owner",
            "owning_body",
            "origin_agenda_item__meeting__body",
        ),
        pk=pk,
    )
    action.region = region
    attach_region([action.owning_body], region)
    if action.trekker_id:
        attach_region([action.trekker.body], region)
    if action.origin_agenda_item_id:
        attach_region([action.origin_agenda_item.meeting.body], region)
    return action


def action_detail(action: Action, *, today: date | None = None) -> dict:
    """Everything on the action page: five queries, whatever the number of updates."""
    today = today or timezone.localdate()
    updates = list(
        ActionUpdate.objects.filter(action=action).select_related("author").order_by("-date", "-id")
    )
    action.last_update_on = max((u.date for u in updates), default=action.created_on)
    action.flags = action_flags(action, today)
    agenda_items = list(
        AgendaItem.objects.filter(action=action)
        .select_related("meeting__body")
        .order_by("-meeting__starts_at", "order")
    )
    attach_region([item.meeting.body for item in agenda_items], action.region)
    history = action_history(action)
    return {
        "coalition": list(action.coalition.order_by("name")),
        "knelpunten": list(action.knelpunten.select_related("theme").order_by("title")),
        "agenda_items": agenda_items,
        "updates": updates,
        "history": history,
        "list_info": LIST_INFO[action.list],
        "moves": [(k, LIST_INFO[k]["name"]) for k in ActionList.values if k != action.list],
    }


def _names(field: str, ids: set[int]) -> dict[str, str]:
    """Readable names for the ids a history line shows for a foreign key (one query)."""
    if field == "trekker":
        rows = Membership.objects.filter(pk__in=ids).select_related("person", "body")
        return {f"#{m.pk}": trekker_label(m) for m in rows}
    model = {"owner": Person, "owning_body": Body, "theme": Theme}.get(field)
    if model is None:
        return {}
    return {
        f"#{pk}": name for pk, name in model.objects.filter(pk__in=ids).values_list("pk", "name")
    }


def action_history(action: Action) -> list:
    """The action's field history (newest first), with people, bodies and themes named.

    One query for the history records, plus one per kind of related field that changed.
    """
    labels = {"+": _("aangemaakt"), "~": _("gewijzigd"), "-": _("verwijderd")}
    entries = _history_of(
        Action, Action.history.filter(id=action.pk).select_related("history_user"), labels
    )
    by_label = {
        str(Action._meta.get_field(name).verbose_name): name
        for name in ("trekker", "owner", "owning_body", "theme")
    }
    wanted: dict[str, set[int]] = {}
    for entry in entries:
        entry.object_label = _("actie ‘%(title)s’") % {"title": action.title}
        for label, before, after in entry.changes:
            if label in by_label:
                for value in (before, after):
                    if value.startswith("#") and value[1:].isdigit():
                        wanted.setdefault(by_label[label], set()).add(int(value[1:]))
    names = {field: _names(field, ids) for field, ids in wanted.items()}
    for entry in entries:
        entry.changes = [
            (
                label,
                names.get(by_label.get(label), {}).get(before, before),
                names.get(by_label.get(label), {}).get(after, after),
            )
            for label, before, after in entry.changes
        ]
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries
