"""Evidence for the input items (I1–I5): the bodies per level, their mandates and meetings,
the themes with an afwegingskader and the chosen partners at the tables."""

from __future__ import annotations

from datetime import timedelta

from django.utils.translation import gettext as _

from checklist.evidence.base import Fact, _level_bodies, _names, _plain
from checklist.evidence.register import _Register
from governance.checks.lifecycle import FREQUENCY_MIN_AGE_DAYS
from governance.constants import Level


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
