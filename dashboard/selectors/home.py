"""The home page: what needs the secretary's attention, the user's next meetings and open
actions, and the regions they read."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import F, Q
from django.utils import timezone

from casereflection import followup as reflection_followup
from checklist.models import Assessment
from core.constants import Role
from core.roles import reads_all_regions, roles_by_region
from dashboard.selectors.common import _top
from governance import selectors as governance_selectors
from governance.constants import STALE_AFTER_DAYS, ActionList
from governance.models import Action, Meeting, Membership, Region
from governance.selectors.findings import open_findings

ATTENTION_LIST_SIZE = 5
UPCOMING_WINDOW = timedelta(weeks=8)


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
        # Only open findings count: one answered as "bewust zo" stays on the checks page.
        findings = open_findings(region)
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
