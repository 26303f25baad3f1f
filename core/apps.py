from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The foundation: accounts and roles, history user, optimistic locking, uploads, CSV,
    links, error pages, template tags and the permission-matrix machinery. It imports no other
    app of the project."""

    name = "core"
    verbose_name = "Z+V Portaal"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from core import (
            checks,  # noqa: F401 (registers the system checks)
            lookups,  # noqa: F401  (registers IntegerFieldIn)
        )
        from core.middleware import mark_refreshed_at_login

        user_logged_in.connect(mark_refreshed_at_login, dispatch_uid="zv_session_refreshed")
