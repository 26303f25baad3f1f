"""Rules about who sits at the tables: chair and secretary, mayor and alderman at the regional
administrative tables, the chosen partners, the municipalities, and bodies without members."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from governance.checks.base import Finding, _finding, _url
from governance.checks.structure import _Structure
from governance.constants import CHAIR_ROLES, SECRETARY_ROLES, BodyKind, Level, Office

# Regional administrative tables that should seat both a mayor and an alderman: the tables where
# municipalities and partners set the Z+V course for the whole region. Bodies of a GR (AB, DB,
# BAC), the DVO (mayors only by design) and the Vergadering van Gemeenten (aldermen only by
# design) are deliberately left out.
REGIONAL_ADMIN_KINDS = (BodyKind.STAMTAFEL, BodyKind.BNT, BodyKind.STUURGROEP)
# Kinds that need no chair or secretary of their own: one administrator holding a portfolio,
# or a project team that works under a table.
NO_CHAIR_NEEDED_KINDS = (BodyKind.PORTEFEUILLEHOUDER, BodyKind.PROJECTTEAM)


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
                subject=f"organisation:{partner.organisation_id}",
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
                subject=f"municipality:{municipality.pk}",
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
