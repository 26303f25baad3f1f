"""Writing the reflections file of a region (``zv-portaal/casusreflecties``).

Canonical like the region format: the same reflections always give the same bytes
(``governance.exchange.dump_document``), so a file exported, imported into an empty portal
and exported again is byte-identical. Reflections are sorted by quarter (one per quarter),
conclusions by priority, then title, then their full text.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from casereflection.exchange.schema import (
    CONCLUSION_TEXT_FIELDS,
    FORMAT,
    REFLECTION_TEXT_FIELDS,
    VERSION,
)
from casereflection.models import CaseReflection, Conclusion
from governance.exchange.keys import RegionKeys, region_keys
from governance.exchange.values import iso, org_ref, ref_key, sorted_items
from governance.models import Region


def _conclusion(conclusion: Conclusion, keys: RegionKeys) -> dict[str, Any]:
    return {
        "decided_on": iso(conclusion.decided_on),
        "priority": conclusion.priority,
        "assignee_body": keys.body_name(conclusion.assignee_body_id),
        "assignee_organisation": org_ref(conclusion.assignee_organisation),
        "contact_administrator": keys.membership_ref(conclusion.contact_administrator),
        "due_date": iso(conclusion.due_date),
        "agenda_item": keys.agenda_item_ref(conclusion.agenda_item_id),
        "action": keys.action_key(conclusion.action_id),
        **{name: getattr(conclusion, name) for name in CONCLUSION_TEXT_FIELDS},
    }


def _reflection(reflection: CaseReflection, keys: RegionKeys) -> dict[str, Any]:
    return {
        "year": reflection.year,
        "quarter": reflection.quarter,
        "sub_region": reflection.sub_region.name,
        "case_kind": reflection.case_kind,
        "themes": sorted(t.name for t in reflection.themes.all()),
        "method": reflection.method,
        "facilitator": keys.person_key(reflection.facilitator_id),
        "organisations": sorted((org_ref(o) for o in reflection.organisations.all()), key=ref_key),
        "delegation": sorted(keys.person_key(p.pk) for p in reflection.delegation.all()),
        "planned_on": iso(reflection.planned_on),
        "held_on": iso(reflection.held_on),
        "offered_on": iso(reflection.offered_on),
        "status": reflection.status,
        **{name: getattr(reflection, name) for name in REFLECTION_TEXT_FIELDS},
        "conclusions": sorted_items(
            (_conclusion(c, keys) for c in reflection.conclusions.all()),
            lambda c: (c["priority"], c["title"]),
        ),
    }


def export_reflections(region: Region, keys: RegionKeys | None = None) -> dict[str, Any]:
    """The reflections of ``region`` as a document; a fixed number of queries."""
    keys = keys or region_keys(region)
    reflections = (
        CaseReflection.objects.filter(region=region)
        .select_related("sub_region")
        .prefetch_related(
            "themes",
            "organisations",
            "delegation",
            Prefetch(
                "conclusions",
                Conclusion.objects.select_related("assignee_organisation", "contact_administrator"),
            ),
        )
        .order_by("year", "quarter")
    )
    return {
        "format": FORMAT,
        "version": VERSION,
        "reflections": [_reflection(r, keys) for r in reflections],
    }
