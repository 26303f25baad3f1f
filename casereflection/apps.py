from django.apps import AppConfig


class CasereflectionConfig(AppConfig):
    name = "casereflection"
    verbose_name = "Casusreflectie"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from casereflection import followup
        from checklist.evidence.base import register_provider

        # A4.1 and A4.2 of the checklist: facts from the reflections held.
        register_provider("casereflection", followup.checklist_facts)

        # Retention (docs/privacy.md): case texts redacted after the period.
        from casereflection.retention import CASE_TEXTS
        from core.retention import register_kind

        register_kind(CASE_TEXTS)
