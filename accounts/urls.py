"""Account pages (no namespace prefix in the names would clash with core's: they use
``accounts:``)."""

from django.urls import path

from accounts.twofactor import passkeys as passkey_views
from accounts.twofactor import views as twofactor_views

app_name = "accounts"

urlpatterns: list = [
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
