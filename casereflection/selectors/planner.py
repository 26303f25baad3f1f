"""The rotation planner: which sub-region brings a case in which quarter."""

from __future__ import annotations

from datetime import date

from casereflection.rotation import plan
from casereflection.selectors.access import hide_case_text, may_read_case_text
from governance.models import Region


def reflection_planner(region: Region, user, *, today: date | None = None) -> dict:
    """The rotation for the current quarter and the three after it (``rotation.plan``: three
    queries). Reflections read by the rotation lose their case text here for readers who may
    not see it."""
    rotation = plan(region, quarters=4, today=today)
    case_text = may_read_case_text(user, region)
    for row in rotation.quarters:
        if row.reflection is not None:
            row.reflection.region = region
            if not case_text:
                hide_case_text(row.reflection)
    return {"rotation": rotation, "case_text": case_text}


def first_open_quarter(region: Region, *, today: date | None = None) -> dict:
    """Initial values for planning a reflection: the first quarter of the coming year without
    one, with the sub-region the rotation proposes (the rotation's three queries)."""
    rotation = plan(region, quarters=4, today=today)
    for row in rotation.quarters:
        if row.reflection is None:
            initial = {"year": row.year, "quarter": row.quarter}
            if row.proposed is not None:
                initial["sub_region"] = row.proposed.pk
            return initial
    return {}
