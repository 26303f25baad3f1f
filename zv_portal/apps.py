from django.apps import AppConfig


class ZvPortalConfig(AppConfig):
    name = "zv_portal"
    verbose_name = "Z+V Portaal"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from zv_portal.middleware import mark_refreshed_at_login

        user_logged_in.connect(mark_refreshed_at_login, dispatch_uid="zv_session_refreshed")
