from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = "Governance-register"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The sections of the region exchange that hold governance's own data; the apps
        # above governance register theirs in their ready() (governance.exchange.sections).
        from governance.exchange.meetings import MEETINGS
        from governance.exchange.sections import register_section
        from governance.exchange.werkagenda import ACTIONS, KNELPUNTEN

        for section in (KNELPUNTEN, ACTIONS, MEETINGS):
            register_section(section)
