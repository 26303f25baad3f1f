"""Reads of the case reflections for the other pages: the home page, the meeting
preparation and the checklist's derived evidence (DESIGN.md §4: dashboards read from all apps
through their selectors; this module is the reflections' selector for them).

Nothing here returns case text: titles are shown by the templates only to users with
``casereflection.view_case_text``, and the checklist facts are counts and quarter labels.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from casereflection.constants import FACILITATOR_EDITABLE, HIDDEN_FIELDS, ReflectionStatus
from casereflection.models import (
    CaseReflection,
    Conclusion,
    quarter_bounds,
    quarter_label,
    quarter_of,
    shift_quarter,
)
from checklist.evidence.base import Fact
from core.roles import roles_by_region
from governance.checks.base import months_before
from governance.constants import ActionList, BodyKind
from governance.models import Meeting, Region

# --- checklist evidence ----------------------------------------------------------------------


def _two_quarters_before(on: date) -> date:
    """The first day of the quarter before ``on``'s quarter: "the last two quarters"."""
    year, quarter = shift_quarter(*quarter_of(on), -1)
    return quarter_bounds(year, quarter)[0]


def checklist_facts(region: Region, on: date) -> dict[str, list]:
    """Facts for A4.1 (periodic reflection) and A4.2 (kennisdeling). Two queries."""
    since = _two_quarters_before(on)
    url = reverse("casereflection:reflection_list", kwargs={"region": region.slug})
    held = list(
        CaseReflection.objects.filter(region=region, held_on__gte=since, held_on__lte=on)
        .only("id", "year", "quarter")
        .order_by("year", "quarter")
        .prefetch_related("delegation")
    )
    labels = ", ".join(r.quarter_label for r in held)
    period = _("sinds %(date)s") % {"date": since.strftime("%d-%m-%Y")}
    if held:
        reflection_fact = Fact(
            ngettext(
                "%(n)d casusreflectie gehouden in de laatste twee kwartalen (%(quarters)s).",
                "%(n)d casusreflecties gehouden in de laatste twee kwartalen (%(quarters)s).",
                len(held),
            )
            % {"n": len(held), "quarters": labels},
            True,
            url,
        )
    else:
        reflection_fact = Fact(
            _("Geen casusreflectie gehouden in de laatste twee kwartalen (%(period)s).")
            % {"period": period},
            False,
            url,
        )
    # The year of the other checklist rules (governance.checks): after year_ago, up to on.
    year_ago = months_before(on, 12)
    conclusions = list(
        Conclusion.objects.filter(
            reflection__region=region, decided_on__gt=year_ago, decided_on__lte=on
        )
        .select_related("action")
        .only("pk", "action__list")
    )
    done = sum(1 for c in conclusions if c.action and c.action.list == ActionList.GEREED)
    conclusion_fact = Fact(
        ngettext(
            "%(n)d conclusie van de Stamtafel uit reflecties in het afgelopen jaar; "
            "%(done)d daarvan opgevolgd (actie gereed).",
            "%(n)d conclusies van de Stamtafel uit reflecties in het afgelopen jaar; "
            "%(done)d daarvan opgevolgd (actie gereed).",
            len(conclusions),
        )
        % {"n": len(conclusions), "done": done},
        bool(conclusions),
        url,
    )
    shared = [r for r in held if r.delegation.all()]
    if shared:
        sharing_fact = Fact(
            ngettext(
                "%(n)d reflectie in de laatste twee kwartalen met een delegatie van andere "
                "subregio's, die de praktijk deelt over de grenzen van de subregio heen.",
                "%(n)d reflecties in de laatste twee kwartalen met een delegatie van andere "
                "subregio's, die de praktijk delen over de grenzen van de subregio heen.",
                len(shared),
            )
            % {"n": len(shared)},
            True,
            url,
        )
    else:
        sharing_fact = Fact(
            _(
                "Geen reflectie met een delegatie van andere subregio's in de laatste twee "
                "kwartalen."
            ),
            False,
            url,
        )
    return {"A4.1": [reflection_fact, conclusion_fact], "A4.2": [sharing_fact]}


