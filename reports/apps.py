from django.apps import AppConfig


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = "Rapportages"

    def ready(self) -> None:
        from reports import rules  # noqa: F401  (registers the permissions)
