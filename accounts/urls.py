"""Account pages (no namespace prefix in the names would clash with core's: they use
``accounts:``)."""

from django.urls import path

from accounts import views_admin, views_audit, views_sessions
from accounts.oidc import views as oidc_views
from accounts.twofactor import passkeys as passkey_views
from accounts.twofactor import views as twofactor_views

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
    # Second factor (docs/2fa.md)
    path("tweede-factor/", twofactor_views.overview, name="mfa"),
    path("tweede-factor/app/", twofactor_views.totp_setup, name="mfa_totp_setup"),
    path("tweede-factor/controle/", twofactor_views.verify, name="mfa_verify"),
    path("tweede-factor/herstelcodes/", twofactor_views.recovery, name="mfa_recovery"),
    path("tweede-factor/verwijderen/", twofactor_views.remove, name="mfa_remove"),
    path("beheer/<int:pk>/tweede-factor/herstellen/", twofactor_views.reset, name="mfa_reset"),
    path("passkeys/nieuw/", passkey_views.add, name="passkey_add"),
    path("passkeys/nieuw/opties/", passkey_views.add_options, name="passkey_add_options"),
    path("passkeys/nieuw/opslaan/", passkey_views.add_complete, name="passkey_add_complete"),
    path("passkeys/<int:pk>/verwijderen/", passkey_views.remove, name="passkey_remove"),
    path("passkeys/aanmelden/opties/", passkey_views.auth_options, name="passkey_auth_options"),
    path("passkeys/aanmelden/", passkey_views.auth_complete, name="passkey_auth_complete"),
]
