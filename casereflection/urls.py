from django.urls import path

from casereflection.views.conclusions import ConclusionAddView, ConclusionEditView
from casereflection.views.reflections import (
    PlannerView,
    ReflectionAddView,
    ReflectionAdvanceView,
    ReflectionCsvView,
    ReflectionDetailView,
    ReflectionEditView,
    ReflectionHistoryView,
    ReflectionListView,
)
from governance.pagecache import cached_page

app_name = "casereflection"

R = "regio/<slug:region>/reflecties/"

urlpatterns = [
    path(
        R,
        cached_page(ReflectionListView.as_view(), domains=("werkagenda", "reflecties")),
        name="reflection_list",
    ),
    path(R + "export.csv", ReflectionCsvView.as_view(), name="reflection_csv"),
    path(R + "rooster/", PlannerView.as_view(), name="reflection_planner"),
    path(R + "nieuw/", ReflectionAddView.as_view(), name="reflection_add"),
    path(R + "<int:pk>/", ReflectionDetailView.as_view(), name="reflection"),
    path(R + "<int:pk>/wijzigen/", ReflectionEditView.as_view(), name="reflection_edit"),
    path(R + "<int:pk>/status/", ReflectionAdvanceView.as_view(), name="reflection_advance"),
    path(R + "<int:pk>/historie/", ReflectionHistoryView.as_view(), name="reflection_history"),
    path(R + "<int:pk>/conclusies/nieuw/", ConclusionAddView.as_view(), name="conclusion_add"),
    path(R + "conclusies/<int:pk>/wijzigen/", ConclusionEditView.as_view(), name="conclusion_edit"),
]
