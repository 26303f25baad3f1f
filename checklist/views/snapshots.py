"""Peilmomenten: the list with the progress chart, freezing one, one peilmoment, a comparison.

All are ``RegionView``s: the region via ``visible_to`` (404), a peilmoment looked up within the
region (404 for another region's id, also in the comparison's ``van``/``tot``), then the
django-rules permission (403). Freezing goes through ``checklist.services.snapshots``.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from checklist.charts import progress_chart_svg
from checklist.models import Snapshot
from checklist.selectors import snapshots as selectors
from checklist.services.snapshots import snapshot_freeze
from core.forms import DateInput
from governance.views.base import RegionView, run_service

R = "regio/<slug:region>/"


class SnapshotForm(forms.Form):
    date = forms.DateField(
        label=gettext_lazy("Peildatum"),
        widget=DateInput(),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        help_text=gettext_lazy("Vandaag of eerder; één peilmoment per dag."),
    )
    note = forms.CharField(
        label=gettext_lazy("Toelichting"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Bijvoorbeeld: besproken in de Stamtafel van deze datum."),
    )


class SnapshotView(RegionView):
    permission = "checklist.view_checklist"
    section = "checklist"

    def list_url(self) -> str:
        return reverse("checklist:snapshot_list", kwargs={"region": self.region.slug})

    def snapshot(self, pk) -> Snapshot:
        return get_object_or_404(
            Snapshot.objects.filter(region=self.region).select_related("frozen_by"), pk=pk
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_freeze"] = self.request.user.has_perm("checklist.freeze_snapshot", self.region)
        return context


class SnapshotListView(SnapshotView):
    template_name = "checklist/snapshot_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = selectors.snapshot_list(self.region)
        context.update(data)
        context["chart"] = progress_chart_svg(data["panels"], region_name=self.region.name)
        return context


class SnapshotAddView(SnapshotView):
    template_name = "checklist/snapshot_form.html"
    permission = "checklist.freeze_snapshot"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", SnapshotForm(initial={"date": timezone.localdate()}))
        context["cancel_url"] = self.list_url()
        return context

    def post(self, request, *args, **kwargs):
        form = SnapshotForm(request.POST)
        result = {}
        if form.is_valid():

            def freeze():
                result["snapshot"] = snapshot_freeze(
                    region=self.region,
                    date=form.cleaned_data["date"],
                    note=form.cleaned_data["note"],
                    user=request.user,
                )

            if run_service(form, freeze):
                snapshot = result["snapshot"]
                messages.success(
                    request,
                    _("Het peilmoment van %(date)s is vastgelegd.")
                    % {"date": snapshot.date.strftime("%d-%m-%Y")},
                )
                return HttpResponseRedirect(
                    reverse(
                        "checklist:snapshot",
                        kwargs={"region": self.region.slug, "obj": snapshot.pk},
                    )
                )
        return self.render_to_response(self.get_context_data(form=form), status=400)


class SnapshotDetailView(SnapshotView):
    template_name = "checklist/snapshot_detail.html"

    def resolve(self, **kwargs) -> None:
        super().resolve(**kwargs)
        self.object = self.snapshot(kwargs["obj"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["snapshot"] = self.object
        context.update(selectors.snapshot_detail(self.region, self.object))
        return context


class SnapshotCompareView(SnapshotView):
    template_name = "checklist/snapshot_compare.html"

    def resolve(self, **kwargs) -> None:
        super().resolve(**kwargs)
        self.van = self.tot = None
        params = self.request.GET
        if "van" in params or "tot" in params:
            # Ids of another region (or no id at all) do not exist here.
            try:
                van, tot = int(params.get("van", "")), int(params.get("tot", ""))
            except ValueError:
                raise Http404 from None
            self.van = self.snapshot(van)
            self.tot = self.snapshot(tot)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        choices = selectors.compare_choices(self.region)
        form = selectors.CompareForm(self.request.GET if self.van else None, snapshots=choices)
        context["compare_form"] = form
        context["snapshot_count"] = len(choices)
        if self.van is not None and form.is_valid():
            context["van"] = self.van
            context["tot"] = self.tot
            context["comparison"] = selectors.snapshot_compare(self.region, self.van, self.tot)
        return context


urlpatterns = [
    path(R + "peilmomenten/", SnapshotListView.as_view(), name="snapshot_list"),
    path(R + "peilmomenten/nieuw/", SnapshotAddView.as_view(), name="snapshot_add"),
    path(R + "peilmomenten/vergelijken/", SnapshotCompareView.as_view(), name="snapshot_compare"),
    path(R + "peilmomenten/<int:obj>/", SnapshotDetailView.as_view(), name="snapshot"),
]
