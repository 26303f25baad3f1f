"""Reads of the knelpunten of a region: the filtered list per theme."""

from __future__ import annotations

from django import forms
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy

from governance.constants import KnelpuntStatus
from governance.models import Action, Knelpunt, Region, Theme
from governance.selectors.werkagenda import _valid_filters


class KnelpuntFilterForm(forms.Form):
    thema = forms.ModelChoiceField(
        label=gettext_lazy("Thema"),
        required=False,
        queryset=Theme.objects.all(),
        empty_label=gettext_lazy("Alle thema's"),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("Alle statussen")), *KnelpuntStatus.choices],
    )


def knelpunt_list(region: Region, params) -> dict:
    """The knelpuntenlijst per theme: two queries (knelpunten with theme, their actions)."""
    form = KnelpuntFilterForm(params or None)
    data = _valid_filters(form)
    qs = Knelpunt.objects.in_region(region).select_related("theme")
    if data.get("thema"):
        qs = qs.filter(theme=data["thema"])
    if data.get("status"):
        qs = qs.filter(status=data["status"])
    knelpunten = list(
        qs.prefetch_related(
            Prefetch(
                "actions",
                queryset=Action.objects.only("id", "title", "list", "region_id").order_by("title"),
            )
        ).order_by("-theme__national_priority", "theme__order", "theme__name", "title")
    )
    groups: list[dict] = []
    for knelpunt in knelpunten:
        if not groups or groups[-1]["theme"].pk != knelpunt.theme_id:
            groups.append({"theme": knelpunt.theme, "knelpunten": []})
        groups[-1]["knelpunten"].append(knelpunt)
    return {
        "filter_form": form,
        "filtered": bool(data),
        "groups": groups,
        "total": len(knelpunten),
    }