# --- home ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenQuarter:
    year: int
    quarter: int

    @property
    def label(self) -> str:
        return quarter_label(self.year, self.quarter)


def secretary_attention(region: Region, today: date | None = None) -> dict:
    """What the secretary should do about reflections. Two queries.

    - ``unplanned``: the current and the next quarter without a reflection;
    - ``awaiting``: offered to the Stamtafel, no conclusion recorded yet;
    - ``closable``: concluded, and every resulting action is gereed.
    """
    today = today or timezone.localdate()
    this = quarter_of(today)
    following = shift_quarter(*this, 1)
    reflections = list(
        CaseReflection.objects.filter(region=region)
        .filter(
            Q(year=this[0], quarter=this[1])
            | Q(year=following[0], quarter=following[1])
            | Q(status__in=(ReflectionStatus.AANGEBODEN, ReflectionStatus.GECONCLUDEERD))
        )
        .select_related("sub_region")
        .prefetch_related(
            Prefetch("conclusions", queryset=Conclusion.objects.select_related("action"))
        )
        .order_by("year", "quarter")
    )
    planned = {(r.year, r.quarter) for r in reflections}
    unplanned = [OpenQuarter(*q) for q in (this, following) if q not in planned]
    awaiting = [r for r in reflections if r.status == ReflectionStatus.AANGEBODEN]
    closable = [
        r
        for r in reflections
        if r.status == ReflectionStatus.GECONCLUDEERD
        and not any(c.is_open for c in r.conclusions.all())
    ]
    return {
        "unplanned": unplanned,
        "awaiting": awaiting,
        "closable": closable,
        "total": len(unplanned) + len(awaiting) + len(closable),
    }


def led_by(user) -> list[CaseReflection]:
    """Open reflections the user leads as gespreksleider (through their Person). One query."""
    if user is None or not user.is_authenticated:
        return []
    return list(
        # The regions where the user has a role: a national reader who is also linked as
        # gespreksleider elsewhere does not get titles of regions they only read.
        CaseReflection.objects.filter(region_id__in=roles_by_region(user).keys())
        .filter(facilitator__user=user, status__in=FACILITATOR_EDITABLE)
        .select_related("region", "sub_region")
        .order_by("year", "quarter")
    )


# --- meeting preparation ---------------------------------------------------------------------


def meeting_follow_up(meeting: Meeting, region: Region, *, with_case_text: bool) -> dict:
    """For the preparation of ``meeting``: the follow-up of conclusions taken at this body's
    meetings (their actions, open ones first), and for a Stamtafel the reflections offered to
    it that still wait for a conclusion. Two queries. The case text is not even read unless
    ``with_case_text`` (the title is shown to the region's people only)."""
    body = meeting.body
    conclusions = list(
        Conclusion.objects.filter(reflection__region=region, agenda_item__meeting__body=body)
        .select_related(
            "reflection",
            "action",
            "contact_administrator__person",
            "agenda_item__meeting",
        )
        .defer(*(f"reflection__{name}" for name in HIDDEN_FIELDS))
        .order_by("decided_on", "pk")
    )
    open_ones = [c for c in conclusions if c.is_open]
    offered = []
    if body.kind == BodyKind.STAMTAFEL:
        hidden = [name for name in HIDDEN_FIELDS if not (with_case_text and name == "title")]
        offered = list(
            CaseReflection.objects.filter(region=region, status=ReflectionStatus.AANGEBODEN)
            .select_related("sub_region")
            .defer(*hidden)
            .order_by("year", "quarter")
        )
    return {
        "reflection_follow_up": open_ones,
        "reflection_follow_up_done": len(conclusions) - len(open_ones),
        "reflections_offered": offered,
        "can_read_case_text": with_case_text,
    }
