from django.apps import AppConfig


class ZvPortalConfig(AppConfig):
    name = "zv_portal"
    verbose_name = "Z+V Portaal"
    default_auto_field = "django.db.models.BigAutoField"
