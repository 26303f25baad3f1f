"""Form data and helpers of the case-reflection page tests."""

from governance.models import Person
from tests.casereflection.ui_helpers import reflection

PHONE = "Bel de moeder op 06-12345678 als het escaleert."


def form_data(reflection=None, **overrides) -> dict:
    """What the secretary's form posts for ``reflection`` (or a new one in K2 2021)."""
    r = reflection
    data = {
        "year": str(r.year) if r else "2021",
        "quarter": str(r.quarter) if r else "2",
        "sub_region": str(r.sub_region_id) if r else "",
        "rotation_note": r.rotation_note if r else "",
        "case_kind": r.case_kind if r else "systeem",
        "title": r.title if r else "Terugkeer na detentie zonder woonplek",
        "method": r.method if r else "moreel_beraad",
        "method_note": r.method_note if r else "",
        "facilitator": str(r.facilitator_id or "") if r else "",
        "planned_on": "",
        "held_on": r.held_on.isoformat() if r and r.held_on else "",
        "summary": r.summary if r else "Een man keert terug uit detentie zonder woonplek.",
        "answer_principles": "",
        "answer_administration": "",
        "answer_justice": "",
        "dilemma": "",
        "insights": "",
        "proposal": r.proposal if r else "",
        "seen_version": str(r.version) if r else "",
    }
    data.update(overrides)
    return data


def facilitator_data(reflection, **overrides) -> dict:
    secretary_only = ("year", "quarter", "sub_region", "rotation_note", "case_kind", "facilitator")
    data = {k: v for k, v in form_data(reflection).items() if k not in secretary_only}
    del data["planned_on"]
    data.update(overrides)
    return data


def led_by(user, region, **fields):
    """A reflection whose gespreksleider is ``user``'s Person."""
    return reflection(region, facilitator=Person.objects.get(user=user, region=region), **fields)
