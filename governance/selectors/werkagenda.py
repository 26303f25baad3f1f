"""Reads of the werkagenda: the board, the table and its CSV, and the labels, flags and choices
that the action page (``actions``), the knelpunten (``knelpunten``) and other apps share.

Each function returns what its page needs in a fixed number of queries, however many actions
the region has: the trekker, owner, owning body and theme come through one join
(``select_related``), coalition partners and knelpunten through one extra query each
(``prefetch_related``), and the date of the last update and the weighing are annotations.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django import forms
from django.db.models import Case, Exists, IntegerField, OuterRef, Prefetch, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.csv_export import csv_date
from governance.constants import ADMINISTRATOR_OFFICES, STALE_AFTER_DAYS, ActionList, BodyStatus
from governance.models import (
    Action,
    Body,
    Knelpunt,
    Membership,
    Organisation,
    Person,
    Region,
    RegionTheme,
    Theme,
)
from governance.selectors.register import attach_region

# The board shows the gereedlijst of the last year; the table has all of it.
GEREED_ON_BOARD_DAYS = 365

LIST_ORDER = {ActionList.VOORRAAD: 0, ActionList.ACTIE: 1, ActionList.GEREED: 2}

# What the three lists mean (seed 004, in our own words).
LIST_INFO = {
    ActionList.VOORRAAD: {
        "heading": gettext_lazy("Voorraad"),
        "name": gettext_lazy("voorraadlijst"),
        "description": gettext_lazy(
            "Mogelijke acties om gesignaleerde knelpunten op te lossen. Per vergadering kiest "
            "de tafel welke ervan naar de actielijst gaan, gewogen op belang en urgentie, "
            "uitvoerbaarheid en impact op de praktijk. Hoogste score bovenaan."
        ),
    },
    ActionList.ACTIE: {
        "heading": gettext_lazy("Actie"),
        "name": gettext_lazy("actielijst"),
        "description": gettext_lazy(
            "Acties die nu worden uitgevoerd door een coalitie van partners die willen "
            "meedoen, met een bestuurlijk trekker die de tafel over de voortgang informeert. "
            "Eerstvolgende termijn bovenaan."
        ),
    },
    ActionList.GEREED: {
        "heading": gettext_lazy("Gereed"),
        "name": gettext_lazy("gereedlijst"),
        "description": gettext_lazy(
            "Acties die zijn afgerond, waarvan het knelpunt elders is of wordt belegd, of die "
            "zijn vervallen. Meest recente bovenaan."
        ),
    },
}


def list_name(key: str) -> str:
    """'voorraadlijst', 'actielijst' or 'gereedlijst'."""
    return str(LIST_INFO[key]["name"])


@dataclass(frozen=True)
class Flag:
    key: str  # CSS modifier of the badge
    label: str


def stale_label() -> str:
    return _("Geen update sinds %(days)d dagen") % {"days": STALE_AFTER_DAYS}


def action_flags(action: Action, today: date) -> list[Flag]:
    """Signals on an action: overdue, stale (no update in STALE_AFTER_DAYS), not weighed.

    Needs ``last_update_on`` (``ActionQuerySet.with_last_update``) on the action.
    """
    flags = []
    if action.list != ActionList.GEREED:
        if action.due_date is not None and action.due_date < today:
            flags.append(Flag("verstreken", _("Termijn verstreken")))
        last = getattr(action, "last_update_on", None)
        if last is not None and last < today - timedelta(days=STALE_AFTER_DAYS):
            flags.append(Flag("stil", stale_label()))
    if action.list == ActionList.VOORRAAD and not action.is_weighed:
        flags.append(Flag("ongewogen", _("Niet gewogen")))
    return flags


def themes_region_first(region: Region):
    """All themes, the region's own themes first."""
    own = RegionTheme.objects.filter(region=region, theme=OuterRef("pk"))
    return Theme.objects.annotate(in_region=Exists(own)).order_by(
        "-in_region", "-national_priority", "order", "name"
    )


def trekker_choices(region: Region, *, include_pk: int | None = None):
    """Memberships that can make someone bestuurlijk trekker: an administrator's current seat
    in an active body of the region (plus the action's present trekker, so that an edit does
    not silently drop it; the service refuses it if it no longer qualifies)."""
    today = timezone.localdate()
    eligible = (
        Q(body__status=BodyStatus.ACTIEF, person__office__in=ADMINISTRATOR_OFFICES)
        & (Q(start__isnull=True) | Q(start__lte=today))
        & (Q(end__isnull=True) | Q(end__gt=today))
    )
    if include_pk:
        eligible |= Q(pk=include_pk)
    return (
        Membership.objects.filter(body__region=region)
        .filter(eligible)
        .select_related("person", "body")
        .order_by("person__name", "body__name")
    )


