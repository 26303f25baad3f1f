"""The overview of a region's reflections and its CSV.

A region holds about four reflections a year, so the overview reads all of the region's
reflections once and filters them in Python: the page, the summary per sub-region and the year
choices come from the same rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casereflection.constants import PUBLIC_FIELDS, QUARTERS_SHOWN, CaseKind, ReflectionStatus
from casereflection.models import CaseReflection, quarter_index, quarter_label, quarter_of
from casereflection.selectors.access import hide_case_text, may_read_case_text
from casereflection.selectors.conclusions import (
    FollowUp,
    _conclusions_with_action_state,
    _follow_up,
)
from core.csv_export import csv_date
from governance.models import Region, SubRegion


class ReflectionFilterForm(forms.Form):
    """The overview's filters; an invalid value is shown as an error and otherwise ignored."""

    jaar = forms.TypedChoiceField(label=gettext_lazy("Jaar"), required=False, coerce=int)
    subregio = forms.TypedChoiceField(label=gettext_lazy("Subregio"), required=False, coerce=int)
    soort = forms.ChoiceField(
        label=gettext_lazy("Soort casus"),
        required=False,
        choices=[("", gettext_lazy("Alle soorten")), *CaseKind.choices],
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("Alle statussen")), *ReflectionStatus.choices],
    )

    def __init__(self, *args, years: list[int], sub_regions: list[SubRegion], **kwargs):
        super().__init__(*args, **kwargs)
        # Choices from rows already read: no query of their own.
        self.fields["jaar"].choices = [("", _("Laatste drie jaar"))] + [(y, str(y)) for y in years]
        self.fields["subregio"].choices = [("", _("Alle subregio's"))] + [
            (s.pk, s.name) for s in sub_regions
        ]


@dataclass
class QuarterRow:
    year: int
    quarter: int
    reflection: CaseReflection | None
    follow_up: FollowUp | None
    is_future: bool

    @property
    def label(self) -> str:
        return quarter_label(self.year, self.quarter)


@dataclass
class SubRegionCount:
    sub_region: SubRegion
    count: int


def _window(today: date) -> tuple[int, int]:
    """Indexes of the first and the last (current) quarter of the last three years."""
    current = quarter_index(*quarter_of(today))
    return current - (QUARTERS_SHOWN - 1), current


def _valid(form: forms.Form) -> dict:
    if not form.is_bound:
        return {}
    form.is_valid()
    return {k: v for k, v in form.cleaned_data.items() if v not in ("", None)}


def reflection_overview(region: Region, user, params, *, today: date | None = None) -> dict:
    """The quarters of the last three years (newest first, a row also where nothing was
    recorded) plus the planned future ones, with the follow-up of their conclusions, a count
    per sub-region over the three years, and the filter form.

    Three queries: sub-regions; all reflections of the region (sub-region joined; without the
    case text, and with only the title of it for readers who may see it); their conclusions
    with the action's list and due date.
    """
    today = today or timezone.localdate()
    case_text = may_read_case_text(user, region)
    sub_regions = list(SubRegion.objects.filter(region=region).order_by("name", "pk"))
    reflections = list(
        CaseReflection.objects.in_region(region)
        .select_related("sub_region")
        .only(*PUBLIC_FIELDS, "sub_region__name", *(("title",) if case_text else ()))
        .prefetch_related(_conclusions_with_action_state())
        .order_by("-year", "-quarter")
    )
    for r in reflections:
        r.region = region
        if not case_text:
            hide_case_text(r)
    first, current = _window(today)
    by_index = {quarter_index(r.year, r.quarter): r for r in reflections}

    first_year, first_quarter = divmod(first, 4)
    known = {r.year for r in reflections} | {today.year, first_year}
    years = list(range(max(known), min(known) - 1, -1))
    form = ReflectionFilterForm(params or None, years=years, sub_regions=sub_regions)
    data = _valid(form)

    if "jaar" in data:
        year = data["jaar"]
        indexes = [
            i
            for i in (quarter_index(year, q) for q in range(4, 0, -1))
            if i <= current or i in by_index
        ]
    else:
        future = sorted((i for i in by_index if i > current), reverse=True)
        indexes = future + list(range(current, first - 1, -1))

    narrowing = {k: v for k, v in data.items() if k != "jaar"}
    rows: list[QuarterRow] = []
    for i in indexes:
        reflection = by_index.get(i)
        if narrowing:
            if reflection is None:
                continue
            if "subregio" in narrowing and reflection.sub_region_id != narrowing["subregio"]:
                continue
            if "soort" in narrowing and reflection.case_kind != narrowing["soort"]:
                continue
            if "status" in narrowing and reflection.status != narrowing["status"]:
                continue
        year, quarter = divmod(i, 4)
        rows.append(
            QuarterRow(
                year=year,
                quarter=quarter + 1,
                reflection=reflection,
                follow_up=_follow_up(reflection, today) if reflection else None,
                is_future=i > current,
            )
        )

    counts: dict[int, int] = defaultdict(int)
    for i, r in by_index.items():
        if first <= i <= current:
            counts[r.sub_region_id] += 1
    return {
        "rows": rows,
        "filter_form": form,
        "filtered": bool(data),
        "sub_region_counts": [SubRegionCount(s, counts.get(s.pk, 0)) for s in sub_regions],
        "window_label": _("%(first)s tot en met %(last)s")
        % {
            "first": quarter_label(first_year, first_quarter + 1),
            "last": quarter_label(*quarter_of(today)),
        },
        "case_text": case_text,
    }


def reflection_csv_rows(region: Region, user, params, *, today: date | None = None) -> list[list]:
    """The (filtered) overview as rows for Excel: a header and a row per quarter (formulas are
    defused by ``csv_response``). The title column only for readers who may see the case
    text. Same queries as the overview."""
    overview = reflection_overview(region, user, params, today=today)
    case_text = overview["case_text"]
    header = [_("Kwartaal"), _("Subregio"), _("Soort casus")]
    if case_text:
        header.append(_("Titel"))
    header += [
        _("Methode"),
        _("Status"),
        _("Gepland op"),
        _("Gehouden op"),
        _("Aangeboden op"),
        _("Conclusies"),
        _("Acties"),
        _("Acties gereed"),
        _("Acties lopend"),
        _("Acties met verstreken termijn"),
    ]
    rows: list[list] = [header]
    for row in overview["rows"]:
        r = row.reflection
        if r is None:
            line = [row.label, "", ""]
            if case_text:
                line.append("")
            line += [
                "",
                _("Geen reflectie vastgelegd"),
                *[""] * 8,
            ]
        else:
            f = row.follow_up
            line = [row.label, r.sub_region.name, r.get_case_kind_display()]
            if case_text:
                line.append(r.title)
            line += [
                r.get_method_display(),
                r.get_status_display(),
                csv_date(r.planned_on),
                csv_date(r.held_on),
                csv_date(r.offered_on),
                f.conclusions,
                f.actions,
                f.done,
                f.running,
                f.overdue,
            ]
        rows.append(line)
    return rows
