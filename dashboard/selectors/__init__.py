"""Reads for the cross-app dashboards: home, the bestuurder's meeting preparation, calendar links.

Every function states its query shape; none grows with the amount of data (only with the
number of regions a user holds a role in, which is one or two).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db.models import Count, F, OuterRef, Q, Subquery, Window
from django.utils import timezone
from django.utils.translation import gettext as _

from casereflection import followup as reflection_followup
from checklist.models import Assessment
from core.constants import Role
from core.roles import reads_all_regions, region_ids_with_role, roles_by_region
from governance import selectors as governance_selectors
from governance.checks.base import months_before
from governance.checks.run import run_checks
from governance.constants import (
    STALE_AFTER_DAYS,
    ActionList,
    ActionUpdateKind,
    BodyStatus,
    KnelpuntStatus,
    MeetingStatus,
    RelationKind,
)
from governance.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Body,
    BodyRelation,
    Knelpunt,
    Mandate,
    Meeting,
    Membership,
    Person,
    Region,
)
from governance.selectors import werkagenda as werkagenda_selectors

ATTENTION_LIST_SIZE = 5
UPCOMING_WINDOW = timedelta(weeks=8)
HISTORY_CAP = 50
HISTORY_FALLBACK_MONTHS = 3


# --- building blocks ----------------------------------------------------------------------------


def _top(queryset, n: int) -> tuple[list, int]:
    """The first ``n`` rows and the total number of rows, in one query (a window count)."""
    rows = list(queryset.annotate(total_rows=Window(Count("pk")))[:n])
    return rows, (rows[0].total_rows if rows else 0)


def _top_values(queryset, n: int, *fields: str) -> tuple[list[dict], int]:
    """:func:`_top` as dictionaries of ``fields``."""
    rows = list(queryset.annotate(total_rows=Window(Count("pk"))).values(*fields, "total_rows")[:n])
    return rows, (rows[0]["total_rows"] if rows else 0)


def _current_seats(user):
    """Current memberships of the user's linked persons in active bodies of readable regions.

    One query (body and region joined)."""
    today = timezone.localdate()
    return (
        Membership.objects.visible_to(user)
        .valid_on(today)
        .filter(person__user=user, body__status=BodyStatus.ACTIEF)
        .filter(Q(body__established_on__isnull=True) | Q(body__established_on__lte=today))
        .select_related("body__region")
        .order_by("body__region__name", "body__name", "pk")
    )


def _next_meetings(bodies, now) -> dict[int, Meeting]:
    """The next (not cancelled) meeting of each body in ``bodies``, with ``item_count``.

    One query: a subquery picks the next meeting per body."""
    next_id = Subquery(
        Meeting.objects.filter(body=OuterRef("pk"))
        .upcoming(now)
        .order_by("starts_at", "pk")
        .values("pk")[:1]
    )
    meetings = (
        Meeting.objects.filter(pk__in=bodies.annotate(next_id=next_id).values("next_id"))
        .select_related("body")
        .annotate(item_count=Count("items"))
    )
    return {m.body_id: m for m in meetings}


def _with_flags(actions, today) -> list[Action]:
    stale_before = today - timedelta(days=STALE_AFTER_DAYS)
    for action in actions:
        action.overdue = action.due_date is not None and action.due_date < today
        action.stale = action.last_update_on < stale_before
    return actions


def has_linked_person(user) -> bool:
    return Person.objects.filter(user=user).exists()


# --- home ---------------------------------------------------------------------------------------


def secretary_attention(region: Region, findings, now=None) -> dict:
    """What needs the secretary's attention in ``region``: five lists of at most five, each
    with its total (five queries, one per list), plus the structure findings passed in."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    actions = Action.objects.in_region(region)
    overdue, overdue_total = _top(
        actions.overdue(today).order_by("due_date", "pk"), ATTENTION_LIST_SIZE
    )
    stale, stale_total = _top(
        actions.stale(today).order_by("last_update_on", "pk"), ATTENTION_LIST_SIZE
    )
    unweighed, unweighed_total = _top(
        actions.filter(list=ActionList.VOORRAAD)
        .filter(Q(importance__isnull=True) | Q(feasibility__isnull=True) | Q(impact__isnull=True))
        .order_by("created_on", "pk"),
        ATTENTION_LIST_SIZE,
    )
    no_agenda, no_agenda_total = _top(
        Meeting.objects.in_region(region)
        .upcoming(now)
        .filter(starts_at__lt=now + UPCOMING_WINDOW, items__isnull=True)
        .select_related("body")
        .order_by("starts_at", "pk"),
        ATTENTION_LIST_SIZE,
    )
    # Checklist assessments whose review date has passed (the current framework's items).
    review_due, review_due_total = _top(
        Assessment.objects.in_region(region)
        .filter(item__framework__is_current=True, next_review_on__lt=today)
        .select_related("item", "municipality")
        .order_by("next_review_on", "code", "pk"),
        ATTENTION_LIST_SIZE,
    )
    return {
        "review_due": review_due,
        "review_due_total": review_due_total,
        "overdue": overdue,
        "overdue_total": overdue_total,
        "stale": stale,
        "stale_total": stale_total,
        "stale_days": STALE_AFTER_DAYS,
        "unweighed": unweighed,
        "unweighed_total": unweighed_total,
        "no_agenda": no_agenda,
        "no_agenda_total": no_agenda_total,
        "findings": findings,
        "total": overdue_total
        + stale_total
        + unweighed_total
        + no_agenda_total
        + review_due_total
        + len(findings),
    }


