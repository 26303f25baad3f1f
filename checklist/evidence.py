"""Derived evidence: facts computed from the register, shown next to the secretary's judgement.

``derived_evidence(region, on=None) -> dict[str, list[Fact]]`` is keyed by item code. Every
``Fact`` says in Dutch what it counts, whether it is positive evidence for realisation
(``supports``) and where in the register it can be checked (``url``). ``mismatches`` lists the
codes judged *gerealiseerd* or *geborgd* while the register offers no supporting fact.

Cost: the register is read in a fixed number of queries for the whole region (bodies with
their meeting counts, current memberships, current mandates, themes, partners,
municipalities, actions, knelpunten, cost lines, plus the structure checks), then every rule
works in Python on that data — a region of 300 bodies costs as many queries as one of 3.

Dates: bodies, memberships, mandates and meetings follow ``on`` (default today). The
werkagenda, themes, chosen partners and cost lines have no history of their own in the
register; their facts describe the current state.

The rules (code → what it counts):

- I1  active bestuurlijk bodies with a current mandate; their meetings vs the planned number
- I2  active tactical bodies
- I3  active operational bodies
- I4  themes of the region with an afwegingskader (and those without)
- I5  chosen partners seated in an active body (as organisation or through an employee)
- A1.2 knelpunten recorded, per theme
- A2.1 active tactical bodies now vs a year earlier (simplification of the landscape)
- A2.3 active tactical bodies with a written basis (convenant, GR, ...)
- A3.1 active casusoverleggen (kind *uitvoerings- of casusoverleg*) and their meetings
- A3.3 actions on the actielijst with a bestuurlijk trekker; actions completed in 12 months
- A3.4 active operational bodies with a written basis
- A4.1 case reflections held in the last two quarters; Stamtafel conclusions of the last year
      and how many were followed up (provided by ``casereflection.followup``)
- A4.2 reflections in the last two quarters with a delegation of the other sub-regions
      (provided by ``casereflection.followup``)
- O1  the werkagenda: actions with a trekker, knelpunten per theme, recorded mandates of
      tactical and operational bodies with a source document
- O3  the overview of knelpunten, per theme (the first half of the output)
- O4  cost lines of active bodies with a recorded funder (who pays what)
- M1  structure-check findings of high severity
- M6  active bodies and meetings held in the last 12 months vs the 12 months before
- U3  municipalities not represented in any active body
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from checklist.constants import REALISED
from governance.checks.base import HOOG, Finding, body_active_on, join_names, months_before
from governance.checks.lifecycle import FREQUENCY_MIN_AGE_DAYS
from governance.checks.run import run_checks
from governance.checks.structure import frequency_window
from governance.constants import (
    ActionList,
    BodyKind,
    ClosedReason,
    LegalBasisKind,
    Level,
    MeetingStatus,
)
from governance.models import (
    Action,
    Body,
    CostLine,
    Knelpunt,
    Mandate,
    Membership,
    Municipality,
    Region,
    RegionPartner,
    RegionTheme,
)

# Apps above the checklist add facts the register cannot give: casereflection supplies A4.1
# (periodic reflection) and A4.2 (kennisdeling) from the reflections held. The checklist does
# not import them (DESIGN.md §4); they register a provider in their AppConfig.ready().
# A provider is ``(region, on) -> {code: [Fact]}`` and reads in a fixed number of queries.
_PROVIDERS: dict[str, Callable] = {}


def register_provider(name: str, provider: Callable) -> None:
    """Add (or replace) the facts provider ``name``; idempotent across repeated ready()."""
    _PROVIDERS[name] = provider


@dataclass(frozen=True)
class Fact:
    text: str
    supports: bool
    url: str = ""


@dataclass
class _Register:
    """What the rules need, loaded once for the region."""

    region: Region
    on: date
    year_ago: date
    bodies: list[Body]  # every body, annotated with held_last_year / held_year_before
    active: dict[int, Body]  # active on ``on``
    active_year_ago: dict[int, Body]
    members: dict[int, list[tuple]] = field(default_factory=dict)  # body id -> membership rows
    mandates: dict[int, list[tuple]] = field(default_factory=dict)  # body id -> mandate rows
    themes: list[tuple[str, str]] = field(default_factory=list)  # (name, afwegingskader)
    partners: list[tuple[int, str]] = field(default_factory=list)  # (organisation id, name)
    municipalities: list[tuple[int, str]] = field(default_factory=list)
    actions: list[dict] = field(default_factory=list)
    knelpunten: list[tuple[str, str]] = field(default_factory=list)  # (theme name, status)
    cost_lines: list[tuple] = field(default_factory=list)  # (body id, item, funded_by)
    findings: list[Finding] = field(default_factory=list)

    def url(self, name: str, query: str = "") -> str:
        return reverse(name, kwargs={"region": self.region.slug}) + query

    def active_at(self, level: str) -> list[Body]:
        return [b for b in self.active.values() if b.level == level]


def _windows(on: date) -> tuple[datetime, datetime, datetime]:
    """(start of the 12 months before, start of the last 12 months, end) as aware datetimes.

    The last 12 months are those of the structure checks (``frequency_window``): up to
    the end of ``on``, or up to now when ``on`` is today.
    """
    start, end = frequency_window(on)
    tz = timezone.get_current_timezone()
    before = datetime.combine(months_before(on, 24), time.min, tzinfo=tz)
    return before, start, end


def _load(region: Region, on: date) -> _Register:
    before, start, end = _windows(on)
    year_ago = months_before(on, 12)
    not_cancelled = ~Q(meetings__status=MeetingStatus.GEANNULEERD)
    # 1 query: every body with two filtered meeting counts (this year, the year before).
    bodies = list(
        Body.objects.filter(region=region)
        .annotate(
            held_last_year=Count(
                "meetings",
                filter=Q(meetings__starts_at__gte=start, meetings__starts_at__lt=end)
                & not_cancelled,
            ),
            held_year_before=Count(
                "meetings",
                filter=Q(meetings__starts_at__gte=before, meetings__starts_at__lt=start)
                & not_cancelled,
            ),
        )
        .order_by("name", "pk")
    )
    for body in bodies:
        body.region = region  # known already: links need no query
    active = {b.pk: b for b in bodies if body_active_on(b, on)}
    reg = _Register(
        region=region,
        on=on,
        year_ago=year_ago,
        bodies=bodies,
        active=active,
        active_year_ago={b.pk: b for b in bodies if body_active_on(b, year_ago)},
    )
    # 1 query: current seats; the person's organisation counts for the partner rule.
    members: dict[int, list[tuple]] = defaultdict(list)
    for row in (
        Membership.objects.filter(body__region=region)
        .valid_on(on)
        .values_list("body_id", "organisation_id", "person__organisation_id", "municipality_id")
    ):
        if row[0] in active:
            members[row[0]].append(row)
    reg.members = members
    # 1 query: current mandates.
    mandates: dict[int, list[tuple]] = defaultdict(list)
    for row in (
        Mandate.objects.filter(body__region=region)
        .valid_on(on)
        .values_list("body_id", "subject", "source_document")
    ):
        if row[0] in active:
            mandates[row[0]].append(row)
    reg.mandates = mandates
    # One query each for themes, partners, municipalities, actions, knelpunten, cost lines.
    reg.themes = list(
        RegionTheme.objects.filter(region=region)
        .order_by("theme__order", "theme__name")
        .values_list("theme__name", "weighing")
    )
    reg.partners = list(
        RegionPartner.objects.filter(region=region)
        .order_by("organisation__name")
        .values_list("organisation_id", "organisation__name")
    )
    reg.municipalities = list(
        Municipality.objects.filter(region=region).order_by("name").values_list("pk", "name")
    )
    reg.actions = list(
        Action.objects.filter(region=region).values(
            "list", "trekker_id", "closed_reason", "list_since"
        )
    )
    reg.knelpunten = list(
        Knelpunt.objects.filter(region=region)
        .order_by("theme__order", "theme__name")
        .values_list("theme__name", "status")
    )
    reg.cost_lines = [
        row
        for row in CostLine.objects.filter(body__region=region)
        .order_by("item")
        .values_list("body_id", "item", "funded_by")
        if row[0] in active
    ]
    # The structure checks read the register in their own fixed number of queries.
    reg.findings = run_checks(region, on=on)
    return reg


# --- helpers ---------------------------------------------------------------------------------


def _names(bodies: Iterable[Body], limit: int = 8) -> str:
    names = [b.display_name for b in bodies]
    if len(names) > limit:
        rest = len(names) - limit
        names = names[:limit] + [
            ngettext("%(n)d ander", "%(n)d andere", rest) % {"n": rest},
        ]
    return join_names(names)


def _plain(items: Iterable[str], limit: int = 8) -> str:
    items = list(items)
    if len(items) > limit:
        rest = len(items) - limit
        items = items[:limit] + [ngettext("%(n)d ander", "%(n)d andere", rest) % {"n": rest}]
    return join_names(items)


def _bodies_n(n: int) -> str:
    return ngettext("%(n)d gremium", "%(n)d gremia", n) % {"n": n}


def _meetings_n(n: int) -> str:
    return ngettext("%(n)d vergadering", "%(n)d vergaderingen", n) % {"n": n}


def _level_bodies(reg: _Register, level: str, label: str) -> list[Fact]:
    bodies = reg.active_at(level)
    url = reg.url("governance:body_list", f"?level={level}&status=actief")
    if not bodies:
        return [Fact(_("Geen actief %(label)s gremium vastgelegd.") % {"label": label}, False, url)]
    return [
        Fact(
            _("%(count)s op %(label)s niveau actief: %(names)s.")
            % {"count": _bodies_n(len(bodies)), "label": label, "names": _names(bodies)},
            True,
            url,
        )
    ]


def _written_basis(reg: _Register, level: str, label: str) -> list[Fact]:
    bodies = reg.active_at(level)
    url = reg.url("governance:body_list", f"?level={level}&status=actief")
    based = [b for b in bodies if b.legal_basis_kind != LegalBasisKind.GEEN]
    if not based:
        return [
            Fact(
                _(
                    "Geen van de actieve %(label)s gremia heeft een schriftelijke grondslag "
                    "(convenant, samenwerkingsovereenkomst, gemeenschappelijke regeling, ...)."
                )
                % {"label": label},
                False,
                url,
            )
        ]
    parts = [f"{b.display_name} ({b.get_legal_basis_kind_display().lower()})" for b in based]
    return [
        Fact(
            _(
                "%(count)s van %(total)d actieve %(label)s gremia met een schriftelijke grondslag: "
                "%(names)s."
            )
            % {
                "count": len(based),
                "total": len(bodies),
                "label": label,
                "names": _plain(parts),
            },
            True,
            url,
        )
    ]


# --- the rules -------------------------------------------------------------------------------


def _i1(reg: _Register) -> list[Fact]:
    """I1: an active bestuurlijk body with a current mandate; and whether it meets."""
    bodies = reg.active_at(Level.BESTUURLIJK)
    url = reg.url("governance:body_list", "?level=bestuurlijk&status=actief")
    if not bodies:
        return [Fact(_("Geen actief bestuurlijk gremium vastgelegd."), False, url)]
    with_mandate = [b for b in bodies if reg.mandates.get(b.pk)]
    facts = []
    if with_mandate:
        facts.append(
            Fact(
                _("Actief bestuurlijk gremium met een geldend mandaat: %(names)s.")
                % {"names": _names(with_mandate)},
                True,
                url,
            )
        )
    else:
        facts.append(
            Fact(
                _("Actief op bestuurlijk niveau, maar zonder geldend mandaat: %(names)s.")
                % {"names": _names(bodies)},
                False,
                url,
            )
        )
    # Meetings held vs planned, for bodies with a planned number that exist a year or more.
    old_enough = reg.on - timedelta(days=FREQUENCY_MIN_AGE_DAYS)
    judged = [
        b
        for b in bodies
        if b.meeting_frequency_per_year and not (b.established_on and b.established_on > old_enough)
    ]
    if judged:
        short = [b for b in judged if b.held_last_year < b.meeting_frequency_per_year]
        parts = [
            _("%(body)s %(held)d van %(planned)d")
            % {
                "body": b.display_name,
                "held": b.held_last_year,
                "planned": b.meeting_frequency_per_year,
            }
            for b in judged
        ]
        facts.append(
            Fact(
                _(
                    "Bestuurlijke vergaderingen in de afgelopen 12 maanden, gehouden van "
                    "gepland: %(parts)s."
                )
                % {"parts": _plain(parts)},
                not short,
                reg.url("governance:meeting_list"),
            )
        )
    return facts


def _i2(reg: _Register) -> list[Fact]:
    return _level_bodies(reg, Level.TACTISCH, _("tactisch"))


def _i3(reg: _Register) -> list[Fact]:
    return _level_bodies(reg, Level.OPERATIONEEL, _("operationeel"))


def _i4(reg: _Register) -> list[Fact]:
    url = reg.url("governance:region")
    if not reg.themes:
        return [Fact(_("De regio heeft nog geen thema's gekozen."), False, url)]
    weighed = [name for name, text in reg.themes if text.strip()]
    missing = [name for name, text in reg.themes if not text.strip()]
    facts = []
    if weighed:
        facts.append(
            Fact(
                _("%(n)d van %(total)d gekozen thema's met een afwegingskader: %(names)s.")
                % {"n": len(weighed), "total": len(reg.themes), "names": _plain(weighed)},
                True,
                url,
            )
        )
    if missing:
        facts.append(
            Fact(
                _("Zonder afwegingskader: %(names)s.") % {"names": _plain(missing)},
                False,
                url,
            )
        )
    return facts


def _i5(reg: _Register) -> list[Fact]:
    url = reg.url("governance:region_partners")
    if not reg.partners:
        return [Fact(_("De regio heeft nog geen ketenpartners gekozen."), False, url)]
    seated: set[int] = set()
    for rows in reg.members.values():
        for _body, organisation_id, person_organisation_id, _municipality in rows:
            seated.update(i for i in (organisation_id, person_organisation_id) if i)
    inside = [name for pk, name in reg.partners if pk in seated]
    outside = [name for pk, name in reg.partners if pk not in seated]
    facts = []
    if inside:
        facts.append(
            Fact(
                _(
                    "%(n)d van %(total)d gekozen ketenpartners zitten in een actief gremium: "
                    "%(names)s."
                )
                % {"n": len(inside), "total": len(reg.partners), "names": _plain(inside)},
                True,
                url,
            )
        )
    if outside:
        facts.append(
            Fact(
                _("Gekozen, maar in geen enkel actief gremium: %(names)s.")
                % {"names": _plain(outside)},
                False,
                url,
            )
        )
    return facts


def _knelpunten_fact(reg: _Register) -> Fact:
    url = reg.url("governance:knelpunt_list")
    if not reg.knelpunten:
        return Fact(_("Er zijn nog geen knelpunten vastgelegd."), False, url)
    per_theme: dict[str, int] = {}
    for theme, _status in reg.knelpunten:
        per_theme[theme] = per_theme.get(theme, 0) + 1
    parts = [f"{theme} ({n})" for theme, n in per_theme.items()]
    total = len(reg.knelpunten)
    return Fact(
        ngettext(
            "%(n)d knelpunt vastgelegd, per thema: %(parts)s.",
            "%(n)d knelpunten vastgelegd, per thema: %(parts)s.",
            total,
        )
        % {"n": total, "parts": _plain(parts)},
        True,
        url,
    )


def _a1_2(reg: _Register) -> list[Fact]:
    return [_knelpunten_fact(reg)]


def _a2_1(reg: _Register) -> list[Fact]:
    now = reg.active_at(Level.TACTISCH)
    then = [b for b in reg.active_year_ago.values() if b.level == Level.TACTISCH]
    dissolved = [
        b
        for b in reg.bodies
        if b.level == Level.TACTISCH and b.dissolved_on and reg.year_ago < b.dissolved_on <= reg.on
    ]
    text = _("Actieve tactische gremia: %(now)d nu, %(then)d op %(date)s (een jaar eerder).") % {
        "now": len(now),
        "then": len(then),
        "date": reg.year_ago.strftime("%d-%m-%Y"),
    }
    if dissolved:
        text += " " + _("Opgeheven in dat jaar: %(names)s.") % {"names": _names(dissolved)}
    # Fewer tactical tables than a year ago is evidence of simplification.
    return [Fact(text, len(now) < len(then), reg.url("governance:drukte"))]


def _a2_3(reg: _Register) -> list[Fact]:
    return _written_basis(reg, Level.TACTISCH, _("tactische"))


def _a3_1(reg: _Register) -> list[Fact]:
    url = reg.url("governance:body_list", f"?kind={BodyKind.UITVOERINGSOVERLEG}&status=actief")
    bodies = [b for b in reg.active.values() if b.kind == BodyKind.UITVOERINGSOVERLEG]
    if not bodies:
        return [Fact(_("Geen actief uitvoerings- of casusoverleg vastgelegd."), False, url)]
    held = sum(b.held_last_year for b in bodies)
    return [
        Fact(
            _(
                "%(count)s als uitvoerings- of casusoverleg actief (%(names)s); samen "
                "%(meetings)s vastgelegd in de afgelopen 12 maanden."
            )
            % {
                "count": _bodies_n(len(bodies)),
                "names": _names(bodies),
                "meetings": _meetings_n(held),
            },
            True,
            url,
        )
    ]


def _actions_with_trekker(reg: _Register) -> Fact:
    url = reg.url("governance:werkagenda")
    on_list = [a for a in reg.actions if a["list"] == ActionList.ACTIE]
    with_trekker = [a for a in on_list if a["trekker_id"]]
    if not with_trekker:
        return Fact(
            _("Geen actie op de actielijst met een bestuurlijk trekker (%(n)d op de actielijst).")
            % {"n": len(on_list)},
            False,
            url,
        )
    return Fact(
        ngettext(
            "%(n)d actie op de actielijst met een bestuurlijk trekker (van %(total)d).",
            "%(n)d acties op de actielijst met een bestuurlijk trekker (van %(total)d).",
            len(with_trekker),
        )
        % {"n": len(with_trekker), "total": len(on_list)},
        True,
        url,
    )


def _a3_3(reg: _Register) -> list[Fact]:
    facts = [_actions_with_trekker(reg)]
    done = [
        a
        for a in reg.actions
        if a["list"] == ActionList.GEREED
        and a["closed_reason"] == ClosedReason.AFGEROND
        and a["list_since"]
        and reg.year_ago < a["list_since"] <= reg.on
    ]
    if done:
        facts.append(
            Fact(
                ngettext(
                    "%(n)d actie afgerond in de afgelopen 12 maanden.",
                    "%(n)d acties afgerond in de afgelopen 12 maanden.",
                    len(done),
                )
                % {"n": len(done)},
                True,
                reg.url("governance:action_table", f"?lijst={ActionList.GEREED}"),
            )
        )
    return facts


def _a3_4(reg: _Register) -> list[Fact]:
    return _written_basis(reg, Level.OPERATIONEEL, _("operationele"))


def _o1(reg: _Register) -> list[Fact]:
    facts = [_actions_with_trekker(reg), _knelpunten_fact(reg)]
    lower = [b for b in reg.active.values() if b.level in (Level.TACTISCH, Level.OPERATIONEEL)]
    documented = [
        (b, subject, source)
        for b in lower
        for _id, subject, source in reg.mandates.get(b.pk, ())
        if source.strip()
    ]
    url = reg.url("governance:body_list", "?status=actief")
    if documented:
        bodies = {b.pk: b for b, _s, _d in documented}
        facts.append(
            Fact(
                ngettext(
                    "%(n)d geldend mandaat van tactische of operationele gremia met een "
                    "brondocument (%(names)s).",
                    "%(n)d geldende mandaten van tactische of operationele gremia met een "
                    "brondocument (%(names)s).",
                    len(documented),
                )
                % {"n": len(documented), "names": _names(bodies.values())},
                True,
                url,
            )
        )
    else:
        facts.append(
            Fact(
                _(
                    "Geen geldend mandaat van een tactisch of operationeel gremium met een "
                    "brondocument vastgelegd."
                ),
                False,
                url,
            )
        )
    return facts


def _o3(reg: _Register) -> list[Fact]:
    """O3: the overview of knelpunten (the register keeps no overview of voorzieningen)."""
    return [_knelpunten_fact(reg)]


def _o4(reg: _Register) -> list[Fact]:
    url = reg.url("governance:body_list", "?status=actief")
    if not reg.cost_lines:
        return [Fact(_("Geen kostenposten van actieve gremia vastgelegd."), False, url)]
    funded = [row for row in reg.cost_lines if row[2].strip()]
    unfunded = [row for row in reg.cost_lines if not row[2].strip()]
    facts = []
    if funded:
        facts.append(
            Fact(
                _(
                    "%(n)d van %(total)d kostenposten van actieve gremia met vastgelegde dekking "
                    "(wie betaalt): %(items)s."
                )
                % {
                    "n": len(funded),
                    "total": len(reg.cost_lines),
                    "items": _plain(f"{item} ({funder})" for _b, item, funder in funded),
                },
                True,
                url,
            )
        )
    if unfunded:
        facts.append(
            Fact(
                _("Kostenposten zonder vastgelegde dekking: %(items)s.")
                % {"items": _plain(item for _b, item, _f in unfunded)},
                False,
                url,
            )
        )
    return facts


def _m1(reg: _Register) -> list[Fact]:
    url = reg.url("governance:checks")
    if not reg.active:
        return [Fact(_("Er is geen actief gremium vastgelegd."), False, url)]
    high = [f for f in reg.findings if f.severity == HOOG]
    if not high:
        return [
            Fact(
                _(
                    "De structuurcontroles vinden geen punten met hoge ernst (%(n)d punten in "
                    "totaal)."
                )
                % {"n": len(reg.findings)},
                True,
                url,
            )
        ]
    titles: dict[str, int] = {}
    for finding in high:
        titles[finding.title] = titles.get(finding.title, 0) + 1
    return [
        Fact(
            ngettext(
                "De structuurcontroles vinden %(n)d punt met hoge ernst: %(titles)s.",
                "De structuurcontroles vinden %(n)d punten met hoge ernst: %(titles)s.",
                len(high),
            )
            % {"n": len(high), "titles": _plain(f"{t} ({n})" for t, n in titles.items())},
            False,
            url,
        )
    ]


def _m6(reg: _Register) -> list[Fact]:
    bodies_now = len(reg.active)
    bodies_then = len(reg.active_year_ago)
    held_now = sum(b.held_last_year for b in reg.bodies)
    held_then = sum(b.held_year_before for b in reg.bodies)
    return [
        Fact(
            _("Actieve gremia: %(now)d nu, %(then)d op %(date)s.")
            % {"now": bodies_now, "then": bodies_then, "date": reg.year_ago.strftime("%d-%m-%Y")},
            bodies_now < bodies_then,
            reg.url("governance:drukte"),
        ),
        Fact(
            _(
                "Gehouden vergaderingen (niet geannuleerd): %(now)d in de afgelopen 12 maanden, "
                "%(then)d in de 12 maanden daarvoor."
            )
            % {"now": held_now, "then": held_then},
            held_now < held_then,
            reg.url("governance:meeting_list"),
        ),
    ]


def _u3(reg: _Register) -> list[Fact]:
    url = reg.url("governance:body_list", "?status=actief")
    if not reg.municipalities:
        return [Fact(_("Er zijn geen gemeenten van de regio vastgelegd."), False, url)]
    represented = {row[3] for rows in reg.members.values() for row in rows if row[3] is not None}
    unrepresented = [(pk, name) for pk, name in reg.municipalities if pk not in represented]
    total = len(reg.municipalities)
    if not unrepresented:
        return [
            Fact(
                _("Alle %(n)d gemeenten zijn als gemeente lid van een actief gremium.")
                % {"n": total},
                True,
                url,
            )
        ]
    return [
        Fact(
            _(
                "%(n)d van %(total)d gemeenten zijn in geen enkel actief gremium "
                "vertegenwoordigd: %(names)s."
            )
            % {
                "n": len(unrepresented),
                "total": total,
                "names": _plain((name for _pk, name in unrepresented), limit=25),
            },
            False,
            url,
        )
    ]


RULES: dict[str, Callable[[_Register], list[Fact]]] = {
    "I1": _i1,
    "I2": _i2,
    "I3": _i3,
    "I4": _i4,
    "I5": _i5,
    "A1.2": _a1_2,
    "A2.1": _a2_1,
    "A2.3": _a2_3,
    "A3.1": _a3_1,
    "A3.3": _a3_3,
    "A3.4": _a3_4,
    "O1": _o1,
    "O3": _o3,
    "O4": _o4,
    "M1": _m1,
    "M6": _m6,
    "U3": _u3,
}


def derived_evidence(region: Region, on: date | None = None) -> dict[str, list[Fact]]:
    """Facts per item code for ``region`` as it stands on ``on`` (default today)."""
    on = on or timezone.localdate()
    reg = _load(region, on)
    facts = {code: rule(reg) for code, rule in RULES.items()}
    for provider in _PROVIDERS.values():
        for code, more in provider(region, on).items():
            facts.setdefault(code, []).extend(more)
    return facts


def unrepresented_municipality_ids(region: Region, on: date | None = None) -> set[int]:
    """Ids of the region's municipalities without a seat in any active body (outcome 3).

    For per-gemeente pages; three queries.
    """
    on = on or timezone.localdate()
    active = [
        b.pk
        for b in Body.objects.filter(region=region).only(
            "pk", "status", "established_on", "dissolved_on"
        )
        if body_active_on(b, on)
    ]
    seated = set(
        Membership.objects.filter(body_id__in=active, municipality__isnull=False)
        .valid_on(on)
        .values_list("municipality_id", flat=True)
    )
    return set(
        Municipality.objects.filter(region=region)
        .exclude(pk__in=seated)
        .values_list("pk", flat=True)
    )


def _status_of(value) -> str:
    return getattr(value, "status", value)


def mismatches(
    region: Region,
    assessments_by_code: Mapping[str, object],
    *,
    evidence: Mapping[str, list[Fact]] | None = None,
) -> set[str]:
    """Codes judged gerealiseerd or geborgd while the register offers no supporting fact.

    ``assessments_by_code`` maps an item code to an Assessment (or a status string). Items
    without a rule are never flagged: the register cannot say anything about them. Pass the
    ``evidence`` already computed for the page to avoid reading the register twice.
    """
    if evidence is None:
        evidence = derived_evidence(region)
    flagged = set()
    for code, assessment in assessments_by_code.items():
        if assessment is None or _status_of(assessment) not in REALISED:
            continue
        facts = evidence.get(code)
        if facts is not None and not any(f.supports for f in facts):
            flagged.add(code)
    return flagged
