"""Evidence for the activities (A1.2–A3.4): knelpunten, the landscape of tactical bodies,
casusoverleggen, actions with a trekker, written bases. A4.1/A4.2 come from providers."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from checklist.evidence.base import Fact, _bodies_n, _meetings_n, _names, _plain, _written_basis
from checklist.evidence.register import _Register
from governance.constants import ActionList, BodyKind, ClosedReason, Level


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
