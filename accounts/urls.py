"""Account pages (no namespace prefix in the names would clash with core's: they use
``accounts:``)."""

from django.urls import path

from accounts.oidc import views as oidc_views
from accounts import views_admin, views_audit, views_sessions

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
    # The user's own sessions
    path("sessies/", views_sessions.sessions, name="sessions"),
    path(
        "sessies/elders-uitloggen/",
        views_sessions.sessions_end_others,
        name="sessions_end_others",
    ),
    path("sessies/<int:pk>/beeindigen/", views_sessions.session_end, name="session_end"),
    # Account management (functioneel beheerder)
    path("beheer/", views_admin.account_list, name="account_list"),
    path("beheer/deactiveren/", views_admin.accounts_deactivate, name="accounts_deactivate"),
    path("beheer/<int:pk>/", views_admin.account_detail, name="account_detail"),
    path(
        "beheer/<int:pk>/rol/<int:role_pk>/intrekken/",
        views_admin.role_remove,
        name="role_remove",
    ),
    path("beheer/<int:pk>/activeren/", views_admin.account_activate, name="account_activate"),
    path(
        "beheer/<int:pk>/deactiveren/",
        views_admin.account_deactivate,
        name="account_deactivate",
    ),
    # The audit log
    path("auditlog/", views_audit.audit_log, name="audit_log"),
    path("auditlog/csv/", views_audit.audit_log_csv, name="audit_log_csv"),
]
