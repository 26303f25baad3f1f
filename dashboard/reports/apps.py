from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Printed reports (page + tagged PDF), a part of the top layer (see ``dashboard``)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "dashboard.reports"
    label = "reports"
    verbose_name = "Rapportages"

    def ready(self) -> None:
        from dashboard.reports import rules  # noqa: F401  (registers the permissions)
