from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from zv_portal import views

urlpatterns = [
    path("", views.home, name="home"),
    path("rechten/", views.permissions, name="permissions"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    path("gezond/", views.health, name="health"),
    path(
        "account/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("account/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/wachtwoord/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "account/wachtwoord/gewijzigd/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("agenda-koppeling/", views.calendar, name="calendar"),
    path(
        "ical/<str:token>/mijn-vergaderingen.ics",
        views.calendar_feed_user,
        name="calendar_feed_user",
    ),
    path(
        "ical/<str:token>/gremium/<int:pk>.ics",
        views.calendar_feed_body,
        name="calendar_feed_body",
    ),
    path("voorbereiding/", views.preparation, name="preparation"),
    path(
        "regio/<slug:region>/vergaderingen/<int:pk>/voorbereiding/",
        views.meeting_preparation,
        name="meeting_preparation",
    ),
    path("beheer/", admin.site.urls),
    path("", include("governance.urls")),
    path("", include("checklist.urls")),
    path("", include("casereflection.urls")),
    path("", include("reports.urls")),
]

handler403 = "zv_portal.errors.forbidden"
handler404 = "zv_portal.errors.not_found"
handler500 = "zv_portal.errors.server_error"
