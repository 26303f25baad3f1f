from django.apps import AppConfig


class ChecklistConfig(AppConfig):
    name = "checklist"
    verbose_name = "Beleidstheorie-checklist"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from checklist import demo
        from checklist.exchange import CHECKLIST
        from governance.demo import demo_regions_built
        from governance.exchange.sections import register_section

        demo_regions_built.connect(demo.on_demo_regions_built, dispatch_uid="checklist-demo")
        # The checklist's section of the region exchange format (part "checklist").
        register_section(CHECKLIST)
