"""Keys this app keeps in the session. One place, so the sign-in routes, the second-factor
check and the session list agree on their meaning."""

#: How the session was signed in: ``"password"``, ``"passkey"`` or ``"oidc:<provider key>"``.
LOGIN_ROUTE = "_zv_login_route"

#: True once a second factor is verified for this session: by the portal (TOTP, recovery code,
#: passkey) or vouched for by the OpenID Connect provider (its ``amr``/``acr`` claim).
SECOND_FACTOR_VERIFIED = "_zv_mfa"

#: How the second factor was given: ``"totp"``, ``"recovery"``, ``"passkey"`` or ``"provider"``.
SECOND_FACTOR_METHOD = "_zv_mfa_method"

#: OpenID Connect tokens of the session (dict: provider, id_token, refresh_token, expires_at).
OIDC_TOKENS = "_zv_oidc"

ROUTE_PASSWORD = "password"
ROUTE_PASSKEY = "passkey"
ROUTE_OIDC_PREFIX = "oidc:"


def route_label(route: str | None) -> str:
    """The Dutch name of a sign-in route, for the session list and the audit log."""
    if not route:
        return "onbekend"
    if route == ROUTE_PASSWORD:
        return "wachtwoord"
    if route == ROUTE_PASSKEY:
        return "passkey"
    if route.startswith(ROUTE_OIDC_PREFIX):
        return f"eenmalige aanmelding ({route[len(ROUTE_OIDC_PREFIX) :]})"
    return route
