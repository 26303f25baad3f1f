"""Sign-in, password, accessibility statement and health check (no namespace: Django's
``login`` and friends are looked up by these names)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from core import views

urlpatterns = [
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
]