def my_next_meetings(user, now=None, limit: int = 5) -> list[Meeting]:
    """Upcoming meetings of the bodies the user sits on (via their persons). One query."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    sitting = Membership.objects.valid_on(today).filter(person__user=user).values("body_id")
    return list(
        Meeting.objects.visible_to(user)
        .upcoming(now)
        .filter(body__in=sitting)
        .select_related("body__region")
        .order_by("starts_at", "pk")[:limit]
    )


def my_open_actions(user, limit: int = 10) -> tuple[list[Action], int]:
    """Open actions the user holds as actiehouder (owner), due first. One query."""
    return _top(
        Action.objects.visible_to(user)
        .open()
        .filter(owner__user=user)
        .select_related("region")
        .order_by(F("due_date").asc(nulls_last=True), "title", "pk"),
        limit,
    )


def home(user) -> dict:
    by_region = roles_by_region(user)
    # The user's own regions get their structure-check findings; a bounded set (people hold
    # roles in one or two regions). National readers get the annotated region table instead.
    own = list(Region.objects.filter(pk__in=by_region.keys()).order_by("name"))
    now = timezone.now()
    cards = []
    for region in own:
        roles = by_region.get(region.pk, frozenset())
        findings = run_checks(region)
        card = {
            "region": region,
            "roles": sorted(roles),
            "findings": findings,
            "high": sum(1 for f in findings if f.severity == "hoog"),
            "attention": None,
        }
        if Role.SECRETARY in roles:
            card["attention"] = secretary_attention(region, findings, now)
            card["reflections"] = reflection_followup.secretary_attention(
                region, timezone.localdate(now)
            )
            card["attention"]["total"] += card["reflections"]["total"]
        cards.append(card)
    context = {"cards": cards, "national": reads_all_regions(user)}
    if by_region:
        context["my_meetings"] = my_next_meetings(user, now)
        context["my_actions"], context["my_actions_total"] = my_open_actions(user)
        context["led_reflections"] = reflection_followup.led_by(user)
    if context["national"]:
        context["all_regions"] = governance_selectors.region_list(user)
    return context


# --- calendar links -----------------------------------------------------------------------------


def calendar_bodies(user) -> list[Body]:
    """Bodies with a calendar feed for this user: those they sit on, and for a secretary every
    active body of their region(s). Two queries."""
    bodies: dict[int, Body] = {}
    for seat in _current_seats(user):
        bodies.setdefault(seat.body_id, seat.body)
    secretary_of = region_ids_with_role(user, Role.SECRETARY)
    if secretary_of:
        for body in (
            Body.objects.filter(region__in=secretary_of)
            .valid_on(timezone.localdate())
            .select_related("region")
        ):
            bodies.setdefault(body.pk, body)
    return sorted(bodies.values(), key=lambda b: (b.region.name, b.name, b.pk))


# --- meeting preparation ------------------------------------------------------------------------


def preparation_overview(user, now=None) -> dict:
    """Per body the user sits on: the next meeting with a short summary.

    Queries: seats (1), next meetings (1), trekker counts (1), structure checks per region of
    the seats (six each), and for a secretary the next meetings of their regions (2)."""
    now = now or timezone.now()
    seats = list(_current_seats(user))
    bodies: dict[int, dict] = {}
    for seat in seats:
        entry = bodies.setdefault(seat.body_id, {"body": seat.body, "roles": []})
        entry["roles"].append(seat.get_role_display())
    body_ids = list(bodies)
    next_meetings = _next_meetings(Body.objects.filter(pk__in=body_ids), now) if body_ids else {}
    region_ids = {e["body"].region_id for e in bodies.values()}
    trekker_counts = dict(
        Action.objects.open()
        .filter(region__in=region_ids, trekker__person__user=user)
        .values_list("region")
        .annotate(n=Count("pk"))
        .order_by()
    )
    findings_count: dict[int, int] = {}
    for region_id in sorted(region_ids):
        region = next(e["body"].region for e in bodies.values() if e["body"].region_id == region_id)
        for finding in run_checks(region):
            for body_id in finding.body_ids:
                findings_count[body_id] = findings_count.get(body_id, 0) + 1
    rows = []
    for body_id, entry in bodies.items():
        body = entry["body"]
        rows.append(
            {
                "body": body,
                "region": body.region,
                "roles": entry["roles"],
                "meeting": next_meetings.get(body_id),
                "trekker_actions": trekker_counts.get(body.region_id, 0),
                "findings": findings_count.get(body_id, 0),
            }
        )
    rows.sort(
        key=lambda r: (
            r["meeting"] is None,
            r["meeting"].starts_at if r["meeting"] else now,
            r["body"].name,
        )
    )
    context = {
        "rows": rows,
        "has_person": bool(seats) or has_linked_person(user),
        "region_meetings": None,
    }
    secretary_of = region_ids_with_role(user, Role.SECRETARY)
    if secretary_of:
        region_bodies = Body.objects.filter(region__in=secretary_of).valid_on(
            timezone.localdate(now)
        )
        upcoming = _next_meetings(region_bodies, now)
        regions = {r.pk: r for r in Region.objects.filter(pk__in=secretary_of)}
        for meeting in upcoming.values():
            meeting.body.region = regions[meeting.body.region_id]
        context["region_meetings"] = sorted(
            upcoming.values(), key=lambda m: (m.body.region.name, m.starts_at, m.pk)
        )
    return context


@dataclass
class Change:
    when: datetime
    who: str
    what: str
    object_label: str


CHANGE_LABELS = {"+": "toegevoegd", "~": "gewijzigd", "-": "verwijderd"}


def _names(*values) -> str:
    return " · ".join(str(v) for v in values if v) or "—"


def _history_sources(region: Region):
    """Per kind of object: the history rows of the region, the columns its label needs, and
    the label. The rows are read as ``values()``: a label needs a name or two, and building
    the history record with its body, person, organisation and user as model instances cost
    more than anything else on the meeting preparation page."""
    relation_kinds = dict(RelationKind.choices)
    return [
        (
            Body.history.filter(region_id=region.pk),
            ("name",),
            lambda r: _("gremium ‘%(name)s’") % {"name": r["name"]},
        ),
        (
            Membership.history.filter(body__region=region),
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
            Mandate.history.filter(body__region=region),
            ("subject", "body__name"),
            lambda r: (
                _("mandaat ‘%(subject)s’ (%(body)s)")
                % {"subject": r["subject"], "body": r["body__name"] or "—"}
            ),
        ),
        (
            BodyRelation.history.filter(source__region=region),
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
            Action.history.filter(region_id=region.pk),
            ("title",),
            lambda r: _("actie ‘%(title)s’") % {"title": r["title"]},
        ),
        (
            Knelpunt.history.filter(region_id=region.pk),
            ("title",),
            lambda r: _("knelpunt ‘%(title)s’") % {"title": r["title"]},
        ),
        (
            Meeting.history.filter(body__region=region),
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


def _who(row: dict, prefix: str) -> str:
    first, last, username = (row[f"{prefix}__{f}"] for f in _WHO_FIELDS)
    if username is None:
        return "—"
    return f"{first} {last}".strip() or username


def region_changes_since(region: Region, since: datetime, *, cap: int = HISTORY_CAP):
    """What changed in the region since ``since``: newest first, at most ``cap``, and the total.

    One query per kind of object (seven history tables and the action log), each limited to
    ``cap`` rows and carrying the total number of rows in a window count."""
    changes: list[Change] = []
    total = 0
    for queryset, columns, label in _history_sources(region):
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
    moves = dict(ActionList.choices)
    updates, n = _top_values(
        ActionUpdate.objects.in_region(region)
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
    )
    total += n
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
                who=_who(update, "author"),
                what=what,
                object_label=_("actie ‘%(title)s’") % {"title": update["action__title"]},
            )
        )
    changes.sort(key=lambda c: c.when, reverse=True)
    return changes[:cap], total


def previous_meeting(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(body_id=meeting.body_id, starts_at__lt=meeting.starts_at)
        .exclude(status=MeetingStatus.GEANNULEERD)
        .order_by("-starts_at", "-pk")
        .first()
    )


def meeting_preparation(meeting: Meeting, region: Region, user) -> dict:
    """Everything a member reads before ``meeting``. Constant queries: agenda (1), the user's
    trekker actions (1), the body's other open actions (1), knelpunten (1), structure checks
    (6), the previous meeting (1), history (8), reflection follow-up (2)."""
    body = meeting.body
    now = timezone.now()
    today = timezone.localdate(now)
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("action", "knelpunt")
        .annotate(document_count=Count("documents"))
        .order_by("order", "pk")
    )
    open_actions = (
        Action.objects.in_region(region)
        .open()
        .with_last_update()
        .select_related("theme", "owning_body", "trekker__person", "trekker__body", "owner")
        .order_by(F("due_date").asc(nulls_last=True), "title", "pk")
    )
    mine = _with_flags(list(open_actions.filter(trekker__person__user=user)), today)
    mine_ids = {a.pk for a in mine}
    of_body = _with_flags(
        [
            a
            for a in open_actions.filter(Q(trekker__body=body) | Q(owning_body=body))
            if a.pk not in mine_ids
        ],
        today,
    )
    knelpunten = list(
        Knelpunt.objects.in_region(region)
        .filter(theme__bodies=body, status__in=(KnelpuntStatus.OPEN, KnelpuntStatus.BELEGD))
        .select_related("theme")
        .distinct()
        .order_by("theme__name", "title")
    )
    findings = [f for f in run_checks(region) if f.concerns(body.pk)]
    previous = previous_meeting(meeting)
    if previous is not None:
        since = previous.starts_at
    else:
        tz = timezone.get_current_timezone()
        since = datetime.combine(months_before(today, HISTORY_FALLBACK_MONTHS), time.min, tz)
    changes, changes_total = region_changes_since(region, since)
    follow_up = reflection_followup.meeting_follow_up(
        meeting,
        region,
        with_case_text=user.has_perm("casereflection.view_case_text", region),
    )
    return {
        **follow_up,
        "meeting": meeting,
        "body": body,
        "items": items,
        "my_actions": mine,
        "stale_label": werkagenda_selectors.stale_label(),
        "body_actions": of_body,
        "knelpunten": knelpunten,
        "findings": findings,
        "previous": previous,
        "since": since,
        "changes": changes,
        "changes_total": changes_total,
        "has_person": has_linked_person(user),
    }
