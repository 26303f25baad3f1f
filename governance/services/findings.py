"""Answering a structure finding ("bewust zo ingericht, omdat …") and withdrawing the answer.

An answer names the finding by its check and subject and records the fingerprint of the facts
the secretary saw (governance/checks/facts.py). Answering is refused when the finding no longer
exists, when its facts changed since the page was shown (the posted fingerprint differs), or
when it is answered already; an earlier answer that no longer holds is replaced, and its
history (django-simple-history) keeps what it said. Withdrawing deletes the answer (the history
keeps it too); the finding is open again. When an answer holds: governance/selectors/findings.py.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.history import user_label
from core.locking import describe_changes
from governance.checks.base import Finding
from governance.checks.run import run_checks
from governance.models import FindingAnswer, Region
from governance.selectors.findings import answer_holds

REASON_MIN = 10
REASON_MAX = 2000


class StaleFinding(ValidationError):
    """The facts behind the finding changed since the page was shown; ``current_facts`` is
    the fingerprint now, so that answering again is a choice made after seeing the finding."""

    def __init__(self, message: str, *, current_facts: str):
        super().__init__(message)
        self.current_facts = current_facts


def validate_answer(reason: str, review_on: date | None, *, today: date) -> dict:
    errors: dict[str, list[str]] = {}
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = [_("Schrijf op waarom het bewust zo is ingericht.")]
    elif len(reason) < REASON_MIN:
        errors["reason"] = [
            _("Licht de keuze toe in minstens %(n)s tekens, zodat een ander haar begrijpt.")
            % {"n": REASON_MIN}
        ]
    elif len(reason) > REASON_MAX:
        errors["reason"] = [_("Houd de reden korter dan %(n)s tekens.") % {"n": REASON_MAX}]
    if review_on is not None and review_on <= today:
        errors["review_on"] = [
            _(
                "Kies een datum na vandaag: op die datum komt de bevinding terug om opnieuw te "
                "bekijken."
            )
        ]
    return errors


def _current_finding(region: Region, check_code: str, subject: str) -> Finding:
    for finding in run_checks(region):
        if finding.check == check_code and finding.subject == subject:
            return finding
    raise ValidationError(
        _(
            "Deze bevinding bestaat niet meer: de structuur is intussen veranderd. Bekijk de "
            "controles opnieuw."
        ),
        code="gone",
    )


@transaction.atomic
def answer_finding(
    *,
    region: Region,
    check_code: str,
    subject: str,
    facts: str,
    reason: str,
    review_on: date | None,
    user,
) -> FindingAnswer:
    """Mark the finding ``check_code``/``subject`` of ``region`` as *bewust zo*."""
    today = timezone.localdate()
    errors = validate_answer(reason, review_on, today=today)
    if errors:
        raise ValidationError(errors)
    # Answers of one region are written one at a time: the region row is the lock.
    Region.objects.select_for_update().only("pk").get(pk=region.pk)
    finding = _current_finding(region, check_code, subject)
    if finding.facts != facts:
        raise StaleFinding(
            _(
                "Niet opgeslagen: de feiten achter deze bevinding zijn veranderd sinds u de "
                "pagina opende. Lees de bevinding opnieuw en beantwoord haar opnieuw als de "
                "keuze nog steeds geldt."
            ),
            current_facts=finding.facts,
        )
    answer = (
        FindingAnswer.objects.select_for_update()
        .filter(region=region, check_code=check_code, subject=subject)
        .first()
    )
    if answer is not None and not answer_holds(answer, finding, today):
        raise ValidationError(
            _("Deze bevinding is al beantwoord door %(who)s.") % {"who": answer.answered_by_name}
        )
    if answer is None:
        answer = FindingAnswer(region=region, check_code=check_code, subject=subject, version=0)
    answer.facts = finding.facts
    answer.reason = reason.strip()
    answer.review_on = review_on
    answer.answered_by = user
    answer.answered_by_name = user_label(user)
    answer.answered_at = timezone.now()
    answer.version += 1
    answer._history_user = user
    answer.full_clean()
    answer.save()
    return answer


@transaction.atomic
def withdraw_answer(*, answer: FindingAnswer, seen_version: int | None, user) -> None:
    """Withdraw ``answer``: the finding is open again. History keeps the answer."""
    current = FindingAnswer.objects.select_for_update().filter(pk=answer.pk).first()
    if current is None:
        raise ValidationError(_("Dit antwoord is al ingetrokken."))
    if seen_version is None or current.version != seen_version:
        raise describe_changes(current, seen_version or 0)
    current._history_user = user
    current.delete()
