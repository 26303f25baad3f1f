"""The framework of derived evidence: :class:`Fact`, the providers of facts that apps above the
checklist register, and the helpers the rules of every stage share (names, counts, bodies of a
level, written basis).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from checklist.evidence.register import _Register
from governance.checks.base import join_names
from governance.constants import LegalBasisKind
from governance.models import Body

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
