"""Reads of the case reflections: the overview and its CSV, the rotation planner, the
reflection page, its history, and the look-ups of the views.

**Case text.** A reader without ``casereflection.view_case_text`` (a vng_advisor, the
functioneel beheerder) never receives the case text: reflections are read for them with
``.only(*PUBLIC_FIELDS)`` and the hidden attributes are then set to "" (``hide_case_text``),
so that a template or a ``__str__`` that touches ``title`` finds nothing and cannot trigger a
lazy load of the deferred column. ``HIDDEN_FIELDS`` are the fields of
``constants.CASE_TEXT_FIELDS`` plus the three notes, which describe the case as well.

**Query shapes.** Every function reads in a fixed number of queries, however many reflections,
conclusions and actions a region has; the shape is in each docstring. A region holds about four
reflections a year, so the overview reads all of the region's reflections once and filters
them in Python: the page, the summary per sub-region and the year choices come from the same
rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django import forms
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casereflection import privacy
from casereflection.constants import (
    HIDDEN_FIELDS,
    PUBLIC_FIELDS,
    QUARTERS_SHOWN,
    STATUS_ORDER,
    CaseKind,
    ReflectionStatus,
    status_index,
)
from casereflection.models import (
    CaseReflection,
    Conclusion,
    PrivacyExplanation,
    quarter_index,
    quarter_label,
    quarter_of,
)
from casereflection.rotation import plan
from casereflection.services import SECRETARY_ONLY, transition_errors
from core.csv_export import csv_date
from governance.constants import ActionList, Level
from governance.models import (
    Action,
    AgendaItem,
    Body,
    Membership,
    Organisation,
    Person,
    Region,
    SubRegion,
)
from governance.selectors.register import HistoryEntry, _history_of
from governance.selectors.werkagenda import list_name, trekker_label

# --- permissions and look-ups -----------------------------------------------------------------


def may_read_case_text(user, region: Region) -> bool:
    """People with a role in the region; never a national reader."""
    return user.has_perm("casereflection.view_case_text", region)


def hide_case_text(reflection: CaseReflection | None) -> None:
    """Blank the case text on ``reflection`` (in memory only; such an object is never saved)."""
    if reflection is None:
        return
    for name in HIDDEN_FIELDS:
        setattr(reflection, name, "")
    reflection.case_text_hidden = True


def _reflections(region: Region, *, case_text: bool, extra: tuple[str, ...] = ()) -> QuerySet:
    qs = CaseReflection.objects.in_region(region)
    if not case_text:
        qs = qs.only(*PUBLIC_FIELDS, *extra)
    return qs


def get_reflection(region: Region, pk: int, user) -> CaseReflection:
    """The reflection ``pk`` of ``region`` (404 otherwise), with its sub-region and
    gespreksleider (the permission check reads the gespreksleider's account). One query;
    without the case text for a reader who may not see it."""
    case_text = may_read_case_text(user, region)
    qs = _reflections(region, case_text=case_text, extra=("sub_region__name",))
    reflection = get_object_or_404(qs.select_related("sub_region", "facilitator"), pk=pk)
    reflection.region = region
    if not case_text:
        hide_case_text(reflection)
    return reflection


def get_conclusion(region: Region, pk: int) -> Conclusion:
    """The conclusion ``pk`` of a reflection of ``region`` (404 otherwise). One query; the
    reflection is not joined: read it with ``get_reflection``, which leaves the case text out
    for readers who may not see it."""
    return get_object_or_404(Conclusion.objects.in_region(region), pk=pk)


# --- follow-up of the conclusions ------------------------------------------------------------


@dataclass
class FollowUp:
    """The actions that came from a reflection's conclusions."""

    conclusions: int = 0
    actions: int = 0
    done: int = 0
    running: int = 0
    overdue: int = 0

    def add(self, action: Action | None, today: date) -> None:
        self.conclusions += 1
        if action is None:
            return
        self.actions += 1
        if action.list == ActionList.GEREED:
            self.done += 1
        else:
            self.running += 1
            if action.is_overdue(today):
                self.overdue += 1


def _follow_up(reflection: CaseReflection, today: date) -> FollowUp:
    result = FollowUp()
    for conclusion in reflection.conclusions.all():
        result.add(conclusion.action, today)
    return result


def _conclusions_with_action_state() -> Prefetch:
    # One query for the conclusions of all rows, the action's list and due date joined in.
    return Prefetch(
        "conclusions",
        queryset=Conclusion.objects.select_related("action").only(
            "id", "reflection", "action", "action__list", "action__due_date"
        ),
    )


# --- the overview ----------------------------------------------------------------------------


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


# --- the planner -----------------------------------------------------------------------------


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


# --- the reflection page ---------------------------------------------------------------------


@dataclass
class Step:
    value: str
    label: str
    state: str  # "gedaan", "huidig" or "open"


def status_steps(reflection: CaseReflection) -> list[Step]:
    """The six steps of the lifecycle, each done, current or still open. No query."""
    here = status_index(reflection.status)
    steps = []
    for i, (value, label) in enumerate(ReflectionStatus.choices):
        state = "gedaan" if i < here else "huidig" if i == here else "open"
        steps.append(Step(value=value, label=str(label), state=state))
    return steps


def next_status(reflection: CaseReflection) -> str | None:
    """The step after the current one (None after opgevolgd). No query."""
    i = status_index(reflection.status)
    return STATUS_ORDER[i + 1] if i + 1 < len(STATUS_ORDER) else None


def previous_status(reflection: CaseReflection) -> str | None:
    """The step before the current one (None at gepland). No query."""
    i = status_index(reflection.status)
    return STATUS_ORDER[i - 1] if i > 0 else None


def status_label(value: str) -> str:
    """'Aangeboden aan de Stamtafel' for 'aangeboden'."""
    return str(ReflectionStatus(value).label)


def may_take_step(user, reflection: CaseReflection, to_status: str) -> bool:
    """May ``user`` move ``reflection`` to ``to_status``? The gespreksleider takes the steps
    up to aangeboden; concluding, closing and going back are the secretary's. No query beyond
    the user's roles (the service decides again)."""
    if not user.has_perm("casereflection.change_reflection", reflection):
        return False
    secretary = user.has_perm("casereflection.plan_reflection", reflection.region)
    step = status_index(to_status) - status_index(reflection.status)
    if step == -1 or to_status in SECRETARY_ONLY:
        return secretary
    return step == 1


def open_requirements(
    reflection: CaseReflection, to_status: str, *, skip: tuple[str, ...] = ()
) -> list[str]:
    """What still stands in the way of ``to_status``, in words (at most one query); ``skip``:
    fields that the step's own form asks for."""
    errors = transition_errors(reflection, to_status)
    return [m for key, messages in errors.items() if key not in skip for m in messages]


@dataclass
class ConclusionRow:
    conclusion: Conclusion
    action: Action | None
    list_name: str = ""
    overdue: bool = False


# What the page shows of a PrivacyExplanation's field name.
def _field_label(name: str) -> str:
    model, _sep, attr = name.rpartition(".")
    target = Conclusion if model == "conclusie" else CaseReflection
    try:
        label = str(target._meta.get_field(attr).verbose_name)
    except Exception:  # noqa: BLE001 - an old or unknown field name is shown as it is
        return name
    if target is Conclusion:
        return _("conclusie: %(field)s") % {"field": label}
    return label


@dataclass
class ExplanationRow:
    explanation: PrivacyExplanation
    field_label: str
    kind_label: str
    who: str


def reflection_detail(reflection: CaseReflection, user, *, today: date | None = None) -> dict:
    """Everything on the reflection page.

    Queries: themes, organisations, delegation (one each); conclusions with agenda item,
    meeting, body, assignee and aanspreekpunt joined; their actions with the date of the last
    update (one, annotated); the privacy explanations for the secretary (one, with the user);
    and the open requirements of the next step (at most one). The reflection itself comes from
    ``get_reflection``.
    """
    today = today or timezone.localdate()
    region = reflection.region
    conclusions = list(
        Conclusion.objects.filter(reflection=reflection)
        .select_related(
            "agenda_item__meeting__body",
            "assignee_body",
            "assignee_organisation",
            "contact_administrator__person",
            "contact_administrator__body",
            "contact_administrator__organisation",
            "contact_administrator__municipality",
        )
        .order_by("priority", "decided_on", "pk")
    )
    action_ids = [c.action_id for c in conclusions if c.action_id]
    actions = {
        a.pk: a
        for a in Action.objects.filter(pk__in=action_ids)
        .with_last_update()
        .only("id", "region_id", "title", "list", "due_date", "created_on")
    }
    rows = []
    for c in conclusions:
        action = actions.get(c.action_id)
        row = ConclusionRow(conclusion=c, action=action)
        if action is not None:
            action.region = region
            row.list_name = list_name(action.list)
            row.overdue = action.is_overdue(today)
        rows.append(row)

    follow_up = FollowUp()
    for row in rows:
        follow_up.add(row.action, today)

    can_change = user.has_perm("casereflection.change_reflection", reflection)
    is_secretary = user.has_perm("casereflection.plan_reflection", region)
    following = next_status(reflection)
    previous = previous_status(reflection)
    can_advance = following is not None and may_take_step(user, reflection, following)
    explanations: list[ExplanationRow] = []
    if user.has_perm("casereflection.explain_privacy_finding", region):
        for e in PrivacyExplanation.objects.filter(reflection=reflection).select_related(
            "explained_by"
        ):
            who = e.explained_by
            explanations.append(
                ExplanationRow(
                    explanation=e,
                    field_label=_field_label(e.field),
                    kind_label=str(privacy.LABELS.get(e.kind, e.kind)),
                    who=(who.get_full_name() or who.get_username()) if who else "—",
                )
            )
    return {
        "themes": list(reflection.themes.order_by("name")),
        "organisations": list(reflection.organisations.order_by("name")),
        "delegation": list(reflection.delegation.order_by("name")),
        "steps": status_steps(reflection),
        "next_status": following,
        "next_label": status_label(following) if following else "",
        "previous_status": previous if is_secretary else None,
        "previous_label": status_label(previous) if previous and is_secretary else "",
        "can_advance": can_advance,
        "requirements": open_requirements(reflection, following) if can_advance else [],
        "conclusion_rows": rows,
        "follow_up": follow_up,
        "may_conclude": reflection.may_conclude,
        "can_change": can_change,
        "is_secretary": is_secretary,
        "can_change_conclusion": user.has_perm("casereflection.change_conclusion", reflection),
        "explanations": explanations,
    }


# --- the history -----------------------------------------------------------------------------

_NAMED = {
    "sub_region": SubRegion,
    "facilitator": Person,
    "agenda_item": AgendaItem,
    "assignee_body": Body,
    "assignee_organisation": Organisation,
    "contact_administrator": Membership,
}


def _names(model, ids: set[int]) -> dict[str, str]:
    if model is Membership:
        rows = Membership.objects.filter(pk__in=ids).select_related(
            "person", "body", "organisation", "municipality"
        )
        return {f"#{m.pk}": trekker_label(m) for m in rows}
    if model is AgendaItem:
        rows = AgendaItem.objects.filter(pk__in=ids).select_related("meeting__body")
        return {f"#{a.pk}": f"{a.meeting} — {a.title}" for a in rows}
    return {
        f"#{pk}": name for pk, name in model.objects.filter(pk__in=ids).values_list("pk", "name")
    }


def reflection_history(reflection: CaseReflection) -> list[HistoryEntry]:
    """Who changed what, when: the reflection and its conclusions, newest first, with
    sub-regions, people, bodies and agenda items named. It holds the case text: only for
    readers with ``view_case_text``.

    Two queries for the records (the user joined in), plus one per kind of related field that
    changed.
    """
    labels = {"+": _("aangemaakt"), "~": _("gewijzigd"), "-": _("verwijderd")}
    entries = _history_of(
        CaseReflection,
        CaseReflection.history.filter(id=reflection.pk).select_related("history_user"),
        labels,
    )
    for entry in entries:
        entry.object_label = _("casusreflectie %(quarter)s") % {"quarter": reflection.quarter_label}
    entries += _history_of(
        Conclusion,
        Conclusion.history.filter(reflection_id=reflection.pk).select_related("history_user"),
        labels,
    )
    by_label = {}
    for model in (CaseReflection, Conclusion):
        for name in _NAMED:
            try:
                by_label[str(model._meta.get_field(name).verbose_name)] = name
            except Exception:  # noqa: BLE001 - not a field of this model
                continue
    wanted: dict[str, set[int]] = {}
    for entry in entries:
        for label, before, after in entry.changes:
            if label in by_label:
                for value in (before, after):
                    if value.startswith("#") and value[1:].isdigit():
                        wanted.setdefault(by_label[label], set()).add(int(value[1:]))
    names: dict[str, str] = {}
    for name, ids in wanted.items():
        names.update({f"{name}{k}": v for k, v in _names(_NAMED[name], ids).items()})
    for entry in entries:
        entry.changes = [
            (
                label,
                names.get(f"{by_label.get(label)}{before}", before),
                names.get(f"{by_label.get(label)}{after}", after),
            )
            for label, before, after in entry.changes
        ]
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries


# --- form choices ----------------------------------------------------------------------------


def conclusion_agenda_items(region: Region) -> QuerySet:
    """Agenda items of meetings of the region's administrative bodies, newest meeting first
    (meeting and body joined for the label)."""
    return (
        AgendaItem.objects.filter(
            meeting__body__region=region, meeting__body__level=Level.BESTUURLIJK
        )
        .select_related("meeting__body")
        .order_by("-meeting__starts_at", "order", "pk")
    )


def agenda_item_label(item: AgendaItem) -> str:
    """'dd-mm-jjjj — Gremium — agendapunt'."""
    day = timezone.localtime(item.meeting.starts_at).strftime("%d-%m-%Y")
    return f"{day} — {item.meeting.body.name} — {item.title}"
