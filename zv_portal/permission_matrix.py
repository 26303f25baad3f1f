"""The "Rechten" page: every registered django-rules permission evaluated for every role.

The matrix is computed from the rules themselves, for in-memory personas with a fixed role in
one stand-in region, so it cannot drift from what the application enforces.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from rules.permissions import permissions as rule_set

from zv_portal.constants import Role
from zv_portal.roles import set_roles_for_matrix

APPS = ("zv_portal", "governance", "checklist", "casereflection")

# Dutch description per permission; a test fails when a permission has none.
LABELS = {
    "zv_portal.view_permission_matrix": _("Deze rechtenpagina bekijken"),
    "governance.view_region": _("Regio, gremia, structuur en controles bekijken"),
    "governance.change_region": _(
        "Regiogegevens, subregio's, gemeenten, thema's en ketenpartners beheren"
    ),
    "governance.change_organisation": _("Organisaties van de regio beheren"),
    "governance.change_person": _("Personen (contactgegevens) beheren"),
    "governance.add_body": _("Gremium toevoegen"),
    "governance.change_body": _("Gremium wijzigen"),
    "governance.end_body": _("Gremium opheffen (eventueel ‘gaat op in’)"),
    "governance.change_mandate": _("Mandaten toevoegen, wijzigen en beëindigen"),
    "governance.change_membership": _("Leden toevoegen, wijzigen en beëindigen"),
    "governance.change_bodyrelation": _("Relaties tussen gremia beheren"),
    "governance.change_costline": _("Kostenposten beheren"),
    "governance.view_history": _("Historie van wijzigingen bekijken"),
    "governance.export_region": _("Regio exporteren (JSON)"),
    "governance.import_region": _("Regio importeren (JSON)"),
    "governance.change_knelpunt": _("Knelpunten vastleggen en wijzigen"),
    "governance.change_action": _("Acties van de werkagenda toevoegen en wijzigen"),
    "governance.move_action": _("Acties verplaatsen tussen voorraad, actie en gereed"),
    "governance.update_action": _(
        "Voortgang en termijn van een actie bijwerken (deelnemers en bestuurders: alleen als "
        "actiehouder of trekker van die actie)"
    ),
    "governance.change_meeting": _("Vergaderingen, agenda's, uitkomsten en vergaderstukken"),
    "governance.view_documents": _("Vergaderstukken downloaden"),
    "checklist.view_checklist": _("Checklist beleidstheorie en peilmomenten van de regio bekijken"),
    "checklist.change_assessment": _("Checklist beoordelen en voorstellen afhandelen"),
    "checklist.propose_assessment": _("Een beoordeling voorstellen"),
    "checklist.freeze_snapshot": _("Een peilmoment vastleggen"),
    "checklist.view_comparison": _("Alle regio's met naam vergelijken (landelijk)"),
    "casereflection.view_reflections": _(
        "Casusreflecties zien: kwartaal, subregio, soort, thema's, status en conclusies"
    ),
    "casereflection.view_case_text": _(
        "De casus zelf lezen: titel, samenvatting, antwoorden, dilemma, inzichten en "
        "bespreekvoorstel"
    ),
    "casereflection.plan_reflection": _("Casusreflecties plannen (rooster)"),
    "casereflection.change_reflection": _(
        "Een casusreflectie invullen en de status ervan bijwerken (deelnemers: alleen als "
        "gespreksleider, tot de reflectie is aangeboden)"
    ),
    "casereflection.change_conclusion": _(
        "Conclusies van de Stamtafel vastleggen (maakt de actie op de werkagenda)"
    ),
    "casereflection.explain_privacy_finding": _(
        "Tekst opslaan die de persoonsgegevenscheck ten onrechte tegenhoudt, met toelichting"
    ),
}


# Permissions about one object that a user holds (e.g. their own action): the matrix tests
# them with a stand-in object held by the persona.
def _held_action(region, user):
    from governance.models import Action, Person

    return Action(region=region, owner=Person(region=region, user=user))


def _led_reflection(region, user):
    from casereflection.models import CaseReflection
    from governance.models import Person

    return CaseReflection(region=region, facilitator=Person(region=region, user=user))


STAND_INS = {
    "governance.update_action": _held_action,
    "casereflection.change_reflection": _led_reflection,
}


@dataclass(frozen=True)
class Persona:
    key: str
    label: str
    roles: tuple[str, ...] = ()
    national: bool = False
    staff: bool = False
    other_region: bool = False


PERSONAS = [
    Persona("secretary", _("Netwerksecretaris"), roles=(Role.SECRETARY,)),
    Persona("bestuurder", _("Bestuurder"), roles=(Role.BESTUURDER,)),
    Persona("participant", _("Deelnemer"), roles=(Role.PARTICIPANT,)),
    Persona("vng_advisor", _("VNG-adviseur (landelijk)"), national=True),
    Persona("staff", _("Functioneel beheerder"), staff=True),
    Persona(
        "other",
        _("Netwerksecretaris van een andere regio"),
        roles=(Role.SECRETARY,),
        other_region=True,
    ),
]

STAND_IN_REGION_ID = -1
OTHER_REGION_ID = -2


def _user_for(persona: Persona, index: int):
    user = get_user_model()(
        pk=-100 - index, username=f"matrix-{persona.key}", is_staff=persona.staff
    )
    region_id = OTHER_REGION_ID if persona.other_region else STAND_IN_REGION_ID
    set_roles_for_matrix(
        user, {region_id: set(persona.roles)} if persona.roles else {}, persona.national
    )
    return user


def permission_names() -> list[str]:
    return sorted(name for name in rule_set if name.split(".", 1)[0] in APPS)


def build_matrix() -> dict:
    from governance.models import Region

    region = Region(pk=STAND_IN_REGION_ID, name="Regio", slug="regio")
    users = [(p, _user_for(p, i)) for i, p in enumerate(PERSONAS)]
    rows = []
    for name in permission_names():
        stand_in = STAND_INS.get(name)
        rows.append(
            {
                "name": name,
                "label": LABELS.get(name, name),
                "cells": [
                    bool(
                        rule_set.test_rule(
                            name, user, stand_in(region, user) if stand_in else region
                        )
                    )
                    for _p, user in users
                ],
            }
        )
    return {"personas": PERSONAS, "rows": rows}
