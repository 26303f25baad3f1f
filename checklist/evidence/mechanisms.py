"""Evidence for the mechanisms (M1, M6): structure-check findings of high severity, and
bodies and meetings now vs a year earlier."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from checklist.evidence.base import Fact, _plain
from checklist.evidence.register import _Register
from governance.checks.base import HOOG


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
