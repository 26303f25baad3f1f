from django.urls import path

from dashboard.reports import views

app_name = "reports"

R = "regio/<slug:region>/rapportages/"


def both(route: str, view, name: str) -> list:
    return [
        path(R + route, view.as_view(), name=name),
        path(R + route + "pdf/", view.as_view(pdf=True), name=f"{name}_pdf"),
    ]


urlpatterns = [
    path(R, views.ReportIndex.as_view(), name="index"),
    *both("werkagenda/", views.WerkagendaReport, "werkagenda"),
    *both("voortgang/", views.VoortgangReport, "voortgang"),
    *both("structuur/", views.StructuurReport, "structuur"),
    *both("bespreekvoorstel/<int:pk>/", views.BespreekvoorstelReport, "bespreekvoorstel"),
    *both("vergadervoorbereiding/<int:pk>/", views.VoorbereidingReport, "voorbereiding"),
    *both("besluitenlijst/<int:pk>/", views.BesluitenlijstReport, "besluitenlijst"),
    *both("verslag/<int:pk>/", views.VerslagReport, "verslag"),
]
