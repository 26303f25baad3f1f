"""The besluitenregister of a region: every decision of every table, searchable.

A **decision** is an agenda item of a meeting that was not cancelled, with an outcome, whose
kind is *besluiten* or that created an action or is about an action (whose move the decision
recorded) — the same rule as the besluitenlijst (``governance.selectors.minutes``).

The **theme** filter finds a decision by the theme of what it is about: the item's knelpunt,
the item's action, or an action the decision created. A decision about none of those (no
theme of its own) is found by the themes of its body. So "Stamtafel, dagbesteding, since 1
January 2025" finds the Stamtafel's decisions on dagbesteding knelpunten and actions, and its
untargeted decisions when dagbesteding is one of the Stamtafel's themes.

Queries of a page: the filter form's choices (bodies, themes), the count, and the page of
decisions with their meeting, body, knelpunt and action (one) plus the actions they created
(one) — constant at any size.
"""

from __future__ import annotations

from django import forms
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.csv_export import csv_date
from core.forms import DateInput
from governance.constants import AgendaItemKind, MeetingStatus
from governance.models import Action, AgendaItem, Body, Region, Theme

MAX_TEXT = 200
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]


class DecisionFilterForm(forms.Form):
    gremium = forms.ModelChoiceField(
        label=_("Gremium"),
        required=False,
        queryset=Body.objects.none(),
        empty_label=_("Alle gremia"),
    )
    thema = forms.ModelChoiceField(
        label=_("Thema"),
        required=False,
        queryset=Theme.objects.all(),
        empty_label=_("Alle thema's"),
    )
    van = forms.DateField(
        label=_("Vanaf"),
        required=False,
        widget=DateInput(),
        input_formats=DATE_FORMATS,
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 1-1-2025.")},
    )
    tot = forms.DateField(
        label=_("Tot en met"),
        required=False,
        widget=DateInput(),
        input_formats=DATE_FORMATS,
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 31-12-2025.")},
    )
    tekst = forms.CharField(
        label=_("Zoek in titel en besluit"),
        required=False,
        max_length=MAX_TEXT,
        error_messages={"max_length": _("Zoek met ten hoogste %(limit_value)d tekens.")},
    )

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gremium"].queryset = Body.objects.filter(region=region).order_by("name")
        self.fields["thema"].queryset = Theme.objects.order_by("order", "name")

    def clean(self):
        data = super().clean()
        van, tot = data.get("van"), data.get("tot")
        if van and tot and tot < van:
            self.add_error("tot", _("De einddatum ligt vóór de begindatum."))
        return data


def decisions_in(region: Region):
    """Every decision of ``region`` (see the module docstring), newest meeting first."""
    created = Action.objects.filter(origin_agenda_item=OuterRef("pk"))
    return (
        AgendaItem.objects.filter(meeting__body__region=region)
        .exclude(meeting__status=MeetingStatus.GEANNULEERD)
        .exclude(outcome="")
        .filter(Q(kind=AgendaItemKind.BESLUITEN) | Q(action__isnull=False) | Exists(created))
        .order_by("-meeting__starts_at", "-meeting_id", "order", "pk")
    )


def _valid(form: DecisionFilterForm) -> dict:
    """The valid filter values; an invalid one is ignored (its error is shown)."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return {
        name: value
        for name, value in getattr(form, "cleaned_data", {}).items()
        if name not in form.errors and value not in (None, "")
    }


def filtered_decisions(region: Region, params) -> tuple[DecisionFilterForm, object, bool]:
    form = DecisionFilterForm(params or None, region=region)
    data = _valid(form)
    qs = decisions_in(region)
    if data.get("gremium"):
        qs = qs.filter(meeting__body=data["gremium"])
    if data.get("thema"):
        theme = data["thema"]
        created = Action.objects.filter(origin_agenda_item=OuterRef("pk"))
        own_theme = (
            Q(knelpunt__theme__isnull=False)
            | Q(action__theme__isnull=False)
            | Exists(created.filter(theme__isnull=False))
        )
        body_theme = Body.themes.through.objects.filter(
            body_id=OuterRef("meeting__body_id"), theme=theme
        )
        qs = qs.filter(
            Q(knelpunt__theme=theme)
            | Q(action__theme=theme)
            | Exists(created.filter(theme=theme))
            | (~own_theme & Exists(body_theme))
        )
    if data.get("van"):
        qs = qs.filter(meeting__starts_at__date__gte=data["van"])
    if data.get("tot"):
        qs = qs.filter(meeting__starts_at__date__lte=data["tot"])
    if data.get("tekst"):
        text = data["tekst"].strip()
        qs = qs.filter(Q(title__icontains=text) | Q(outcome__icontains=text))
    filtered = bool(data)
    return form, qs, filtered


def with_details(qs):
    return qs.select_related(
        "meeting__body", "knelpunt__theme", "action__theme", "action__trekker__person"
    ).prefetch_related(
        Prefetch(
            "created_actions",
            queryset=Action.objects.select_related("theme", "trekker__person").order_by(
                "title", "pk"
            ),
        )
    )


def _trekker(action) -> str:
    if action.trekker_id is None:
        return ""
    t = action.trekker
    return t.person.name if t.person_id else t.member_display


def decision_csv_rows(region: Region, params):
    """Header and one row per decision, with the same filters as the page."""
    _form, qs, _filtered = filtered_decisions(region, params)
    yield [
        "Datum",
        "Gremium",
        "Vergadering",
        "Nr.",
        "Agendapunt",
        "Soort",
        "Besluit",
        "Thema",
        "Acties uit het besluit",
        "Actie van het agendapunt",
    ]
    for item in with_details(qs).iterator(chunk_size=500):
        meeting = item.meeting
        theme = (
            item.knelpunt.theme.name if item.knelpunt_id and item.knelpunt.theme_id else ""
        ) or (item.action.theme.name if item.action_id and item.action.theme_id else "")
        created = " | ".join(
            f"{a.title} ({a.get_list_display().lower()}"
            + (f", trekker {_trekker(a)}" if a.trekker_id else "")
            + (f", termijn {csv_date(a.due_date)}" if a.due_date else "")
            + ")"
            for a in item.created_actions.all()
        )
        moved = (
            f"{item.action.title} ({item.action.get_list_display().lower()})"
            if item.action_id
            else ""
        )
        yield [
            csv_date(timezone.localtime(meeting.starts_at).date()),
            meeting.body.name,
            meeting.display_title,
            item.order,
            item.title,
            item.get_kind_display(),
            item.outcome,
            theme,
            created,
            moved,
        ]
