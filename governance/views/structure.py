"""Structure overview (diagram + table, as on a date), structure checks, bestuurlijke drukte."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput
from governance import drukte
from governance.checks.base import CHECKS
from governance.checks.run import run_checks
from governance.diagram import dot, render, structure
from governance.views.base import RegionView


class OnDateForm(forms.Form):
    datum = forms.DateField(
        label=_("Stand op datum"),
        required=False,
        widget=DateInput(),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
    )


class SinceForm(forms.Form):
    sinds = forms.DateField(
        label=_("Vergelijk met"),
        required=False,
        widget=DateInput(),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
    )


class StructureView(RegionView):
    template_name = "governance/structure.html"
    section = "structuur"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = OnDateForm(self.request.GET or None)
        on = timezone.localdate()
        if form.is_valid() and form.cleaned_data["datum"]:
            on = form.cleaned_data["datum"]
        # ?weergave=kader draws the diagram per framework; anything else is the default view.
        view = structure.parse_view(self.request.GET.get("weergave"))
        snapshot = structure.structure_on(self.region, on)
        context["form"] = form
        context["on"] = on
        context["is_today"] = on == timezone.localdate()
        context["view"] = view
        context["view_label"] = structure.view_label(view)
        context["views"] = [
            {"key": key, "label": label, "query": self._query(key, on, context["is_today"])}
            for key, label in structure.VIEWS.items()
        ]
        context["report_query"] = self._report_query(view, on, context["is_today"])
        context["snapshot"] = snapshot
        context["summary"] = snapshot.summary(view)
        context["rows"] = structure.structure_table(snapshot)
        context["legend"] = dot.legend_items()
        context["level_legend"] = dot.level_legend_items()
        try:
            context["svg"] = render.structure_svg(
                snapshot, body_url=lambda b: b.get_absolute_url(), view=view
            )
        except render.DiagramUnavailable as exc:
            context["svg_error"] = str(exc)
        return context

    @staticmethod
    def _query(view: str, on, is_today: bool) -> str:
        params = {}
        if not is_today:
            params["datum"] = on.isoformat()
        if view != structure.DEFAULT_VIEW:
            params["weergave"] = view
        return "?" + urlencode(params) if params else ""

    @staticmethod
    def _report_query(view: str, on, is_today: bool) -> str:
        params = {}
        if not is_today:
            params["stand"] = on.isoformat()
        if view != structure.DEFAULT_VIEW:
            params["weergave"] = view
        return "?" + urlencode(params) if params else ""


class ChecksView(RegionView):
    template_name = "governance/checks.html"
    section = "controles"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["findings"] = run_checks(self.region)
        context["check_legend"] = CHECKS
        return context


class DrukteView(RegionView):
    template_name = "governance/drukte.html"
    section = "drukte"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SinceForm(self.request.GET or None)
        since = None
        if form.is_valid():
            since = form.cleaned_data["sinds"]
        figures = drukte.drukte_figures(self.region, since=since)
        context["form"] = form
        context["figures"] = figures
        context["rows"] = drukte.drukte_table_rows(figures)
        context["chart"] = drukte.drukte_chart_svg(figures)
        return context
