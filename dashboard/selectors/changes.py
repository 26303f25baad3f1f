"""What changed in a region since a moment: the history of bodies, memberships, mandates,
relations, actions, knelpunten and meetings, and the progress notes, newest first and capped.
Used by the meeting preparation ("since the previous meeting") and its report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from dashboard.selectors.common import _top_values
from governance.constants import ActionList, ActionUpdateKind, RelationKind
from governance.models import (
    Action,
    ActionUpdate,
    Body,
    BodyRelation,
    Knelpunt,
    Mandate,
    Meeting,
    Membership,
    Region,
)
from governance.stamp_tables import DOMAINS, VOORTGANG
from governance.stamps import kept

HISTORY_CAP = 50


@dataclass
class Change:
    when: datetime
    who: str
    what: str
    object_label: str


CHANGE_LABELS = {"+": "toegevoegd", "~": "gewijzigd", "-": "verwijderd"}


def _names(*values) -> str:
    return " · ".join(str(v) for v in values if v) or "—"


def _history_sources(region_id: int):
    """Per kind of object: the history rows of the region, the columns its label needs, and
    the label. The rows are read as ``values()``: a label needs a name or two, and building
    the history record with its body, person, organisation and user as model instances cost
    more than anything else on the meeting preparation page."""
    relation_kinds = dict(RelationKind.choices)
    return [
        (
            Body.history.filter(region_id=region_id),
            ("name",),
            lambda r: _("gremium ‘%(name)s’") % {"name": r["name"]},
        ),
        (
            Membership.history.filter(body__region_id=region_id),
            ("person__name", "organisation__name", "municipality__name", "body__name"),
            lambda r: (
                _("lidmaatschap ‘%(who)s’ (%(body)s)")
                % {
                    "who": _names(
                        r["person__name"], r["organisation__name"], r["municipality__name"]
                    ),
                    "body": r["body__name"] or "—",
                }
            ),
        ),
        (
            Mandate.history.filter(body__region_id=region_id),
            ("subject", "body__name"),
            lambda r: (
                _("mandaat ‘%(subject)s’ (%(body)s)")
                % {"subject": r["subject"], "body": r["body__name"] or "—"}
            ),
        ),
        (
            BodyRelation.history.filter(source__region_id=region_id),
            ("source__name", "kind", "target__name"),
            lambda r: (
                _("relatie ‘%(source)s %(kind)s %(target)s’")
                % {
                    "source": r["source__name"] or "—",
                    "kind": relation_kinds.get(r["kind"], r["kind"]),
                    "target": r["target__name"] or "—",
                }
            ),
        ),
        (
            Action.history.filter(region_id=region_id),
            ("title",),
            lambda r: _("actie ‘%(title)s’") % {"title": r["title"]},
        ),
        (
            Knelpunt.history.filter(region_id=region_id),
            ("title",),
            lambda r: _("knelpunt ‘%(title)s’") % {"title": r["title"]},
        ),
        (
            Meeting.history.filter(body__region_id=region_id),
            ("title", "body__name", "starts_at"),
            lambda r: (
                _("vergadering ‘%(title)s’ van %(date)s")
                % {
                    "title": r["title"] or r["body__name"] or "—",
                    "date": timezone.localtime(r["starts_at"]).strftime("%d-%m-%Y"),
                }
            ),
        ),
    ]


#: The author of a change, as ``values()`` columns (history user or action update author).
_WHO_FIELDS = ("first_name", "last_name", "username")


def _who(row: dict, prefix: str, default: str = "") -> str:
    """The user's name (as ``core.history.user_label``), else ``default`` or "—"."""
    first, last, username = (row[f"{prefix}__{f}"] for f in _WHO_FIELDS)
    if username is None:
        return default or "—"
    return f"{first} {last}".strip() or username


#: What the history part reads: every domain but the progress notes (which have no history
#: table; they are read below, on every call).
_HISTORY_DOMAINS = tuple(d for d in DOMAINS if d != VOORTGANG)


def region_changes_since(region: Region | int, since: datetime, *, cap: int = HISTORY_CAP):
    """What changed in the region (a region or its id) since ``since``: newest first, at most
    ``cap``, and the total.

    One query per kind of object (seven history tables and the action log), each limited to
    ``cap`` rows and carrying the total number of rows in a window count. The history part is
    kept between requests under the region's stamps of every domain but ``voortgang`` (one
    query when kept): a progress note, the most frequent write, only reads the action log
    again."""
    region_id = region if isinstance(region, int) else region.pk
    changes, total = kept(
        "wijzigingen",
        (region_id, since, cap),
        region_id,
        _HISTORY_DOMAINS,
        lambda: _history_changes(region_id, since, cap),
    )
    changes = list(changes)
    changes_from_log, n = _action_log_changes(region_id, since, cap)
    changes += changes_from_log
    total += n
    changes.sort(key=lambda c: c.when, reverse=True)
    return changes[:cap], total


def _history_changes(region_id: int, since: datetime, cap: int) -> tuple[list[Change], int]:
    changes: list[Change] = []
    total = 0
    for queryset, columns, label in _history_sources(region_id):
        rows, n = _top_values(
            queryset.filter(history_date__gte=since).order_by("-history_date", "-history_id"),
            cap,
            "history_date",
            "history_type",
            *columns,
            *(f"history_user__{f}" for f in _WHO_FIELDS),
        )
        total += n
        for row in rows:
            changes.append(
                Change(
                    when=row["history_date"],
                    who=_who(row, "history_user"),
                    what=CHANGE_LABELS[row["history_type"]],
                    object_label=label(row),
                )
            )
    return changes, total


def _action_log_changes(region_id: int, since: datetime, cap: int) -> tuple[list[Change], int]:
    changes: list[Change] = []
    moves = dict(ActionList.choices)
    updates, n = _top_values(
        ActionUpdate.objects.filter(action__region_id=region_id)
        .filter(
            created_at__gte=since,
            kind__in=(ActionUpdateKind.VERPLAATSING, ActionUpdateKind.VOORTGANG),
        )
        .order_by("-created_at", "-pk"),
        cap,
        "created_at",
        "kind",
        "from_list",
        "to_list",
        "action__title",
        *(f"author__{f}" for f in _WHO_FIELDS),
        "author_name",  # the author of an imported entry without an account here
    )
    for update in updates:
        if update["kind"] == ActionUpdateKind.VERPLAATSING:
            what = _("verplaatst van %(from)s naar %(to)s") % {
                "from": str(moves.get(update["from_list"], update["from_list"])).lower() or "—",
                "to": str(moves.get(update["to_list"], update["to_list"])).lower(),
            }
        else:
            what = _("voortgang gemeld")
        changes.append(
            Change(
                when=update["created_at"],
                who=_who(update, "author", update["author_name"]),
                what=what,
                object_label=_("actie ‘%(title)s’") % {"title": update["action__title"]},
            )
        )
    return changes, n
