"""Report 4, the bespreekvoorstel of a case reflection for the Stamtafel.

This report *is* case text: only people with a role in the region may read it
(``casereflection.view_case_text``; never the VNG advisor or the functioneel beheerder). The view
checks that permission; this selector checks it again and raises ``PermissionDenied`` before
reading any case field, so a wrong wiring can never hand the text to a national reader.

It prints the facts of the reflection (quarter, sub-region, kind, method, themes, dates,
gespreksleider, betrokken organisaties, delegation), the bespreekvoorstel itself (right after the
facts: it is what the Stamtafel is asked to discuss), the case in general terms, the three main
questions with their answers, the dilemma and the insights. It never prints the internal notes
(``method_note``, ``rotation_note``, ``follow_up_note``) nor the explanations given to the
personal-data guard.

**Stand per.** The text is the text as it stood at the end of the stand day, taken from the
reflection's history (django-simple-history) when it has changed since; with the default stand
(today) that is simply the current text. Themes, organisations and the delegation have no
history and are printed as they are now; the template says so when the text is an older one.

**404.** ``django.http.Http404`` when the reflection is not one of ``region``'s, when it did not
exist yet on the stand date, or when it had no bespreekvoorstel (yet) on that date.

Query shape (fixed): the reflection with sub-region and gespreksleider (one), its latest history
record up to the stand day with sub-region and gespreksleider, and the time of the latest change
after it (two, only when the stand date lies before today), themes, organisations and delegation
(three).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format

from casereflection.constants import CaseKind, Method
from casereflection.models import CaseReflection, quarter_label
from casereflection.selectors.access import may_read_case_text
from dashboard.reports.base import Section
from governance.models import Region

SECTIONS = (
    Section("bespreekvoorstel-gegevens", "Gegevens van de reflectie"),
    Section("bespreekvoorstel-voorstel", "Bespreekvoorstel voor de Stamtafel"),
    Section("bespreekvoorstel-casus", "De casus"),
    Section("bespreekvoorstel-hoofdvragen", "De drie hoofdvragen"),
    Section("bespreekvoorstel-dilemma", "Het dilemma"),
    Section("bespreekvoorstel-inzichten", "Inzichten"),
)

#: The three main questions, in the order of the reflection page.
QUESTION_FIELDS = ("answer_principles", "answer_administration", "answer_justice")

#: What this report prints of a reflection (from the current row or a history record).
_PRINTED = (
    "year",
    "quarter",
    "title",
    "case_kind",
    "method",
    "planned_on",
    "held_on",
    "offered_on",
    "summary",
    *QUESTION_FIELDS,
    "dilemma",
    "insights",
    "proposal",
)


@dataclass
class Question:
    question: str  # "Werken we in de praktijk volgens de leidende principes?"
    answer: str


def _label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _question(name: str) -> str:
    text = str(CaseReflection._meta.get_field(name).verbose_name)
    return text[:1].upper() + text[1:]


def _reflection_pk(reflection) -> int:
    if isinstance(reflection, CaseReflection):
        return reflection.pk
    try:
        return int(reflection)
    except (TypeError, ValueError) as exc:
        raise Http404("Onbekende casusreflectie.") from exc


def _end_of(day: date) -> datetime:
    """The first moment after ``day`` in the site's time zone."""
    return datetime.combine(
        day + timedelta(days=1), time.min, tzinfo=timezone.get_current_timezone()
    )


def bespreekvoorstel_report(
    region: Region, *, stand: date, sinds: date | None = None, user, reflection
) -> dict:
    """The context of ``templates/reports/bespreekvoorstel_body.html``.

    ``reflection`` is a ``CaseReflection`` or its pk; it is read again here (with its case text),
    within ``region``.
    """
    if not may_read_case_text(user, region):
        raise PermissionDenied("Het bespreekvoorstel bevat de tekst van de casus.")
    current = get_object_or_404(
        CaseReflection.objects.in_region(region).select_related("sub_region", "facilitator"),
        pk=_reflection_pk(reflection),
    )
    current.region = region

    source = current  # where the printed fields come from
    sub_region, facilitator = current.sub_region, current.facilitator
    changed_after: datetime | None = None
    if stand < timezone.localdate():
        end = _end_of(stand)
        changed_after = current.history.filter(history_date__gte=end).aggregate(
            last=Max("history_date")
        )["last"]
        if changed_after is not None:
            record = (
                current.history.filter(history_date__lt=end)
                .select_related("sub_region", "facilitator")
                .order_by("-history_date", "-history_id")
                .first()
            )
            if record is None or record.history_type == "-":
                when = date_format(stand, "j F Y")
                raise Http404(f"Op {when} was deze casusreflectie nog niet vastgelegd.")
            source = record
            sub_region, facilitator = record.sub_region, record.facilitator

    fields = {name: getattr(source, name) for name in _PRINTED}
    if not (fields["proposal"] or "").strip():
        raise Http404("Deze casusreflectie heeft nog geen bespreekvoorstel.")

    return {
        "sections": list(SECTIONS),
        "facts": {
            "quarter_label": quarter_label(fields["year"], fields["quarter"]),
            "title": fields["title"],
            "sub_region": sub_region.name if sub_region else "",
            "case_kind": _label(CaseKind, fields["case_kind"]),
            "method": _label(Method, fields["method"]),
            "planned_on": fields["planned_on"],
            "held_on": fields["held_on"],
            "offered_on": fields["offered_on"],
            "facilitator": facilitator.name if facilitator else "",
            "facilitator_function": facilitator.function if facilitator else "",
        },
        "themes": list(current.themes.order_by("order", "name")),
        "organisations": list(current.organisations.order_by("name")),
        "delegation": list(current.delegation.select_related("organisation").order_by("name")),
        "summary": fields["summary"],
        "questions": [Question(_question(name), fields[name]) for name in QUESTION_FIELDS],
        "dilemma": fields["dilemma"],
        "insights": fields["insights"],
        "proposal": fields["proposal"],
        # The text is an older version: the reflection changed after the stand date.
        "changed_after": changed_after,
    }
