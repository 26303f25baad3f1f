from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("meldingen/", views.PreferencesView.as_view(), name="settings"),
    path("bereikbaarheid/", views.reachability, name="reachability"),
]
