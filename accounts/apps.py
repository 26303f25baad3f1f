from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Signing in and the account around it: single sign-on (OpenID Connect), the second
    factor (TOTP, recovery codes, passkeys), the user's sessions, account management by the
    functioneel beheerder, and the audit log. Sits on core; the domain apps write to its audit
    log (``accounts.audit.record``)."""

    name = "accounts"
    verbose_name = "Accounts en aanmelden"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from accounts import signals  # noqa: F401  (connects the audit and session receivers)
        from accounts.retention import AUDIT_LOG, LOGIN_RECORDS, SESSIONS
        from core.retention import register_kind

        register_kind(AUDIT_LOG)
        register_kind(LOGIN_RECORDS)
        register_kind(SESSIONS)
