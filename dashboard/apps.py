from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """The top layer: pages that combine the domain apps (home, meeting preparation, calendar
    feeds, the Rechten page, the demo loader) and, in ``dashboard.reports``, their printed
    versions. It may import every app; no app imports it."""

    name = "dashboard"
    verbose_name = "Overzichten"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from dashboard.privacy import rules  # noqa: F401  (registers the permissions)
