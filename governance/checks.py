"""Structure checks: rules over one region's governance structure (DESIGN.md §6).

Every rule looks at the structure *as it stands on one day* (default: today) and yields
findings, each with a severity and a link to the page where the secretary fixes it.

All data is read in a fixed number of queries (bodies, memberships, mandates, relations,
partners, municipalities) and evaluated in Python, so a region of 300 bodies costs the same
number of queries as a region of 3.

Definitions used throughout:

- A body is *active on a day* when it is not a proposal, was established on or before that day
  (or has no date of establishment) and is not dissolved on that day (``dissolved_on`` is the
  first day it no longer exists). A body with status *opgeheven* but without a date of
  dissolution is treated as no longer active.
- A membership, mandate or relation is *current on a day* when its period contains that day
  (start inclusive, end exclusive, open ends allowed).
- The *last 12 months* before a day run from the start of the same day a year earlier up to the
  end of that day — or up to now when the day is today: a meeting later today has not happened.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from governance.constants import (
    ADVISORY_POWERS,
    CHAIR_ROLES,
    HULPSTRUCTUUR_KINDS,
    SECRETARY_ROLES,
    BodyKind,
    BodyStatus,
    DecisionPower,
    LegalBasisKind,
    Level,
    MeetingStatus,
    Office,
    Power,
    RelationKind,
)
from governance.models import (
    Body,
    BodyRelation,
    Mandate,
    Membership,
    Municipality,
    Region,
    RegionPartner,
)

HOOG = "hoog"
MIDDEL = "middel"
LAAG = "laag"
SEVERITY_ORDER = {HOOG: 0, MIDDEL: 1, LAAG: 2}
SEVERITY_LABELS = {
    HOOG: gettext_lazy("Hoog"),
    MIDDEL: gettext_lazy("Middel"),
    LAAG: gettext_lazy("Laag"),
}

# Decision powers that need a recorded mandate or legal basis.
DECIDING_POWERS = (DecisionPower.BESLUITVORMEND, DecisionPower.ZWAARWEGEND_ADVIES)
# Regional administrative tables that should seat both a mayor and an alderman: the tables where
# municipalities and partners set the Z+V course for the whole region. Bodies of a GR (AB, DB,
# BAC), the DVO (mayors only by design) and the Vergadering van Gemeenten (aldermen only by
# design) are deliberately left out.
REGIONAL_ADMIN_KINDS = (BodyKind.STAMTAFEL, BodyKind.BNT, BodyKind.STUURGROEP)
# Kinds that need no chair or secretary of their own: one administrator holding a portfolio,
# or a project team that works under a table.
NO_CHAIR_NEEDED_KINDS = (BodyKind.PORTEFEUILLEHOUDER, BodyKind.PROJECTTEAM)
# Window for "tables added without tables retired" and "dissolved without successor".
WINDOW_MONTHS = 24
# Window for "meets less often than planned"; younger bodies are not judged yet.
FREQUENCY_WINDOW_MONTHS = 12
FREQUENCY_MIN_AGE_DAYS = 365


@dataclass(frozen=True)
class Finding:
    check: str
    severity: str
    title: str
    message: str
    fix_url: str
    fix_label: str
    body_id: int | None
    # Every body the finding is about (for a theme decided twice: all bodies involved).
    body_ids: tuple[int, ...] = field(default=())

    @property
    def severity_label(self) -> str:
        return str(SEVERITY_LABELS[self.severity])

    def concerns(self, body_id: int) -> bool:
        return body_id == self.body_id or body_id in self.body_ids


class Check(NamedTuple):
    code: str
    severity: str
    title: str
    explanation: str


CHECKS: list[Check] = [
    Check(
        "decides_without_mandate",
        HOOG,
        gettext_lazy("Beslist zonder vastgelegd mandaat"),
        gettext_lazy(
            "Een actief gremium dat besluit of zwaarwegend adviseert, zonder geldend mandaat en "
            "zonder grondslag (convenant, gemeenschappelijke regeling, wet of ander document)."
        ),
    ),
    Check(
        "advisory_without_advises",
        MIDDEL,
        gettext_lazy("Advies zonder adressaat"),
        gettext_lazy(
            "Een actief adviserend gremium (of bestuursadviescommissie) zonder geldende relatie "
            "‘adviseert’ naar een actief gremium."
        ),
    ),
    Check(
        "hulpstructuur_unaccountable",
        HOOG,
        gettext_lazy("Hulpstructuur legt nergens verantwoording af"),
        gettext_lazy(
            "Een actieve portefeuillehouder, partnergroep of projectteam zonder geldende relatie "
            "‘legt verantwoording af aan’ naar een actieve tafel."
        ),
    ),
    Check(
        "no_chair_or_secretary",
        MIDDEL,
        gettext_lazy("Geen voorzitter of secretaris"),
        gettext_lazy(
            "Een actief gremium (behalve portefeuillehouders en projectteams) zonder huidige "
            "voorzitter of zonder huidige (netwerk)secretaris. Gremia zonder leden vallen onder "
            "‘Gremium zonder leden’."
        ),
    ),
    Check(
        "theme_decided_twice",
        MIDDEL,
        gettext_lazy("Over één thema besluiten meerdere tafels"),
        gettext_lazy(
            "Twee of meer actieve gremia hebben een geldend mandaat om te besluiten over "
            "hetzelfde thema."
        ),
    ),
    Check(
        "admin_table_missing_mayor_or_alderman",
        HOOG,
        gettext_lazy("Bestuurlijke tafel zonder burgemeester of wethouder"),
        gettext_lazy(
            "Een actieve regionale bestuurlijke tafel (Stamtafel, bestuurlijke netwerktafel of "
            "stuurgroep) waaraan geen burgemeester of geen wethouder zit."
        ),
    ),
    Check(
        "partner_in_no_body",
        LAAG,
        gettext_lazy("Gekozen ketenpartner zit nergens aan tafel"),
        gettext_lazy(
            "Een gekozen ketenpartner van de regio die als organisatie of via een medewerker in "
            "geen enkel actief gremium zit."
        ),
    ),
    Check(
        "municipality_unrepresented",
        MIDDEL,
        gettext_lazy("Gemeente nergens vertegenwoordigd"),
        gettext_lazy(
            "Een gemeente van de regio die in geen enkel actief gremium als gemeente lid is. "
            "Alleen lidmaatschappen waarbij de gemeente zelf is ingevuld tellen mee."
        ),
    ),
    Check(
        "tables_added_not_retired",
        MIDDEL,
        gettext_lazy("Meer tafels erbij dan eraf"),
        gettext_lazy(
            "In de afgelopen 24 maanden zijn meer bestuurlijke gremia ingesteld dan opgeheven."
        ),
    ),
    Check(
        "body_without_members",
        MIDDEL,
        gettext_lazy("Gremium zonder leden"),
        gettext_lazy("Een actief gremium zonder huidige leden."),
    ),
    Check(
        "dissolved_without_successor",
        LAAG,
        gettext_lazy("Opgeheven zonder vastgelegde opvolger"),
        gettext_lazy(
            "Een gremium dat in de afgelopen 24 maanden is opgeheven, zonder relatie ‘gaat op in’ "
            "naar het gremium dat de taken heeft overgenomen."
        ),
    ),
    Check(
        "meets_less_than_planned",
        MIDDEL,
        gettext_lazy("Vergadert minder vaak dan gepland"),
        gettext_lazy(
            "Een actief gremium dat minstens 12 maanden bestaat en in de afgelopen 12 maanden "
            "minder vaak (niet geannuleerd) heeft vergaderd dan het vastgelegde aantal "
            "vergaderingen per jaar."
        ),
    ),
]
_BY_CODE = {c.code: c for c in CHECKS}


# --- helpers ---------------------------------------------------------------------------------


def _url(name: str, **kwargs) -> str:
    return reverse(f"governance:{name}", kwargs=kwargs)


def body_active_on(body: Body, day: date) -> bool:
    """Did ``body`` exist on ``day``? See the module docstring for the definition."""
    if body.status == BodyStatus.VOORGESTELD:
        return False
    if body.status == BodyStatus.OPGEHEVEN and body.dissolved_on is None:
        return False
    if body.established_on and body.established_on > day:
        return False
    return not (body.dissolved_on and body.dissolved_on <= day)


def period_contains(start: date | None, end: date | None, day: date) -> bool:
    return (start is None or start <= day) and (end is None or end > day)


def months_before(day: date, months: int) -> date:
    """The same day of the month ``months`` months earlier (clamped to the month's end)."""
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def join_names(names: Iterable[str]) -> str:
    """'A', 'A en B', 'A, B en C'."""
    items = list(names)
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s en %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def _finding(
    code: str,
    message: str,
    fix_url: str,
    fix_label: str,
    body_id: int | None,
    body_ids: Iterable[int] = (),
) -> Finding:
    check = _BY_CODE[code]
    ids = tuple(body_ids) or ((body_id,) if body_id is not None else ())
    return Finding(
        check=code,
        severity=check.severity,
        title=str(check.title),
        message=message,
        fix_url=fix_url,
        fix_label=fix_label,
        body_id=body_id,
        body_ids=ids,
    )


@dataclass
class _Structure:
    """Everything the rules need, loaded once."""

    region: Region
    on: date
    bodies: list[Body]
    active: dict[int, Body]
    members: dict[int, list[Membership]]  # current memberships per active body
    mandates: dict[int, list[Mandate]]  # current mandates per active body
    relations: list[BodyRelation]  # all relations of the region, every period
    partners: list[RegionPartner]
    municipalities: list[Municipality]
    # Meetings (not cancelled) per body in the 12 months up to ``on``: ``meetings_last_year``
    # is annotated on every body of ``bodies``.

    def current_relations_out(self, body_id: int, kind: str) -> list[BodyRelation]:
        """Current relations of ``kind`` from ``body_id`` to an active body."""
        return [
            r
            for r in self.relations
            if r.source_id == body_id
            and r.kind == kind
            and r.target_id in self.active
            and period_contains(r.valid_from, r.valid_to, self.on)
        ]


def frequency_window(on: date) -> tuple[datetime, datetime]:
    """[start, end) of "the last 12 months" before ``on`` (see the module docstring)."""
    tz = timezone.get_current_timezone()
    start = datetime.combine(months_before(on, FREQUENCY_WINDOW_MONTHS), time.min, tzinfo=tz)
    end = datetime.combine(on + timedelta(days=1), time.min, tzinfo=tz)
    return start, min(end, timezone.now())


#: What the rules read of a membership (see :func:`_load`); reading any other field of a
#: membership in a rule costs a query per seat, which the query-count tests catch.
MEMBER_FIELDS = (
    "body_id",
    "role",
    "person_id",
    "organisation_id",
    "municipality_id",
    "person__office",
    "person__organisation_id",
)


def _load(region: Region, on: date) -> _Structure:
    # One query per kind of object; memberships, mandates and relations are filtered on the
    # region through a join so no list of body ids has to travel to the database. The bodies
    # carry the number of meetings they held in the last 12 months (a filtered count).
    start, end = frequency_window(on)
    held = Q(meetings__starts_at__gte=start, meetings__starts_at__lt=end) & ~Q(
        meetings__status=MeetingStatus.GEANNULEERD
    )
    bodies = list(
        Body.objects.filter(region=region)
        .annotate(meetings_last_year=Count("meetings", filter=held))
        .order_by("name", "pk")
    )
    active = {b.pk: b for b in bodies if body_active_on(b, on)}
    members: dict[int, list[Membership]] = defaultdict(list)
    # The rules read a seat's body, role, person, organisation and municipality (as keys) and
    # the person's office and organisation: only those columns are loaded. Memberships and
    # relations are read unordered: the rules look them up in sets and sort what they name,
    # and the models' default orderings (by person name; by the names of both bodies) would
    # add joins for nothing.
    for m in (
        Membership.objects.filter(body__region=region)
        .valid_on(on)
        .select_related("person")
        .only(*MEMBER_FIELDS)
        .order_by()
    ):
        if m.body_id in active:
            members[m.body_id].append(m)
    mandates: dict[int, list[Mandate]] = defaultdict(list)
    for mandate in Mandate.objects.filter(body__region=region).valid_on(on).select_related("theme"):
        if mandate.body_id in active:
            mandates[mandate.body_id].append(mandate)
    # All periods: a *gaat op in* relation ends when the body is dissolved, so it is never
    # current afterwards; currency is checked in Python where it matters.
    relations = list(BodyRelation.objects.filter(source__region=region).order_by())
    partners = list(
        RegionPartner.objects.filter(region=region)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    municipalities = list(Municipality.objects.filter(region=region).order_by("name"))
    return _Structure(
        region, on, bodies, active, members, mandates, relations, partners, municipalities
    )


# --- the rules -------------------------------------------------------------------------------


def _decides_without_mandate(s: _Structure) -> Iterable[Finding]:
    for body in s.active.values():
        if (
            body.decision_power in DECIDING_POWERS
            and not s.mandates.get(body.pk)
            and body.legal_basis_kind == LegalBasisKind.GEEN
        ):
            yield _finding(
                "decides_without_mandate",
                _(
                    "%(body)s is vastgelegd als ‘%(power)s’, maar er is geen geldend mandaat en "
                    "geen grondslag vastgelegd. Zonder mandaat weet niemand waarover deze tafel "
                    "mag beslissen en namens wie. Leg het mandaat vast, of vul de grondslag in "
                    "(bijvoorbeeld het convenant of de gemeenschappelijke regeling)."
                )
                % {"body": body.name, "power": body.get_decision_power_display().lower()},
                _url("mandate_add", region=s.region.slug, pk=body.pk),
                _("Mandaat toevoegen"),
                body.pk,
            )


def _advisory_without_advises(s: _Structure) -> Iterable[Finding]:
    for body in s.active.values():
        advisory = body.decision_power in ADVISORY_POWERS or body.kind == BodyKind.BAC
        if advisory and not s.current_relations_out(body.pk, RelationKind.ADVISEERT):
            yield _finding(
                "advisory_without_advises",
                _(
                    "%(body)s is een adviserend gremium, maar er is niet vastgelegd welk gremium "
                    "het adviseert. Een advies dat nergens landt, leidt niet tot een besluit. "
                    "Voeg een relatie ‘adviseert’ toe naar de tafel die besluit."
                )
                % {"body": body.name},
                _url("relation_add", region=s.region.slug, pk=body.pk) + "?kind=adviseert",
                _("Relatie ‘adviseert’ toevoegen"),
                body.pk,
            )


def _hulpstructuur_unaccountable(s: _Structure) -> Iterable[Finding]:
    for body in s.active.values():
        if body.kind in HULPSTRUCTUUR_KINDS and not s.current_relations_out(
            body.pk, RelationKind.VERANTWOORDING
        ):
            yield _finding(
                "hulpstructuur_unaccountable",
                _(
                    "%(body)s werkt namens een tafel, maar er is niet vastgelegd aan "
                    "welke tafel het verantwoording aflegt. Dan kan niemand het aanspreken op wat "
                    "het doet. Voeg een relatie ‘legt verantwoording af aan’ toe."
                )
                % {"body": body.name},
                _url("relation_add", region=s.region.slug, pk=body.pk)
                + "?kind=legt_verantwoording_af_aan",
                _("Verantwoordingsrelatie toevoegen"),
                body.pk,
            )


def _no_chair_or_secretary(s: _Structure) -> Iterable[Finding]:
    for body in s.active.values():
        members = s.members.get(body.pk)
        if body.kind in NO_CHAIR_NEEDED_KINDS or not members:
            continue  # an empty body is reported once, by body_without_members
        roles = {m.role for m in members}
        no_chair = not roles.intersection(CHAIR_ROLES)
        no_secretary = not roles.intersection(SECRETARY_ROLES)
        if no_chair and no_secretary:
            text = _(
                "%(body)s heeft geen voorzitter en geen secretaris. Zonder voorzitter leidt "
                "niemand het gesprek naar een besluit; zonder secretaris worden agenda, "
                "verslag en opvolging niet geregeld."
            )
        elif no_chair:
            text = _(
                "%(body)s heeft geen voorzitter. Zonder voorzitter leidt niemand het "
                "gesprek naar een besluit en spreekt niemand de tafel aan op afspraken."
            )
        elif no_secretary:
            text = _(
                "%(body)s heeft geen secretaris of netwerksecretaris. Dan regelt niemand "
                "agenda, verslag en de opvolging van afspraken."
            )
        else:
            continue
        yield _finding(
            "no_chair_or_secretary",
            text % {"body": body.name},
            _url("membership_add", region=s.region.slug, pk=body.pk),
            _("Voorzitter of secretaris toevoegen"),
            body.pk,
        )


def _theme_decided_twice(s: _Structure) -> Iterable[Finding]:
    deciders: dict[int, dict[int, Body]] = defaultdict(dict)
    themes = {}
    for body_id, mandates in s.mandates.items():
        for mandate in mandates:
            if mandate.power == Power.BESLUITEN and mandate.theme_id:
                deciders[mandate.theme_id][body_id] = s.active[body_id]
                themes[mandate.theme_id] = mandate.theme
    for theme_id, bodies in deciders.items():
        if len(bodies) < 2:
            continue
        ordered = sorted(bodies.values(), key=lambda b: (b.name, b.pk))
        yield _finding(
            "theme_decided_twice",
            _(
                "Over het thema ‘%(theme)s’ hebben %(bodies)s elk een mandaat om te besluiten. "
                "Als meer tafels over hetzelfde beslissen, is niet duidelijk welk besluit geldt. "
                "Beleg het besluit bij één tafel en laat de andere adviseren of afstemmen."
            )
            % {"theme": themes[theme_id].name, "bodies": join_names(b.name for b in ordered)},
            _url("body_list", region=s.region.slug),
            _("Gremia bekijken"),
            None,
            [b.pk for b in ordered],
        )


def _admin_table_missing_mayor_or_alderman(s: _Structure) -> Iterable[Finding]:
    for body in s.active.values():
        if body.level != Level.BESTUURLIJK or body.kind not in REGIONAL_ADMIN_KINDS:
            continue
        offices = {m.person.office for m in s.members.get(body.pk, ()) if m.person_id}
        no_mayor = Office.BURGEMEESTER not in offices
        no_alderman = Office.WETHOUDER not in offices
        if no_mayor and no_alderman:
            text = _("Aan %(body)s zit geen burgemeester en geen wethouder.")
        elif no_mayor:
            text = _("Aan %(body)s zit geen burgemeester.")
        elif no_alderman:
            text = _("Aan %(body)s zit geen wethouder.")
        else:
            continue
        text += " " + _(
            "Een regionale bestuurlijke tafel voor zorg en veiligheid heeft beide "
            "nodig: de burgemeester voor de veiligheid, de wethouder voor de zorg en "
            "het sociaal domein."
        )
        yield _finding(
            "admin_table_missing_mayor_or_alderman",
            text % {"body": body.name},
            _url("membership_add", region=s.region.slug, pk=body.pk),
            _("Bestuurder toevoegen"),
            body.pk,
        )


def _partner_in_no_body(s: _Structure) -> Iterable[Finding]:
    seated: set[int] = set()
    for members in s.members.values():
        for m in members:
            if m.organisation_id:
                seated.add(m.organisation_id)
            if m.person_id and m.person.organisation_id:
                seated.add(m.person.organisation_id)
    for partner in s.partners:
        if partner.organisation_id not in seated:
            yield _finding(
                "partner_in_no_body",
                _(
                    "%(org)s is gekozen als ketenpartner van de regio, maar zit in geen enkel "
                    "actief gremium, niet als organisatie en niet via een medewerker. Nodig de "
                    "partner uit aan een tafel, of haal hem van de lijst als de keuze niet meer "
                    "geldt."
                )
                % {"org": partner.organisation.name},
                _url("region_partners", region=s.region.slug),
                _("Ketenpartners bekijken"),
                None,
            )


def _municipality_unrepresented(s: _Structure) -> Iterable[Finding]:
    represented = {
        m.municipality_id for members in s.members.values() for m in members if m.municipality_id
    }
    for municipality in s.municipalities:
        if municipality.pk not in represented:
            yield _finding(
                "municipality_unrepresented",
                _(
                    "%(municipality)s is in geen enkel actief gremium als gemeente lid. Elke "
                    "gemeente hoort deel uit te maken van de regionale samenwerking. Leg vast aan "
                    "welke tafel de gemeente zit, of namens welke gemeente een lid aanwezig is."
                )
                % {"municipality": municipality.name},
                _url("body_list", region=s.region.slug),
                _("Gremia bekijken"),
                None,
            )


def _tables_added_not_retired(s: _Structure) -> Iterable[Finding]:
    window_start = months_before(s.on, WINDOW_MONTHS)
    added = ended = 0
    for body in s.bodies:
        if body.level != Level.BESTUURLIJK or body.status == BodyStatus.VOORGESTELD:
            continue
        if body.established_on and window_start < body.established_on <= s.on:
            added += 1
        if body.dissolved_on and window_start < body.dissolved_on <= s.on:
            ended += 1
    if added > ended:
        yield _finding(
            "tables_added_not_retired",
            _(
                "In de afgelopen 24 maanden: %(added)s ingesteld, %(ended)s opgeheven. Wie een "
                "tafel toevoegt, heft bij voorkeur een andere op: het aantal overleggen voor "
                "bestuurders hoort te dalen, niet te stijgen."
            )
            % {
                "added": ngettext("%(n)d bestuurlijk gremium", "%(n)d bestuurlijke gremia", added)
                % {"n": added},
                "ended": ngettext("%(n)d gremium", "%(n)d gremia", ended) % {"n": ended},
            },
            _url("body_list", region=s.region.slug),
            _("Gremia bekijken"),
            None,
        )


def _body_without_members(s: _Structure) -> Iterable[Finding]:
    for body in s.active.values():
        if not s.members.get(body.pk):
            yield _finding(
                "body_without_members",
                _(
                    "%(body)s heeft geen leden vastgelegd. Dan is niet te zien wie er aan tafel "
                    "zit en namens wie."
                )
                % {"body": body.name},
                _url("membership_add", region=s.region.slug, pk=body.pk),
                _("Lid toevoegen"),
                body.pk,
            )


def _dissolved_without_successor(s: _Structure) -> Iterable[Finding]:
    window_start = months_before(s.on, WINDOW_MONTHS)
    merged = {r.source_id for r in s.relations if r.kind == RelationKind.GAAT_OP_IN}
    for body in s.bodies:
        if (
            body.status == BodyStatus.OPGEHEVEN
            and body.dissolved_on
            and window_start < body.dissolved_on <= s.on
            and body.pk not in merged
        ):
            yield _finding(
                "dissolved_without_successor",
                _(
                    "%(body)s is opgeheven per %(date)s, maar er is niet vastgelegd in welk "
                    "gremium het is opgegaan. Zijn de taken naar een andere tafel gegaan, leg dat "
                    "dan vast met de relatie ‘gaat op in’, zodat de geschiedenis te volgen blijft."
                )
                % {"body": body.name, "date": body.dissolved_on.strftime("%d-%m-%Y")},
                _url("relation_add", region=s.region.slug, pk=body.pk) + "?kind=gaat_op_in",
                _("Relatie ‘gaat op in’ toevoegen"),
                body.pk,
            )


def _meets_less_than_planned(s: _Structure) -> Iterable[Finding]:
    old_enough = s.on - timedelta(days=FREQUENCY_MIN_AGE_DAYS)
    for body in s.active.values():
        planned = body.meeting_frequency_per_year
        if not planned or (body.established_on and body.established_on > old_enough):
            continue
        held = body.meetings_last_year
        if held >= planned:
            continue
        yield _finding(
            "meets_less_than_planned",
            _(
                "%(body)s: %(held)s in de afgelopen 12 maanden; gepland: %(planned)s per jaar. "
                "Een tafel die minder vaak bijeenkomt dan afgesproken, kan haar rol niet "
                "waarmaken. Plan de volgende vergaderingen, of pas het aantal vergaderingen per "
                "jaar aan als de afspraak is veranderd."
            )
            % {
                "body": body.name,
                "held": ngettext("%(n)d vergadering", "%(n)d vergaderingen", held) % {"n": held},
                "planned": planned,
            },
            _url("meeting_add", region=s.region.slug, pk=body.pk),
            _("Vergadering plannen"),
            body.pk,
        )


RULES = (
    _decides_without_mandate,
    _advisory_without_advises,
    _hulpstructuur_unaccountable,
    _no_chair_or_secretary,
    _theme_decided_twice,
    _admin_table_missing_mayor_or_alderman,
    _partner_in_no_body,
    _municipality_unrepresented,
    _tables_added_not_retired,
    _body_without_members,
    _dissolved_without_successor,
    _meets_less_than_planned,
)


def run_checks(region: Region, *, on: date | None = None) -> list[Finding]:
    """All findings for ``region`` as it stands on ``on`` (default today), most severe first."""
    structure = _load(region, on or timezone.localdate())
    findings = [f for rule in RULES for f in rule(structure)]
    findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], f.title, f.message))
    return findings


def findings_by_body(findings: Iterable[Finding]) -> dict[int, list[Finding]]:
    """Findings grouped per body they concern (a finding about two bodies appears twice)."""
    grouped: dict[int, list[Finding]] = defaultdict(list)
    for finding in findings:
        for body_id in finding.body_ids:
            grouped[body_id].append(finding)
    return dict(grouped)
