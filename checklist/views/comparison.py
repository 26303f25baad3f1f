"""The VNG comparison (all regions by name: VNG advisors and beheer) with its CSV, and a
region's benchmark against the national distribution (readers of the region; no other region's
name appears on it)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils import timezone
from django.views.generic import TemplateView

from checklist.selectors import comparison as selectors
from core.csv_export import csv_response
from governance.pagecache import cached_page
from governance.selectors.health import regions_health
from governance.views.base import RegionView

R = "regio/<slug:region>/"


class NationalView(TemplateView):
    """Pages across regions: the permission has no object (no region)."""

    permission = "checklist.view_comparison"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ComparisonView(NationalView):
    template_name = "checklist/comparison.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.comparison(self.request.user, self.request.GET))
        context["csv_query"] = self.request.GET.urlencode()
        # The health of each region's tables: numbers only (never agendas, stukken, notes or
        # minutes). Three queries at any number of regions.
        health = regions_health([row.region.pk for row in context["rows"]])
        context["health_rows"] = [(row.region, health[row.region.pk]) for row in context["rows"]]
        return context


class ComparisonCsvView(NationalView):
    """The heat map for Excel: UTF-8 with BOM, ';' as separator, dd-mm-jjjj."""

    def get(self, request, *args, **kwargs):
        today = timezone.localdate()
        rows = selectors.comparison_csv_rows(request.user, request.GET)
        return csv_response(f"vergelijking-checklist-{today:%Y-%m-%d}.csv", rows)


class RegionBenchmarkView(RegionView):
    template_name = "checklist/region_benchmark.html"
    permission = "checklist.view_checklist"
    section = "checklist"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.region_benchmark(self.region, self.request.GET))
        return context


urlpatterns = [
    path(
        "vergelijking/",
        cached_page(
            ComparisonView.as_view(),
            domains=("werkagenda", "vergaderingen", "checklist"),
            scope="national",
        ),
        name="comparison",
    ),
    path("vergelijking.csv", ComparisonCsvView.as_view(), name="comparison_csv"),
    path(R + "checklist/landelijk/", RegionBenchmarkView.as_view(), name="region_benchmark"),
]
