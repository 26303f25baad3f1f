"""Running every rule over a region: :func:`run_checks`, most severe first."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.utils import timezone

from governance.checks.base import SEVERITY_ORDER, Finding
from governance.checks.cycle import (
    _agenda_after_term,
    _attendance_below_threshold,
    _minutes_not_adopted,
)
from governance.checks.evaluation import _evaluation_due, _evaluation_overdue
from governance.checks.facts import with_subject_and_facts
from governance.checks.lifecycle import (
    _dissolved_without_successor,
    _meets_less_than_planned,
    _tables_added_not_retired,
)
from governance.checks.mandates import (
    _advisory_without_advises,
    _decides_outside_framework,
    _decides_without_mandate,
    _hulpstructuur_unaccountable,
    _steers_without_mandate,
    _theme_decided_twice,
)
from governance.checks.representation import (
    _admin_table_missing_mayor_or_alderman,
    _body_without_members,
    _municipality_unrepresented,
    _no_chair_or_secretary,
    _partner_in_no_body,
)
from governance.checks.structure import _load, _Structure
from governance.models import Region
from governance.stamp_tables import STRUCTUUR, VERGADERINGEN
from governance.stamps import kept

RULES = (
    _decides_without_mandate,
    _steers_without_mandate,
    _advisory_without_advises,
    _hulpstructuur_unaccountable,
    _decides_outside_framework,
    _no_chair_or_secretary,
    _theme_decided_twice,
    _admin_table_missing_mayor_or_alderman,
    _partner_in_no_body,
    _municipality_unrepresented,
    _tables_added_not_retired,
    _body_without_members,
    _dissolved_without_successor,
    _meets_less_than_planned,
    _attendance_below_threshold,
    _minutes_not_adopted,
    _agenda_after_term,
    _evaluation_overdue,
    _evaluation_due,
)


def run_checks(region: Region, *, on: date | None = None) -> list[Finding]:
    """All findings for ``region`` as it stands on ``on`` (default today), most severe first,
    each with its subject and the fingerprint of its facts (governance/checks/facts.py).

    These are *all* findings, answered or not: who counts or lists findings uses the open ones
    (``governance.selectors.findings.findings_state`` / ``open_findings``).

    Kept between requests under the region's ``structuur`` and ``vergaderingen`` stamps (all
    that ``_load`` reads: the register and the meetings) and the date: a write to either makes
    another key (docs/architecture.md, "What is kept between requests")."""
    on = on or timezone.localdate()
    return kept(
        "controles",
        (region.pk, on),
        region.pk,
        (STRUCTUUR, VERGADERINGEN),
        lambda: evaluate(_load(region, on)),
    )


def evaluate(structure: _Structure) -> list[Finding]:
    """All findings over an already loaded structure, as :func:`run_checks` gives them (for
    callers that read more of the same structure, e.g.
    :func:`governance.checks.window.check_region`)."""
    findings = with_subject_and_facts(structure, (f for rule in RULES for f in rule(structure)))
    findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], f.title, f.message))
    return findings


def findings_by_body(findings: Iterable[Finding]) -> dict[int, list[Finding]]:
    """Findings grouped per body they concern (a finding about two bodies appears twice)."""
    grouped: dict[int, list[Finding]] = defaultdict(list)
    for finding in findings:
        for body_id in finding.body_ids:
            grouped[body_id].append(finding)
    return dict(grouped)
