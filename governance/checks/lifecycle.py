"""Rules about tables over time: more tables added than retired, dissolved without a recorded
successor, and meeting less often than planned."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from governance.checks.base import Finding, _finding, _url, months_before
from governance.checks.structure import _Structure
from governance.constants import BodyStatus, Level, RelationKind

# Window for "tables added without tables retired" and "dissolved without successor".
WINDOW_MONTHS = 24
# Bodies younger than this are not judged on how often they meet.
FREQUENCY_MIN_AGE_DAYS = 365


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
