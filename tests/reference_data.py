"""Reference data of the data migrations, for transactional tests that run after a flush."""


def restore_reference_data() -> None:
    """Transactional tests start from a flushed database: load the reference data of the data
    migrations again (the national themes, the checklist framework) when an earlier test
    emptied it, so that ``seed_demo`` finds them."""
    from importlib import import_module

    from django.apps import apps

    from checklist.models import Framework
    from governance.models import Theme

    if not Theme.objects.exists():
        import_module("governance.migrations.0002_reference_themes").load(apps, None)
    if Framework.current() is None:
        import_module("checklist.migrations.0002_framework_2020").create_framework(apps, None)
