"""The framework of the structure checks: severities, findings, the catalogue of checks
(:data:`CHECKS`, in the order of the legend) and the helpers the rules share.

The definitions of "active on a day", "current on a day" and "the last 12 months" are in the
package docstring (:mod:`governance.checks`).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.constants import BodyStatus
from governance.models import Body

HOOG = "hoog"
MIDDEL = "middel"
LAAG = "laag"
SEVERITY_ORDER = {HOOG: 0, MIDDEL: 1, LAAG: 2}
SEVERITY_LABELS = {
    HOOG: gettext_lazy("Hoog"),
    MIDDEL: gettext_lazy("Middel"),
    LAAG: gettext_lazy("Laag"),
}


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
    # What the finding is about, independent of its wording: "body:12", "theme:4" (a theme
    # decided at more tables), "municipality:5", "organisation:9", or "region". A rule that
    # names no subject gets one from ``body_ids`` (see governance/checks/facts.py).
    subject: str = ""
    # A short fingerprint of the facts behind the finding (governance/checks/facts.py): an
    # answer to the finding holds while it is unchanged.
    facts: str = ""

    @property
    def severity_label(self) -> str:
        return str(SEVERITY_LABELS[self.severity])

    def concerns(self, body_id: int) -> bool:
        return body_id == self.body_id or body_id in self.body_ids


@dataclass(frozen=True)
class Notice:
    """A rule that cannot judge (all of) its period yet, because the portal has not held the
    region's data long enough (:mod:`governance.checks.window`). Not a finding: it counts
    nowhere. At most one per rule and region."""

    check: str
    title: str
    message: str  # starts with what the rule does not judge yet, then why and from when
    judged_from: date | None  # the first day the rule judges its full period; None: unknown


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
        "steers_without_mandate",
        MIDDEL,
        gettext_lazy("Stuurt zonder vastgelegd mandaat"),
        gettext_lazy(
            "Een actief gremium met de rol aanjagen, opdrachtgeven of besluiten (het stelt "
            "prioriteiten of geeft opdrachten), zonder geldend mandaat en zonder grondslag. "
            "Gremia die als besluitvormend of zwaarwegend adviserend zijn vastgelegd, vallen al "
            "onder ‘Beslist zonder vastgelegd mandaat’ en worden hier niet nog eens genoemd."
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
        "decides_outside_framework",
        MIDDEL,
        gettext_lazy("Besluit buiten elk kader en legt nergens verantwoording af"),
        gettext_lazy(
            "Een actieve stuurgroep of een ander besluitvormend gremium dat in geen enkel kader "
            "staat (gemeenschappelijke regeling, convenant, overeenkomst of netwerk) en geen "
            "geldende relatie ‘legt verantwoording af aan’ heeft naar een actieve tafel. "
            "Portefeuillehouders, partnergroepen en projectteams vallen onder ‘Hulpstructuur "
            "legt nergens verantwoording af’."
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
            "In de afgelopen 24 maanden zijn meer bestuurlijke gremia ingesteld dan opgeheven. "
            "Alleen wat ingesteld of opgeheven is vanaf het begin van de registratie telt mee: "
            "van de tijd daarvoor kent het portaal meestal alleen de tafels die er nog zijn, "
            "niet de tafels die zijn opgeheven. Zolang de registratie nog geen 24 maanden "
            "beslaat, telt de regel de wijzigingen sinds het begin ervan; zolang er nog niets "
            "is geregistreerd, oordeelt de regel niet."
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
            "vergaderingen per jaar. De regel oordeelt pas als het portaal de vergaderingen van "
            "de regio de volle 12 maanden bijhoudt (‘registratie sinds’); tot dan meldt de "
            "pagina één keer, voor de hele regio, vanaf wanneer de regel oordeelt."
        ),
    ),
    Check(
        "attendance_below_threshold",
        MIDDEL,
        gettext_lazy("Lage opkomst"),
        gettext_lazy(
            "Een actief gremium waar bij de laatste vier vergaderingen met vastgelegde "
            "aanwezigheid gemiddeld minder dan 60% van de stemgerechtigde leden (voorzitter, "
            "plaatsvervangend voorzitter, leden, portefeuillehouders) aanwezig of vervangen was. "
            "Gasten, secretarissen, adviseurs en agendaleden tellen niet mee; een gremium met "
            "minder dan vier zulke vergaderingen in de afgelopen 24 maanden wordt niet beoordeeld. "
            "Alleen vergaderingen vanaf het begin van de registratie tellen mee."
        ),
    ),
    Check(
        "minutes_not_adopted",
        MIDDEL,
        gettext_lazy("Verslag niet binnen twee vergaderingen vastgesteld"),
        gettext_lazy(
            "Een actief gremium met een vergadering in de afgelopen 12 maanden waarvan het "
            "verslag nog niet is vastgesteld, terwijl het gremium daarna al minstens twee keer "
            "(niet geannuleerd) heeft vergaderd. Alleen vergaderingen vanaf het begin van de "
            "registratie tellen mee."
        ),
    ),
    Check(
        "agenda_after_term",
        LAAG,
        gettext_lazy("Agenda na de termijn voor de stukken verzonden"),
        gettext_lazy(
            "Een actief gremium waarvan in de afgelopen 12 maanden een agenda later is "
            "verzonden dan de termijn voor de stukken (standaard 7 dagen voor de vergadering). "
            "Agenda's die zijn verzonden voordat het portaal dat bijhield, of die zijn "
            "ingelezen zonder verzenddatum, tellen niet mee; net als vergaderingen van vóór het "
            "begin van de registratie."
        ),
    ),
    Check(
        "evaluation_overdue",
        MIDDEL,
        gettext_lazy("Evaluatie verlopen"),
        gettext_lazy(
            "Een actief gremium waarvan de datum ‘evalueren vóór’ is gekomen of voorbij is — "
            "van het gremium zelf of van een geldend mandaat. Na de evaluatie legt de "
            "secretaris de volgende datum vast of maakt het veld leeg."
        ),
    ),
    Check(
        "evaluation_due",
        LAAG,
        gettext_lazy("Evaluatie nadert"),
        gettext_lazy(
            "Een actief gremium waarvan de datum ‘evalueren vóór’ — van het gremium zelf of "
            "van een geldend mandaat — binnen 60 dagen valt."
        ),
    ),
]
_BY_CODE = {c.code: c for c in CHECKS}


# --- helpers ---------------------------------------------------------------------------------


def _url(name: str, **kwargs) -> str:
    return reverse(f"governance:{name}", kwargs=kwargs)


def body_active_on(body: Body, day: date) -> bool:
    """Did ``body`` exist on ``day``? See the package docstring for the definition."""
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


def months_after(day: date, months: int) -> date:
    """The same day of the month ``months`` months later (clamped to the month's end)."""
    return months_before(day, -months)


def covered_from(start: date, months: int) -> date:
    """The first day whose window of ``months`` months (from :func:`months_before`) starts on
    or after ``start``: from then on a rule over that window only sees registered time."""
    day = months_after(start, months)
    while months_before(day, months) < start:  # a clamped month end (29 February)
        day += timedelta(days=1)
    return day


def long_date(day: date) -> str:
    """'3 november 2026'."""
    return date_format(day, "j F Y")


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
    *,
    subject: str = "",
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
        subject=subject,
    )