def trekker_label(membership: Membership) -> str:
    """'Naam — rol, gremium'."""
    who = membership.person.name if membership.person_id else membership.member_display
    return f"{who} — {membership.get_role_display().lower()}, {membership.body.name}"


# Filters


class WerkagendaFilterForm(forms.Form):
    """The board's filters; invalid values are shown as an error and otherwise ignored."""

    thema = forms.ModelChoiceField(
        label=gettext_lazy("Thema"),
        required=False,
        queryset=Theme.objects.all(),
        empty_label=gettext_lazy("Alle thema's"),
    )
    gremium = forms.ModelChoiceField(
        label=gettext_lazy("Eigenaar (gremium)"),
        required=False,
        queryset=Body.objects.none(),
        empty_label=gettext_lazy("Alle gremia"),
    )

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gremium"].queryset = Body.objects.filter(region=region).order_by(
            "status", "name"
        )


class ActionFilterForm(WerkagendaFilterForm):
    """The table's (and the CSV's) filters."""

    trekker = forms.ModelChoiceField(
        label=gettext_lazy("Bestuurlijk trekker"),
        required=False,
        queryset=Person.objects.none(),
        empty_label=gettext_lazy("Alle trekkers"),
    )
    lijst = forms.ChoiceField(
        label=gettext_lazy("Lijst"),
        required=False,
        choices=[("", gettext_lazy("Alle lijsten")), *ActionList.choices],
    )
    achterstallig = forms.BooleanField(
        label=gettext_lazy("Alleen met verstreken termijn"), required=False
    )
    stil = forms.BooleanField(
        label=gettext_lazy("Alleen zonder recente update"),
        required=False,
    )

    field_order = ["thema", "trekker", "gremium", "lijst", "achterstallig", "stil"]

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, region=region, **kwargs)
        self.fields["stil"].label = _("Alleen zonder update in %(days)d dagen") % {
            "days": STALE_AFTER_DAYS
        }
        self.fields["trekker"].queryset = Person.objects.filter(
            region=region, memberships__trekker_of__isnull=False
        ).distinct()


def _valid_filters(form: forms.Form) -> dict:
    """The filter values that are valid; an invalid one is ignored (its error is shown)."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return {key: value for key, value in form.cleaned_data.items() if value}


def _apply(qs, data: dict, today: date):
    if data.get("thema"):
        qs = qs.filter(theme=data["thema"])
    if data.get("gremium"):
        qs = qs.filter(owning_body=data["gremium"])
    if data.get("trekker"):
        qs = qs.filter(trekker__person=data["trekker"])
    if data.get("lijst"):
        qs = qs.filter(list=data["lijst"])
    if data.get("achterstallig"):
        qs = qs.exclude(list=ActionList.GEREED).filter(due_date__lt=today)
    if data.get("stil"):
        cutoff = today - timedelta(days=STALE_AFTER_DAYS)
        qs = qs.exclude(list=ActionList.GEREED).filter(last_update_on__lt=cutoff)
    return qs


def _actions(region: Region):
    # One query: the last update and the weighing are annotations; the people and bodies on a
    # card come through joins.
    return (
        Action.objects.in_region(region)
        .with_last_update()
        .with_score()
        .select_related("theme", "trekker__person", "trekker__body", "owning_body", "owner")
    )


def _prepare(actions: list[Action], region: Region, today: date) -> None:
    """Attach the region (links cost no query) and the flags."""
    for action in actions:
        action.region = region
        action.flags = action_flags(action, today)
    attach_region([a.owning_body for a in actions], region)
    attach_region([a.trekker.body for a in actions if a.trekker_id], region)


def werkagenda_board(region: Region, params, *, today: date | None = None) -> dict:
    """The three lists, ordered as the table works with them. Three queries plus the filter
    form's choices."""
    today = today or timezone.localdate()
    form = WerkagendaFilterForm(params or None, region=region)
    data = _valid_filters(form)
    cutoff = today - timedelta(days=GEREED_ON_BOARD_DAYS)
    actions = list(
        _apply(_actions(region), data, today).filter(
            ~Q(list=ActionList.GEREED) | Q(list_since__gte=cutoff)
        )
    )
    _prepare(actions, region, today)
    older_gereed = _apply(
        Action.objects.in_region(region).filter(list=ActionList.GEREED, list_since__lt=cutoff),
        data,
        today,
    ).count()

    by_list: dict[str, list[Action]] = {key: [] for key in ActionList.values}
    for action in actions:
        by_list[action.list].append(action)
    by_list[ActionList.VOORRAAD].sort(
        key=lambda a: (a.weighing is None, -(a.weighing or 0), a.title.casefold())
    )
    by_list[ActionList.ACTIE].sort(
        key=lambda a: (a.due_date is None, a.due_date or date.max, a.title.casefold())
    )
    gereed = sorted(by_list[ActionList.GEREED], key=lambda a: a.title.casefold())
    by_list[ActionList.GEREED] = sorted(gereed, key=lambda a: a.list_since, reverse=True)

    columns = []
    for key in ActionList.values:
        others = [k for k in ActionList.values if k != key]
        columns.append(
            {
                "key": key,
                **LIST_INFO[key],
                "actions": by_list[key],
                "moves": [(k, LIST_INFO[k]["name"]) for k in others],
            }
        )
    return {
        "filter_form": form,
        "filtered": bool(data),
        "columns": columns,
        "older_gereed": older_gereed,
        "gereed_cutoff": cutoff,
        "stale_label": stale_label(),
    }


