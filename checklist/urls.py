from checklist.views import assessments, comparison, snapshots

app_name = "checklist"

urlpatterns = assessments.urlpatterns + snapshots.urlpatterns + comparison.urlpatterns
