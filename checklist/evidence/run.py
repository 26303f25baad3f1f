"""Running the rules of every stage and the registered providers: :func:`derived_evidence`, and
:func:`mismatches` between the secretary's judgement and the register."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from django.utils import timezone

from checklist.constants import REALISED
from checklist.evidence.activities import _a1_2, _a2_1, _a2_3, _a3_1, _a3_3, _a3_4
from checklist.evidence.base import _PROVIDERS, Fact
from checklist.evidence.inputs import _i1, _i2, _i3, _i4, _i5
from checklist.evidence.mechanisms import _m1, _m6
from checklist.evidence.outcomes import _u3
from checklist.evidence.outputs import _o1, _o3, _o4
from checklist.evidence.register import _load, _Register
from governance.models import Region

RULES: dict[str, Callable[[_Register], list[Fact]]] = {
    "I1": _i1,
    "I2": _i2,
    "I3": _i3,
    "I4": _i4,
    "I5": _i5,
    "A1.2": _a1_2,
    "A2.1": _a2_1,
    "A2.3": _a2_3,
    "A3.1": _a3_1,
    "A3.3": _a3_3,
    "A3.4": _a3_4,
    "O1": _o1,
    "O3": _o3,
    "O4": _o4,
    "M1": _m1,
    "M6": _m6,
    "U3": _u3,
}


def derived_evidence(region: Region, on: date | None = None) -> dict[str, list[Fact]]:
    """Facts per item code for ``region`` as it stands on ``on`` (default today)."""
    on = on or timezone.localdate()
    reg = _load(region, on)
    facts = {code: rule(reg) for code, rule in RULES.items()}
    for provider in _PROVIDERS.values():
        for code, more in provider(region, on).items():
            facts.setdefault(code, []).extend(more)
    return facts


def _status_of(value) -> str:
    return getattr(value, "status", value)


def mismatches(
    region: Region,
    assessments_by_code: Mapping[str, object],
    *,
    evidence: Mapping[str, list[Fact]] | None = None,
) -> set[str]:
    """Codes judged gerealiseerd or geborgd while the register offers no supporting fact.

    ``assessments_by_code`` maps an item code to an Assessment (or a status string). Items
    without a rule are never flagged: the register cannot say anything about them. Pass the
    ``evidence`` already computed for the page to avoid reading the register twice.
    """
    if evidence is None:
        evidence = derived_evidence(region)
    flagged = set()
    for code, assessment in assessments_by_code.items():
        if assessment is None or _status_of(assessment) not in REALISED:
            continue
        facts = evidence.get(code)
        if facts is not None and not any(f.supports for f in facts):
            flagged.add(code)
    return flagged
