"""Retention of case texts (registered with :mod:`core.retention` as ``casusteksten``).

A reflection is *followed up* when the secretary moved it to **opgevolgd**: the Stamtafel's
conclusions have been acted on (their actions are gereed, or the secretary explained why the
reflection is followed up while some still run; ``services.reflection_advance``).
``ZV_RETENTION_CASE_TEXT_YEARS`` after that moment its case text is redacted: every non-empty
field of ``HIDDEN_FIELDS`` (title, summary, the three answers, dilemma, insights,
bespreekvoorstel and the three notes) becomes :data:`REDACTED`, in the live row **and in every
history record** of the reflection, and the personal-data guard's explanations of it (which
quote the flagged text) are deleted. What stays is the structure: region, year and quarter,
sub-region, kind, method, themes, organisations, gespreksleider, dates, status, and the
Stamtafel's conclusions with their actions (those belong to the werkagenda and are readable
nationally; they never held case text, the guard checks them too).

The moment of follow-up is taken from the history: the first record of the last unbroken run
of records with status opgevolgd (a reflection moved back and forward again counts from the
second time). A reflection without such a record (history removed by hand) is left alone.
The redaction writes no new history record; it bumps ``version``, so that an edit form opened
before it is refused as stale instead of writing the old text back.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db.models import Case, F, Q, Value, When
from django.utils.translation import gettext_lazy as _

from casereflection.constants import HIDDEN_FIELDS, ReflectionStatus
from casereflection.models import CaseReflection, PrivacyExplanation
from core.retention import RetentionKind, years_before

#: What a redacted case text reads (fixed, so that a second run sees it is done).
REDACTED = "[Verwijderd na afloop van de bewaartermijn]"

_KEEP = ("", REDACTED)


def _has_text() -> Q:
    """Rows (live or history) that still hold some case text."""
    q = Q()
    for name in HIDDEN_FIELDS:
        q |= ~Q(**{f"{name}__in": _KEEP})
    return q


def follow_up_moment(records) -> datetime | None:
    """The moment of the first record of the last unbroken run of *opgevolgd* among
    ``records`` — ``(status, moment)`` in the order they were written — or None when the
    last record is not opgevolgd."""
    since = None
    for status, moment in records:
        if status != ReflectionStatus.OPGEVOLGD:
            since = None
        elif since is None:
            since = moment
    return since


def followed_up_since(reflection_ids) -> dict[int, datetime]:
    """Reflection id → the moment it became opgevolgd (the current run), from the history;
    one query."""
    records: dict[int, list] = {}
    rows = (
        CaseReflection.history.filter(id__in=list(reflection_ids))
        .order_by("id", "history_date", "history_id")
        .values_list("id", "status", "history_date")
    )
    for pk, status, moment in rows:
        records.setdefault(pk, []).append((status, moment))
    since = {pk: follow_up_moment(rows) for pk, rows in records.items()}
    return {pk: moment for pk, moment in since.items() if moment is not None}


def due_for_redaction(cutoff: datetime) -> list[int]:
    """Ids of reflections followed up before ``cutoff`` that still hold case text somewhere
    (live row, a history record, or a guard explanation). Two queries."""
    history = CaseReflection.history.filter(_has_text()).values("id")
    explained = PrivacyExplanation.objects.values("reflection_id")
    candidates = CaseReflection.objects.filter(status=ReflectionStatus.OPGEVOLGD).filter(
        _has_text() | Q(pk__in=history) | Q(pk__in=explained)
    )
    since = followed_up_since(candidates.values_list("pk", flat=True))
    return sorted(pk for pk, moment in since.items() if moment < cutoff)


def _redacted_values() -> dict:
    return {
        name: Case(When(**{name: ""}, then=Value("")), default=Value(REDACTED))
        for name in HIDDEN_FIELDS
    }


def redact_case_texts(reflection_ids) -> None:
    """Replace the case text of these reflections, live and in their history."""
    ids = list(reflection_ids)
    CaseReflection.objects.filter(pk__in=ids).update(**_redacted_values(), version=F("version") + 1)
    CaseReflection.history.filter(id__in=ids).update(**_redacted_values())
    PrivacyExplanation.objects.filter(reflection_id__in=ids).delete()


def _cutoff(now: datetime) -> datetime:
    return years_before(now, settings.ZV_RETENTION_CASE_TEXT_YEARS)


def _apply(cutoff: datetime) -> int:
    ids = due_for_redaction(cutoff)
    if ids:
        redact_case_texts(ids)
    return len(ids)


CASE_TEXTS = RetentionKind(
    key="casusteksten",
    label=_("casusreflectie(s) met casustekst"),
    verb=_("geanonimiseerd"),
    cutoff=_cutoff,
    pending=lambda cutoff: len(due_for_redaction(cutoff)),
    apply=_apply,
    order=10,
)
