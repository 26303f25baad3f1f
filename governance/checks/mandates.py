"""Rules about mandates and the lines between tables: who decides or steers on what ground, to
whom advice goes, to whom a supporting structure or a decision-making body outside every
framework answers, and one theme decided at two tables.

Two pairs of rules are complementary, so no body is reported twice for one gap:

- *decides without mandate* covers bodies recorded as deciding (besluitvormend, zwaarwegend
  adviserend); *steers without mandate* covers the other bodies whose roles say they set
  priorities or give assignments (aanjagen, opdrachtgeven, besluiten);
- *hulpstructuur unaccountable* covers portefeuillehouders, partnergroepen and projectteams;
  *decides outside framework* covers the other stuurgroepen and decision-making bodies.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.utils.translation import gettext as _

from governance.checks.base import Finding, _finding, _url, join_names
from governance.checks.structure import _Structure
from governance.constants import (
    ADVISORY_POWERS,
    HULPSTRUCTUUR_KINDS,
    BodyKind,
    BodyRole,
    DecisionPower,
    LegalBasisKind,
    Power,
    RelationKind,
)
from governance.models import Body

# Decision powers that need a recorded mandate or legal basis.
DECIDING_POWERS = (DecisionPower.BESLUITVORMEND, DecisionPower.ZWAARWEGEND_ADVIES)
# Roles of a body that sets priorities or gives assignments.
STEERING_ROLES = (BodyRole.AANJAGEN, BodyRole.OPDRACHTGEVEN, BodyRole.BESLUITEN)


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


def _steers_without_mandate(s: _Structure) -> Iterable[Finding]:
    for body in s.active.values():
        roles = [r for r in STEERING_ROLES if r in (body.roles or ())]
        if (
            roles
            and body.decision_power not in DECIDING_POWERS  # reported by the rule above
            and not s.mandates.get(body.pk)
            and body.legal_basis_kind == LegalBasisKind.GEEN
        ):
            yield _finding(
                "steers_without_mandate",
                _(
                    "%(body)s heeft de rol %(roles)s, maar er is geen geldend mandaat en geen "
                    "grondslag vastgelegd. Wie prioriteiten stelt of opdrachten geeft zonder "
                    "vastgelegd mandaat, stuurt op gezag dat niemand kan nagaan. Leg het mandaat "
                    "vast, vul de grondslag in, of pas de rollen aan als het gremium niet stuurt."
                )
                % {
                    "body": body.name,
                    "roles": join_names(f"‘{BodyRole(r).label.lower()}’" for r in roles),
                },
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


def _decides_outside_framework(s: _Structure) -> Iterable[Finding]:
    for body in s.active.values():
        deciding = (
            body.kind == BodyKind.STUURGROEP or body.decision_power == DecisionPower.BESLUITVORMEND
        )
        if (
            deciding
            and body.kind not in HULPSTRUCTUUR_KINDS  # hulpstructuur_unaccountable
            and body.framework_id is None
            and not s.current_relations_out(body.pk, RelationKind.VERANTWOORDING)
        ):
            yield _finding(
                "decides_outside_framework",
                _(
                    "%(body)s stuurt of besluit, maar staat in geen enkel kader (zoals een "
                    "gemeenschappelijke regeling of een convenant) en legt aan geen tafel "
                    "verantwoording af. Dan is niet na te gaan namens wie het besluit en wie het "
                    "kan aanspreken. Leg vast in welk kader het gremium staat, of aan welke tafel "
                    "het verantwoording aflegt."
                )
                % {"body": body.name},
                _url("relation_add", region=s.region.slug, pk=body.pk)
                + "?kind=legt_verantwoording_af_aan",
                _("Verantwoordingsrelatie toevoegen"),
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
            subject=f"theme:{theme_id}",
        )
