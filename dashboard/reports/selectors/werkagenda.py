"""The werkagenda report: what moved in a period, the actions per list and theme, and the
knelpunten per theme, all "stand per" a chosen date.

Stand-per semantics (the actions' log, ``ActionUpdate``, is the only dated record of lists):

* an action is in the report when ``created_on <= stand``;
* its list on ``stand`` is the ``to_list`` of its last *aangemaakt*/*verplaatsing* entry dated
  on or before ``stand``; without one, the ``from_list`` of its first *verplaatsing* after
  ``stand``; without that too, its current list;
* the day it came on that list is the date of that last entry (else, when the current list
  applies, its ``list_since`` if that lies on or before ``stand``, else ``created_on``);
* its last update is the last log date on or before ``stand`` (``created_on`` when there is
  none), and the signals (``action_flags``) are computed with ``stand`` as today;
* title, theme, trekker, coalition, termijn, weighing and closing reason are the current
  values (the report says so in its Verantwoording);
* a knelpunt is in the report when ``signalled_on <= stand``, with its current status.

Queries: four, whatever the amount of data — the actions with the three log subqueries and
the last update as annotations (1), their coalitions (1), the log entries of the period (1),
the knelpunten (1).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.utils.formats import date_format

from dashboard.reports.base import Section
from governance.constants import ActionList, ActionUpdateKind
from governance.models import Action, ActionUpdate, Knelpunt, Organisation
from governance.selectors.werkagenda import LIST_INFO, action_flags, list_name, stale_label

NO_THEME = "Zonder thema"
LIST_LABEL = dict(ActionList.choices)


@dataclass
class ThemeGroup:
    name: str
    rows: list = field(default_factory=list)


@dataclass
class ListBlock:
    key: str
    heading: str
    name: str
    description: str
    groups: list[ThemeGroup]
    count: int
    older_gereed: int = 0  # only for the gereedlijst: left out, gereed before the period


@dataclass
class Event:
    """One entry of the log in the period, as the summary table shows it."""

    on: date
    action_title: str
    theme: str
    kind: str  # aangemaakt / verplaatsing / voortgang
    label: str
    text: str
    to_gereed: bool


def _log(kinds=None):
    qs = ActionUpdate.objects.filter(action=OuterRef("pk"))
    if kinds:
        qs = qs.filter(kind__in=kinds)
    return qs


def _actions_on(region, stand: date) -> list[Action]:
    """The region's actions that existed on ``stand``, with the stand-per annotations."""
    list_kinds = (ActionUpdateKind.AANGEMAAKT, ActionUpdateKind.VERPLAATSING)
    last_list_entry = _log(list_kinds).filter(date__lte=stand).order_by("-date", "-pk")
    first_move_after = (
        _log((ActionUpdateKind.VERPLAATSING,)).filter(date__gt=stand).order_by("date", "pk")
    )
    last_update = _log().filter(date__lte=stand).order_by("-date", "-pk").values("date")[:1]
    return list(
        Action.objects.in_region(region)
        .filter(created_on__lte=stand)
        .annotate(
            stand_to_list=Subquery(last_list_entry.values("to_list")[:1]),
            stand_entered_on=Subquery(last_list_entry.values("date")[:1]),
            later_from_list=Subquery(first_move_after.values("from_list")[:1]),
            last_update_on=Coalesce(Subquery(last_update), "created_on"),
        )
        .select_related("theme", "trekker__person", "trekker__body")
        .prefetch_related(
            Prefetch(
                "coalition",
                queryset=Organisation.objects.order_by("name"),
                to_attr="coalition_on_report",
            )
        )
    )


def _apply_stand(action: Action, stand: date) -> None:
    """Put the action on its list of ``stand`` (``action.list`` is changed on this copy only,
    so that ``action_flags`` and ``get_list_display`` speak of that day)."""
    action.current_list = action.list
    if action.stand_to_list:
        action.list = action.stand_to_list
        entered = action.stand_entered_on
    elif action.later_from_list:
        action.list = action.later_from_list
        entered = action.created_on
    else:
        entered = action.list_since if action.list_since <= stand else action.created_on
    action.entered_on = entered
    action.flags = action_flags(action, stand)


def _trekker(action: Action) -> str:
    membership = action.trekker
    if membership is None:
        return ""
    who = membership.person.name if membership.person_id else membership.member_display
    body = membership.body.short_name or membership.body.name
    return f"{who} ({body})"


def _row(action: Action) -> dict:
    closed = ""
    if action.list == ActionList.GEREED and action.current_list == ActionList.GEREED:
        closed = action.get_closed_reason_display() if action.closed_reason else ""
    return {
        "action": action,
        "title": action.title,
        "trekker": _trekker(action),
        "coalition": [o.name for o in action.coalition_on_report],
        "list_label": LIST_LABEL[action.list],
        "flags": action.flags,
        "closed_reason": closed,
        "entered_on": action.entered_on,
        "last_update_on": action.last_update_on,
        "due_date": action.due_date,
    }


# The order within a theme, as the werkagenda board orders each list.
_SORT = {
    ActionList.VOORRAAD: lambda a: (
        a.score is None,
        -(a.score or 0),
        a.title.casefold(),
    ),
    ActionList.ACTIE: lambda a: (
        a.due_date is None,
        a.due_date or date.max,
        a.title.casefold(),
    ),
    ActionList.GEREED: lambda a: (-a.entered_on.toordinal(), a.title.casefold()),
}


