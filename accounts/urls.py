"""Account pages (no namespace prefix in the names would clash with core's: they use
``accounts:``)."""

from django.urls import path

from accounts.oidc import views as oidc_views

app_name = "accounts"

urlpatterns: list = [
    # Single sign-on (OpenID Connect), docs/sso.md
    path("sso/<str:provider>/", oidc_views.oidc_login, name="oidc_login"),
    path("sso/<str:provider>/terug/", oidc_views.oidc_callback, name="oidc_callback"),
    path(
        "sso/<str:provider>/backchannel-logout/",
        oidc_views.backchannel_logout,
        name="oidc_backchannel_logout",
    ),
    path("uitloggen/", oidc_views.logout, name="logout"),
    path("beheer/koppelingen/", oidc_views.link_requests, name="oidc_link_requests"),
    path("beheer/koppelingen/<int:pk>/", oidc_views.link_decide, name="oidc_link_decide"),
]
