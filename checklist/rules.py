"""Permissions of the checklist (django-rules), on a region or anything that belongs to one."""

from __future__ import annotations

import rules

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
