from django.apps import AppConfig


class ChecklistConfig(AppConfig):
    name = "checklist"
    verbose_name = "Beleidstheorie-checklist"
    default_auto_field = "django.db.models.BigAutoField"
