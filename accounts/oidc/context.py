"""Template context: the sign-in options (the login page's provider buttons)."""

from django.conf import settings


def sso(request) -> dict:
    providers = getattr(settings, "OIDC_PROVIDERS", {}) or {}
    return {
        "sso_providers": list(providers.values()),
        "password_login": getattr(settings, "ZV_PASSWORD_LOGIN", True),
    }
