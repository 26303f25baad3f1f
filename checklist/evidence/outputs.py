"""Evidence for the outputs (O1, O3, O4): the werkagenda, the overview of knelpunten and who
pays for what."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from checklist.evidence.activities import _actions_with_trekker, _knelpunten_fact
from checklist.evidence.base import Fact, _names, _plain
from checklist.evidence.register import _Register
from governance.constants import Level


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