def action_rows(
    region: Region, params, *, today: date | None = None, with_knelpunten: bool = False
) -> dict:
    """The filterable table (and the CSV): every action of the region that matches."""
    today = today or timezone.localdate()
    form = ActionFilterForm(params or None, region=region)
    data = _valid_filters(form)
    list_rank = Case(
        *[When(list=key, then=Value(rank)) for key, rank in LIST_ORDER.items()],
        output_field=IntegerField(),
    )
    qs = (
        _apply(_actions(region), data, today)
        .prefetch_related(Prefetch("coalition", queryset=Organisation.objects.order_by("name")))
        .annotate(list_rank=list_rank)
        .order_by("list_rank", "due_date", "title")
    )
    if with_knelpunten:
        qs = qs.prefetch_related(
            Prefetch("knelpunten", queryset=Knelpunt.objects.order_by("title"))
        )
    actions = list(qs)
    _prepare(actions, region, today)
    return {"filter_form": form, "filtered": bool(data), "actions": actions}


CSV_HEADER = [
    gettext_lazy("Titel"),
    gettext_lazy("Lijst"),
    gettext_lazy("Op deze lijst sinds"),
    gettext_lazy("Thema"),
    gettext_lazy("Bestuurlijk trekker"),
    gettext_lazy("Actiehouder"),
    gettext_lazy("Eigenaar (gremium)"),
    gettext_lazy("Coalitie"),
    gettext_lazy("Knelpunten"),
    gettext_lazy("Termijn"),
    gettext_lazy("Laatste update"),
    gettext_lazy("Signalen"),
    gettext_lazy("Belang en urgentie"),
    gettext_lazy("Uitvoerbaarheid"),
    gettext_lazy("Impact op de praktijk"),
    gettext_lazy("Score"),
    gettext_lazy("Reden van afsluiten"),
    gettext_lazy("Herkomst"),
    gettext_lazy("Beschrijving"),
]


def werkagenda_csv_rows(region: Region, params, *, today: date | None = None) -> list[list]:
    """Header and one row per action (``csv_response`` defuses formulas)."""
    actions = action_rows(region, params, today=today, with_knelpunten=True)["actions"]
    rows: list[list] = [[str(h) for h in CSV_HEADER]]
    for a in actions:
        row = [
            a.title,
            a.get_list_display(),
            csv_date(a.list_since),
            a.theme.name if a.theme_id else "",
            trekker_label(a.trekker) if a.trekker_id else "",
            a.owner.name if a.owner_id else "",
            a.owning_body.name if a.owning_body_id else "",
            ", ".join(o.name for o in a.coalition.all()),
            ", ".join(k.title for k in a.knelpunten.all()),
            csv_date(a.due_date),
            csv_date(a.last_update_on),
            ", ".join(f.label for f in a.flags),
            a.importance or "",
            a.feasibility or "",
            a.impact or "",
            a.weighing if a.weighing is not None else "",
            a.get_closed_reason_display() if a.closed_reason else "",
            a.get_origin_display() if a.origin else "",
            a.description,
        ]
        rows.append(row)
    return rows
