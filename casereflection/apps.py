from django.apps import AppConfig


class CasereflectionConfig(AppConfig):
    name = "casereflection"
    verbose_name = "Casusreflectie"
    default_auto_field = "django.db.models.BigAutoField"
