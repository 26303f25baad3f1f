from django.apps import AppConfig


class ChecklistConfig(AppConfig):
    name = "checklist"
    verbose_name = "Beleidstheorie-checklist"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from checklist.exchange import CHECKLIST
        from governance.exchange.sections import register_section

        # The checklist's section of the region exchange format (part "checklist").
        register_section(CHECKLIST)
