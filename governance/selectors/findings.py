"""The findings of a region split into open and answered (answers: governance/services/findings.py).

An answer (``FindingAnswer``) to a finding *holds* when

- a finding with the same check and subject still exists,
- the fingerprint of its facts is the one recorded with the answer (nothing behind the finding
  changed: governance/checks/facts.py), and
- its review date has not been reached: ``review_on`` is the day to look at it again, so *on*
  that day the finding is open again (an answer with review date 1 March holds up to and
  including 28/29 February).

A finding with an answer that holds is *answered*: it is listed apart, with the reason, and it
counts nowhere (home pages, reports, meeting preparation, checklist evidence). Every other
finding is *open*; when it has an answer that no longer holds, that answer is shown with it
("eerder beantwoord … de feiten zijn veranderd / de datum is verstreken").

Reading the answers costs one query, whatever the number of findings or answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from governance.checks.base import Finding
from governance.checks.run import run_checks
from governance.models import FindingAnswer, Region

# Why an earlier answer no longer holds.
EXPIRED_FACTS = "feiten"
EXPIRED_DATE = "datum"


@dataclass(frozen=True)
class AnsweredFinding:
    finding: Finding
    answer: FindingAnswer


@dataclass(frozen=True)
class OpenFinding:
    """An open finding, with the earlier answer that no longer holds (if any) and why."""

    finding: Finding
    expired: FindingAnswer | None = None
    expired_because: str = ""

    @property
    def expired_reason_text(self) -> str:
        if self.expired_because == EXPIRED_DATE:
            return _("de datum om het opnieuw te bekijken is bereikt")
        if self.expired_because == EXPIRED_FACTS:
            return _("de feiten achter de bevinding zijn veranderd")
        return ""


@dataclass
class FindingsState:
    on: date
    open_rows: list[OpenFinding] = field(default_factory=list)
    answered: list[AnsweredFinding] = field(default_factory=list)

    @property
    def open(self) -> list[Finding]:
        return [row.finding for row in self.open_rows]

    @property
    def all(self) -> list[Finding]:
        return self.open + [a.finding for a in self.answered]


def answer_holds(answer: FindingAnswer, finding: Finding, on: date) -> str:
    """'' when ``answer`` holds for ``finding`` on ``on``; else why not (EXPIRED_*)."""
    if answer.facts != finding.facts:
        return EXPIRED_FACTS
    if answer.review_on is not None and answer.review_on <= on:
        return EXPIRED_DATE
    return ""


def split_findings(
    region: Region, findings: list[Finding], *, on: date | None = None
) -> FindingsState:
    """Split ``findings`` (of ``region``, from ``run_checks``) into open and answered; one
    query for the answers."""
    on = on or timezone.localdate()
    answers = {
        (a.check_code, a.subject): a for a in FindingAnswer.objects.filter(region=region).order_by()
    }
    state = FindingsState(on=on)
    for finding in findings:
        answer = answers.get((finding.check, finding.subject))
        if answer is None:
            state.open_rows.append(OpenFinding(finding))
            continue
        why = answer_holds(answer, finding, on)
        if why:
            state.open_rows.append(OpenFinding(finding, answer, why))
        else:
            state.answered.append(AnsweredFinding(finding, answer))
    return state


def findings_state(region: Region, *, on: date | None = None) -> FindingsState:
    """The findings of ``region`` on ``on`` (default today), split into open and answered."""
    on = on or timezone.localdate()
    return split_findings(region, run_checks(region, on=on), on=on)


def open_findings(region: Region, *, on: date | None = None) -> list[Finding]:
    """Only the open findings: what every count and every warning list uses."""
    return findings_state(region, on=on).open


def answer_history(region: Region, *, limit: int = 30) -> list:
    """The latest changes to the region's answers (answered, answered again, withdrawn), newest
    first, with who did it: one query."""
    return list(
        FindingAnswer.history.filter(region_id=region.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:limit]
    )
