"""Roles (``RoleAssignment`` and its history), moved here from the former ``zv_portal`` app.

A database made before the move already has the tables ``zv_portal_roleassignment`` and
``zv_portal_historicalroleassignment`` with the roles in them. This migration then *adopts*
them — renames the tables and moves the content types (and so the admin permissions) to the
``core`` label — instead of creating empty ones; on a new database it creates them. The state
of the models is the same either way.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

LEGACY_APP = "zv_portal"
MODELS = ("roleassignment", "historicalroleassignment")


def adopt_or_create(apps, schema_editor):
    existing = set(schema_editor.connection.introspection.table_names())
    for name in MODELS:
        model = apps.get_model("core", name)
        legacy = f"{LEGACY_APP}_{name}"
        if legacy in existing:
            schema_editor.alter_db_table(model, legacy, model._meta.db_table)
        else:
            schema_editor.create_model(model)
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.using(schema_editor.connection.alias).filter(
        app_label=LEGACY_APP, model__in=MODELS
    ).update(app_label="core")


def drop(apps, schema_editor):
    for name in reversed(MODELS):
        schema_editor.delete_model(apps.get_model("core", name))


ROLE_CHOICES = [
    ("secretary", "Netwerksecretaris"),
    ("bestuurder", "Bestuurder"),
    ("participant", "Deelnemer"),
    ("vng_advisor", "VNG-adviseur"),
]


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.ZV_REGION_MODEL),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    state_operations = [
        migrations.CreateModel(
            name="HistoricalRoleAssignment",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("role", models.CharField(choices=ROLE_CHOICES, max_length=20, verbose_name="rol")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                ("history_type", models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1)),
                ("history_user", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                ("region", models.ForeignKey(blank=True, db_constraint=False, help_text="Leeg voor de landelijke rol VNG-adviseur.", null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name="+", to=settings.ZV_REGION_MODEL, verbose_name="regio")),
                ("user", models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="gebruiker")),
            ],
            options={
                "verbose_name": "historical roltoewijzing",
                "verbose_name_plural": "historical roltoewijzingen",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="RoleAssignment",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("role", models.CharField(choices=ROLE_CHOICES, max_length=20, verbose_name="rol")),
                ("region", models.ForeignKey(blank=True, help_text="Leeg voor de landelijke rol VNG-adviseur.", null=True, on_delete=django.db.models.deletion.CASCADE, related_name="role_assignments", to=settings.ZV_REGION_MODEL, verbose_name="regio")),
                ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="role_assignments", to=settings.AUTH_USER_MODEL, verbose_name="gebruiker")),
            ],
            options={
                "verbose_name": "roltoewijzing",
                "verbose_name_plural": "roltoewijzingen",
                "ordering": ["user__username", "role"],
                "constraints": [
                    models.UniqueConstraint(fields=("user", "role", "region"), name="unique_role_per_region"),
                    models.UniqueConstraint(condition=models.Q(("role", "vng_advisor")), fields=("user",), name="unique_vng_advisor"),
                    models.CheckConstraint(condition=models.Q(models.Q(("role", "vng_advisor"), ("region__isnull", True)), models.Q(models.Q(("role", "vng_advisor"), _negated=True), ("region__isnull", False)), _connector="OR"), name="region_matches_role"),
                ],
            },
        ),
    ]

    # First the models' state (no SQL), then the tables: RunPython sees the state before it,
    # so it must come after the state operations to find the models.
    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations),
        migrations.RunPython(adopt_or_create, drop),
    ]
