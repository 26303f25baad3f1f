"""Permissions of the checklist (django-rules), on a region or anything that belongs to one."""

from __future__ import annotations

import rules
from django.utils.translation import gettext_lazy as _

from core.permission_matrix import describe_permissions
from governance.rules import (
    can_read_region,
    is_functioneel_beheerder,
    is_national_advisor,
    is_region_participant,
    is_region_secretary,
)

rules.add_perm("checklist.view_checklist", can_read_region)
rules.add_perm("checklist.change_assessment", is_region_secretary)
# Participants suggest an update; the secretary takes it over or rejects it.
rules.add_perm("checklist.propose_assessment", is_region_participant)
rules.add_perm("checklist.freeze_snapshot", is_region_secretary)
# All regions side by side, with their names: national readers only.
rules.add_perm("checklist.view_comparison", is_national_advisor | is_functioneel_beheerder)


# Dutch descriptions for the Rechten page (a test fails when a permission has none).
describe_permissions(
    "checklist",
    {
        "checklist.view_checklist": _(
            "Checklist beleidstheorie en peilmomenten van de regio bekijken"
        ),
        "checklist.change_assessment": _("Checklist beoordelen en voorstellen afhandelen"),
        "checklist.propose_assessment": _("Een beoordeling voorstellen"),
        "checklist.freeze_snapshot": _("Een peilmoment vastleggen"),
        "checklist.view_comparison": _("Alle regio's met naam vergelijken (landelijk)"),
    },
)
