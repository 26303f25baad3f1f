from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Meldingen per e-mail"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Governance announces events through its own signals (it may not import this app);
        # the receivers turn them into mails. The checks refuse a production start without
        # a mail server or the portal's address.
        from governance.signals import action_holder_changed
        from notifications import checks  # noqa: F401 (registers the system checks)
        from notifications.receivers import on_action_holder_changed

        action_holder_changed.connect(
            on_action_holder_changed, dispatch_uid="notifications.action_holder"
        )