def _theme_groups(actions: list[Action], list_key: str) -> list[ThemeGroup]:
    by_theme: dict[str | None, list[Action]] = {}
    for action in actions:
        by_theme.setdefault(action.theme.name if action.theme_id else None, []).append(action)
    names = sorted((n for n in by_theme if n is not None), key=str.casefold)
    if None in by_theme:
        names.append(None)
    return [
        ThemeGroup(
            name=name or NO_THEME,
            rows=[_row(a) for a in sorted(by_theme[name], key=_SORT[list_key])],
        )
        for name in names
    ]


def _list_blocks(actions: list[Action], sinds: date) -> tuple[list[ListBlock], list[Action]]:
    by_list: dict[str, list[Action]] = {key: [] for key in ActionList.values}
    for action in actions:
        by_list[action.list].append(action)
    gereed = by_list[ActionList.GEREED]
    new_gereed = [a for a in gereed if a.entered_on > sinds]
    by_list[ActionList.GEREED] = new_gereed
    blocks = []
    for key in ActionList.values:  # voorraad, actie, gereed
        info = LIST_INFO[key]
        blocks.append(
            ListBlock(
                key=key,
                heading=str(info["heading"]),
                name=list_name(key),
                description=str(info["description"]),
                groups=_theme_groups(by_list[key], key),
                count=len(by_list[key]),
                older_gereed=len(gereed) - len(new_gereed) if key == ActionList.GEREED else 0,
            )
        )
    return blocks, new_gereed


def _event(update: ActionUpdate) -> Event:
    kind = update.kind
    if kind == ActionUpdateKind.AANGEMAAKT:
        where = list_name(update.to_list) if update.to_list else ""
        label = f"Nieuw op de {where}" if where else "Nieuw"
    elif kind == ActionUpdateKind.VERPLAATSING:
        source = LIST_LABEL.get(update.from_list, "—")
        target = LIST_LABEL.get(update.to_list, "—")
        # In words, not with an arrow: the bundled font has no glyph for "→".
        label = f"Verplaatst van {source.lower()} naar {target.lower()}"
    else:
        label = "Voortgang"
    action = update.action
    return Event(
        on=update.date,
        action_title=action.title,
        theme=action.theme.name if action.theme_id else NO_THEME,
        kind=kind,
        label=label,
        text=update.text,
        to_gereed=kind == ActionUpdateKind.VERPLAATSING and update.to_list == ActionList.GEREED,
    )


def _period(region, sinds: date, stand: date) -> dict:
    updates = list(
        ActionUpdate.objects.in_region(region)
        .filter(date__gt=sinds, date__lte=stand)
        .select_related("action__theme")
        .order_by("date", "pk")
    )
    events = [_event(u) for u in updates]
    kinds = Counter(e.kind for e in events)
    moves = Counter(
        (u.from_list, u.to_list) for u in updates if u.kind == ActionUpdateKind.VERPLAATSING
    )
    order = {key: i for i, key in enumerate(ActionList.values)}
    move_rows = [
        {
            "from": LIST_LABEL.get(src, "—"),
            "to": LIST_LABEL.get(dst, "—"),
            "count": n,
        }
        for (src, dst), n in sorted(
            moves.items(), key=lambda kv: (order.get(kv[0][0], 9), order.get(kv[0][1], 9))
        )
    ]
    return {
        "events": events,
        "counts": {
            "nieuw": kinds[ActionUpdateKind.AANGEMAAKT],
            "verplaatst": kinds[ActionUpdateKind.VERPLAATSING],
            "voortgang": kinds[ActionUpdateKind.VOORTGANG],
            "gereed": sum(1 for e in events if e.to_gereed),
        },
        "moves": move_rows,
    }


def _knelpunt_groups(region, stand: date) -> tuple[list[dict], int]:
    knelpunten = list(
        Knelpunt.objects.in_region(region)
        .filter(signalled_on__lte=stand)
        .select_related("theme")
        .order_by("theme__name", "title", "pk")
    )
    groups: dict[str, list[Knelpunt]] = {}
    for k in knelpunten:
        groups.setdefault(k.theme.name, []).append(k)
    ordered = sorted(groups.items(), key=lambda kv: kv[0].casefold())
    return [{"theme": name, "knelpunten": items} for name, items in ordered], len(knelpunten)


def werkagenda_report(region, *, stand: date, sinds: date, user=None, **_obj) -> dict:
    """The context of ``templates/reports/werkagenda_body.html``."""
    actions = _actions_on(region, stand)
    for action in actions:
        _apply_stand(action, stand)
    blocks, new_gereed = _list_blocks(actions, sinds)
    period = _period(region, sinds, stand)
    knelpunt_groups, knelpunt_total = _knelpunt_groups(region, stand)
    sinds_label = date_format(sinds, "j F Y")
    return {
        "sections": [
            Section("werkagenda-bewogen", f"Wat is er bewogen sinds {sinds_label}"),
            Section("werkagenda-acties", "Acties per lijst en thema"),
            Section("werkagenda-knelpunten", "Knelpunten per thema"),
            Section("werkagenda-verantwoording", "Verantwoording"),
        ],
        "sinds_label": sinds_label,
        "period": period,
        "lists": blocks,
        "action_total": len(actions),
        "new_gereed": len(new_gereed),
        "knelpunt_groups": knelpunt_groups,
        "knelpunt_total": knelpunt_total,
        "stale_label": stale_label(),
    }
