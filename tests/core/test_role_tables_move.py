"""The roles moved from the former ``zv_portal`` app to ``core``: a database made before the
move keeps its roles (core's first migration adopts the old tables instead of creating empty
ones)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from core.models import RoleAssignment
from tests.factories import RegionFactory, RoleFactory, UserFactory

TABLES = {
    "core_roleassignment": "zv_portal_roleassignment",
    "core_historicalroleassignment": "zv_portal_historicalroleassignment",
}


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_move_keeps_its_roles():
    region = RegionFactory()
    role = RoleFactory(user=UserFactory(), role="secretary", region=region)
    history_rows = RoleAssignment.history.count()
    # Put the database in the state of before the move: the old tables, the old content
    # types, and core's migration not applied. Such a database is also from before the
    # region stamps (governance 0009 depends on core's migration and puts triggers on the
    # roles), so those go first.
    call_command("migrate", "governance", "0008_evaluate_before", verbosity=0)
    # ... and from before the role stamps, which hang triggers on the roles too.
    call_command("migrate", "core", "0002_cache_table", verbosity=0)
    with connection.schema_editor() as editor:
        for model in (RoleAssignment, RoleAssignment.history.model):
            editor.alter_db_table(model, model._meta.db_table, TABLES[model._meta.db_table])
    ContentType.objects.filter(app_label="core").update(app_label="zv_portal")
    MigrationRecorder(connection).migration_qs.filter(app="core").delete()
    assert "core_roleassignment" not in connection.introspection.table_names()

    call_command("migrate", "core", verbosity=0)
    call_command("migrate", verbosity=0)

    tables = set(connection.introspection.table_names())
    assert set(TABLES) <= tables and not set(TABLES.values()) & tables
    assert list(RoleAssignment.objects.values_list("pk", "role", "region")) == [
        (role.pk, "secretary", region.pk)
    ]
    assert RoleAssignment.history.count() == history_rows
    assert set(
        ContentType.objects.filter(model__endswith="roleassignment").values_list(
            "app_label", flat=True
        )
    ) == {"core"}
