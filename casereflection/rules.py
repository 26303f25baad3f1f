"""Permissions of the case reflections (django-rules).

Three levels of reading:

* ``view_reflections``: that a reflection exists, its quarter, sub-region, kind, method,
  themes, status, dates and the Stamtafel conclusions — everyone who reads the region,
  national readers included.
* ``view_case_text``: the case itself (title, summary, the three answers, dilemma, insights,
  bespreekvoorstel) and the history that contains it — only people with a role in the region.
  A vng_advisor and the functioneel beheerder never see it.
* Changing: the secretary; a participant who is the reflection's gespreksleider edits its
  content while it is being prepared and discussed.
"""

from __future__ import annotations

import rules
from django.utils.translation import gettext_lazy as _

from casereflection.constants import FACILITATOR_EDITABLE
from core.permission_matrix import describe_permissions
from governance.rules import (
    can_read_region,
    has_region_role,
    is_region_participant,
    is_region_secretary,
)


@rules.predicate
def leads_reflection(user, obj) -> bool:
    """The user is the reflection's gespreksleider (through their Person) and it is still open."""
    from casereflection.models import CaseReflection

    if not isinstance(obj, CaseReflection) or user is None or user.pk is None:
        return False
    if obj.status not in FACILITATOR_EDITABLE:
        return False
    facilitator = obj.facilitator
    return facilitator is not None and facilitator.user_id == user.pk


rules.add_perm("casereflection.view_reflections", can_read_region)
rules.add_perm("casereflection.view_case_text", has_region_role)
rules.add_perm("casereflection.plan_reflection", is_region_secretary)
rules.add_perm(
    "casereflection.change_reflection",
    is_region_secretary | (is_region_participant & leads_reflection),
)
rules.add_perm("casereflection.change_conclusion", is_region_secretary)
# Saving text the personal-data guard flagged, with a one-off explanation.
rules.add_perm("casereflection.explain_privacy_finding", is_region_secretary)


# The Rechten page tests this permission with a stand-in reflection led by each persona.
def _led_reflection(region, user):
    from casereflection.models import CaseReflection
    from governance.models import Person

    return CaseReflection(region=region, facilitator=Person(region=region, user=user))


# Dutch descriptions for the Rechten page (a test fails when a permission has none).
describe_permissions(
    "casereflection",
    {
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
    },
    stand_ins={"casereflection.change_reflection": _led_reflection},
)
