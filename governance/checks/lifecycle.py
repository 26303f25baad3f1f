"""Rules about tables over time: more tables added than retired, dissolved without a recorded
successor, and meeting less often than planned.

The two rules that look back in time judge only the registered period
(:attr:`~governance.checks.structure._Structure.registration_start`):

- *meets less than planned* judges a body only when the registration covers its whole window of
  12 months — a shorter registration would count the meetings the portal never saw as missed;
- *tables added, not retired* counts only establishments and dissolutions on or after the
  registration start, within its 24 months: before that the portal usually knows the tables
  that still exist (a region that moves in records those) but not the ones that were dissolved,
  so counting them would always find "more added than retired". Changes after the start are
  recorded both ways, so counting them is fair even before 24 months have passed.

When a rule cannot judge (all of) its period yet, its ``_pending`` companion says so once for
the region (:class:`~governance.checks.base.Notice`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from governance.checks.base import (
    _BY_CODE,
    Finding,
    Notice,
    _finding,
    _url,
    covered_from,
    long_date,
    months_before,
)
from governance.checks.structure import FREQUENCY_WINDOW_MONTHS, _Structure
from governance.constants import BodyStatus, Level, RelationKind

# Window for "tables added without tables retired" and "dissolved without successor".
WINDOW_MONTHS = 24
# Bodies younger than this are not judged on how often they meet.
FREQUENCY_MIN_AGE_DAYS = 365


def _tables_added_not_retired(s: _Structure) -> Iterable[Finding]:
    window_start = months_before(s.on, WINDOW_MONTHS)
    start = s.registration_start
    if start is None or start > s.on:
        return  # nothing registered yet: see _tables_added_not_retired_pending

    def counts(day) -> bool:
        return day is not None and window_start < day <= s.on and day >= start

    added = ended = 0
    for body in s.bodies:
        if body.level != Level.BESTUURLIJK or body.status == BodyStatus.VOORGESTELD:
            continue
        if counts(body.established_on):
            added += 1
        if counts(body.dissolved_on):
            ended += 1
    if added > ended:
        if start > window_start:
            period = _("Sinds het begin van de registratie op %(date)s") % {
                "date": long_date(start)
            }
        else:
            period = _("In de afgelopen 24 maanden")
        yield _finding(
            "tables_added_not_retired",
            _(
                "%(period)s: %(added)s ingesteld, %(ended)s opgeheven. Wie een "
                "tafel toevoegt, heft bij voorkeur een andere op: het aantal overleggen voor "
                "bestuurders hoort te dalen, niet te stijgen."
            )
            % {
                "period": period,
                "added": ngettext("%(n)d bestuurlijk gremium", "%(n)d bestuurlijke gremia", added)
                % {"n": added},
                "ended": ngettext("%(n)d gremium", "%(n)d gremia", ended) % {"n": ended},
            },
            _url("body_list", region=s.region.slug),
            _("Gremia bekijken"),
            None,
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


def _judged_on_frequency(s: _Structure) -> list:
    """The bodies the frequency rule would judge if the registration allowed: active, with a
    planned number of meetings, and at least a year old."""
    old_enough = s.on - timedelta(days=FREQUENCY_MIN_AGE_DAYS)
    return [
        body
        for body in s.active.values()
        if body.meeting_frequency_per_year
        and not (body.established_on and body.established_on > old_enough)
    ]


def _meets_less_than_planned(s: _Structure) -> Iterable[Finding]:
    if not s.registered_since(months_before(s.on, FREQUENCY_WINDOW_MONTHS)):
        return  # the registration does not cover the window: see _meets_less_than_planned_pending
    for body in _judged_on_frequency(s):
        planned = body.meeting_frequency_per_year
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


# --- what cannot be judged yet (governance/checks/window.py) ---------------------------------


def _registration_phrase(s: _Structure) -> str:
    """'Het portaal houdt de vergaderingen van X bij sinds 3 november 2026 (…).'"""
    start = s.registration_start
    if start > s.on:
        text = _("Het portaal houdt de vergaderingen van %(region)s bij vanaf %(date)s")
    else:
        text = _("Het portaal houdt de vergaderingen van %(region)s bij sinds %(date)s")
    text %= {"region": s.region.name, "date": long_date(start)}
    if not s.registration_recorded:
        text += " " + _("(de eerste vastgelegde vergadering)")
    return text


def _nothing_registered(s: _Structure) -> str:
    return _("Het portaal heeft nog geen vergaderingen van %(region)s.") % {"region": s.region.name}


def _meets_less_than_planned_pending(s: _Structure) -> Iterable[Notice]:
    if s.registered_since(months_before(s.on, FREQUENCY_WINDOW_MONTHS)):
        return
    if not _judged_on_frequency(s):
        return  # no table to judge anyway: nothing to say
    title = str(_BY_CODE["meets_less_than_planned"].title)
    if s.registration_start is None:
        yield Notice(
            "meets_less_than_planned",
            title,
            _("kan nog niet worden beoordeeld.")
            + " "
            + _nothing_registered(s)
            + " "
            + _(
                "De regel oordeelt twaalf maanden na de eerste vergadering die wordt vastgelegd, "
                "of na de datum ‘registratie sinds’ bij de regiogegevens."
            ),
            None,
        )
        return
    judged_from = covered_from(s.registration_start, FREQUENCY_WINDOW_MONTHS)
    yield Notice(
        "meets_less_than_planned",
        title,
        _("kan nog niet worden beoordeeld.")
        + " "
        + _("%(registration)s; vanaf %(from)s oordeelt deze regel.")
        % {"registration": _registration_phrase(s), "from": long_date(judged_from)},
        judged_from,
    )


def _tables_added_not_retired_pending(s: _Structure) -> Iterable[Notice]:
    window_start = months_before(s.on, WINDOW_MONTHS)
    if s.registered_since(window_start):
        return
    if not any(b.level == Level.BESTUURLIJK for b in s.bodies):
        return  # no administrative table to count anyway: nothing to say
    title = str(_BY_CODE["tables_added_not_retired"].title)
    start = s.registration_start
    if start is None:
        yield Notice(
            "tables_added_not_retired",
            title,
            _("kan nog niet worden beoordeeld.")
            + " "
            + _nothing_registered(s)
            + " "
            + _(
                "De regel telt wat er wordt ingesteld en opgeheven vanaf de eerste vergadering "
                "die wordt vastgelegd, of vanaf de datum ‘registratie sinds’ bij de "
                "regiogegevens."
            ),
            None,
        )
        return
    judged_from = covered_from(start, WINDOW_MONTHS)
    if start > s.on:
        message = (
            _("kan nog niet worden beoordeeld.")
            + " "
            + _(
                "%(registration)s; vanaf dan telt deze regel wat er wordt ingesteld en opgeheven, "
                "vanaf %(from)s over de volle 24 maanden."
            )
            % {"registration": _registration_phrase(s), "from": long_date(judged_from)}
        )
    else:
        message = _(
            "telt voorlopig alleen wat sinds het begin van de registratie is ingesteld en "
            "opgeheven. %(registration)s; vanaf %(from)s overziet deze regel de volle 24 maanden."
        ) % {"registration": _registration_phrase(s), "from": long_date(judged_from)}
    yield Notice("tables_added_not_retired", title, message, judged_from)
