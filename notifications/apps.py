from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Meldingen per e-mail"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Governance announces events through its own signals (it may not import this app);
        # the receivers turn them into mails. The checks refuse a production start without
        # a mail server or the portal's address.
        from checklist.signals import proposal_created
        from governance.signals import (
            absence_announced,
            action_holder_changed,
            agenda_changed,
            agenda_published,
            agenda_submitted,
            minutes_adopted,
        )
        from notifications import checks  # noqa: F401 (registers the system checks)
        from notifications.receivers import (
            on_absence_announced,
            on_action_holder_changed,
            on_agenda_changed,
            on_agenda_published,
            on_agenda_submitted,
            on_minutes_adopted,
            on_proposal_created,
        )

        action_holder_changed.connect(
            on_action_holder_changed, dispatch_uid="notifications.action_holder"
        )
        agenda_published.connect(on_agenda_published, dispatch_uid="notifications.agenda_published")
        agenda_submitted.connect(on_agenda_submitted, dispatch_uid="notifications.agenda_submitted")
        agenda_changed.connect(on_agenda_changed, dispatch_uid="notifications.agenda_changed")
        minutes_adopted.connect(on_minutes_adopted, dispatch_uid="notifications.minutes_adopted")
        absence_announced.connect(
            on_absence_announced, dispatch_uid="notifications.absence_announced"
        )
        proposal_created.connect(on_proposal_created, dispatch_uid="notifications.proposal_created")

        # Retention (docs/privacy.md): sent mails, digest lines, task results.
        from core.retention import register_kind
        from notifications.retention import SENT_MAIL, TASK_RESULTS

        register_kind(SENT_MAIL)
        register_kind(TASK_RESULTS)

        # The inzage and the erasure (AVG) read and clear this app's part through core.
        from core.personal_data import register_personal_data
        from notifications import personal_data

        register_personal_data(
            "notification_settings",
            "Meldingsvoorkeuren",
            personal_data.collect_preferences,
            personal_data.erase_settings,
        )
        register_personal_data("sent_mails", "Verzonden e-mails", personal_data.collect_sent_mails)
