"""Structure overview (diagram + table, as on a date), structure checks, bestuurlijke drukte."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput
from governance import drukte
from governance.checks.base import CHECKS
from governance.checks.window import check_region
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
        snapshot = structure.structure_on(self.region, on)
        context["form"] = form
        context["on"] = on
        context["is_today"] = on == timezone.localdate()
        context["snapshot"] = snapshot
        context["rows"] = structure.structure_table(snapshot)
        context["legend"] = dot.legend_items()
        try:
            context["svg"] = render.structure_svg(snapshot, body_url=lambda b: b.get_absolute_url())
        except render.DiagramUnavailable as exc:
            context["svg_error"] = str(exc)
        return context


class ChecksView(RegionView):
    template_name = "governance/checks.html"
    section = "controles"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        checks = check_region(self.region)
        context["checks"] = checks
        context["findings"] = checks.findings
        context["notices"] = checks.notices
        context["today"] = timezone.localdate()
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
