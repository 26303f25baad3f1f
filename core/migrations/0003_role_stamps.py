"""The role stamp per user (``core.RoleStamp``): the table, and the triggers that keep it.

Every write (INSERT, UPDATE, DELETE) to ``core_roleassignment`` sets the stamp of the user it
belongs to (before and after an UPDATE: both users) to a fresh random positive 63-bit number, in
the writing transaction. So does a change of a region's name or slug, for every user with a
role there, and any new, renamed or deleted region for every VNG advisor: the header's region
switcher shows those regions, and it is kept with the roles (``core.roles.kept_with_roles``). Values
never come back, also not after a rollback: on PostgreSQL the low 32 bits come from a sequence
(which no rollback resets) and the high 31 from random(); on SQLite the whole value is random()
— as the region stamps (governance/migrations/0009_region_stamps.py).

Only an INSERT (or an UPDATE's new user) creates a row; an UPDATE's old user and a DELETE only
move an existing one. So deleting a user, which deletes their stamp row and their roles in one
transaction in either order, never leaves a row behind for a user that is gone.

Every user who holds a role gets a row here (the backfill), so a user without a row has none.

SQLite caution: a later migration that makes Django rebuild ``core_roleassignment`` or the
region table drops these triggers and must install them again;
tests/core/test_role_stamps.py sees them missing.
"""

from django.conf import settings
from django.db import migrations, models

SEQUENCE = "core_rolestamp_seq"
PG_VALUE = f"((floor(random() * 2147483648)::bigint << 32) | (nextval('{SEQUENCE}') & 4294967295))"
SQLITE_VALUE = "(random() & 9223372036854775807)"
ASSIGNMENTS = "core_roleassignment"
STAMPS = "core_rolestamp"
#: The names of the triggers (SQLite: one per event) and PostgreSQL's functions.
ON_ASSIGNMENT = "zv_rolestamp_assignment"
ON_REGION = "zv_rolestamp_region"
VNG_ADVISOR = "vng_advisor"  # core.constants.Role.VNG_ADVISOR, frozen here


def _region_table(apps) -> str:
    return apps.get_model(settings.ZV_REGION_MODEL)._meta.db_table


def _move_region_holders(value: str, row: str) -> str:
    return (
        f"UPDATE {STAMPS} SET stamp = {value} WHERE user_id IN"
        f" (SELECT a.user_id FROM {ASSIGNMENTS} a WHERE a.region_id = {row}.id);"
    )


def _move_advisors(value: str) -> str:
    return (
        f"UPDATE {STAMPS} SET stamp = {value} WHERE user_id IN"
        f" (SELECT a.user_id FROM {ASSIGNMENTS} a WHERE a.role = '{VNG_ADVISOR}');"
    )


def _sql(vendor: str, region_table: str) -> list[str]:
    if vendor == "postgresql":
        v = PG_VALUE
        move_old = f"UPDATE {STAMPS} SET stamp = {v} WHERE user_id = OLD.user_id;"
        create_new = (
            f"INSERT INTO {STAMPS} (user_id, stamp) VALUES (NEW.user_id, {v})"
            " ON CONFLICT (user_id) DO UPDATE SET stamp = excluded.stamp;"
        )
        return [
            # owned by the table: dropping it (a restore with --replace) drops the sequence too
            f"CREATE SEQUENCE IF NOT EXISTS {SEQUENCE} OWNED BY {STAMPS}.user_id",
            f"CREATE FUNCTION {ON_ASSIGNMENT}() RETURNS trigger LANGUAGE plpgsql AS $body$"
            f" BEGIN IF TG_OP <> 'INSERT' THEN {move_old} END IF;"
            f" IF TG_OP <> 'DELETE' THEN {create_new} END IF; RETURN NULL; END $body$",
            f"CREATE TRIGGER {ON_ASSIGNMENT} AFTER INSERT OR UPDATE OR DELETE ON {ASSIGNMENTS}"
            f" FOR EACH ROW EXECUTE FUNCTION {ON_ASSIGNMENT}()",
            f"CREATE FUNCTION {ON_REGION}() RETURNS trigger LANGUAGE plpgsql AS $body$"
            f" BEGIN IF TG_OP = 'UPDATE' THEN {_move_region_holders(v, 'NEW')} END IF;"
            f" {_move_advisors(v)} RETURN NULL; END $body$",
            f"CREATE TRIGGER {ON_REGION}_upd AFTER UPDATE ON {region_table} FOR EACH ROW"
            " WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.slug IS DISTINCT FROM NEW.slug)"
            f" EXECUTE FUNCTION {ON_REGION}()",
            f"CREATE TRIGGER {ON_REGION}_insdel AFTER INSERT OR DELETE ON {region_table}"
            f" FOR EACH ROW EXECUTE FUNCTION {ON_REGION}()",
            f"INSERT INTO {STAMPS} (user_id, stamp)"
            f" SELECT u.user_id, {v} FROM (SELECT DISTINCT user_id FROM {ASSIGNMENTS}) u",
        ]
    if vendor == "sqlite":
        v = SQLITE_VALUE
        move_old = f"UPDATE {STAMPS} SET stamp = {v} WHERE user_id = OLD.user_id;"
        # "WHERE true" tells SQLite's parser that ON CONFLICT is the upsert clause.
        create_new = (
            f"INSERT INTO {STAMPS} (user_id, stamp) SELECT NEW.user_id, {v} WHERE true"
            " ON CONFLICT (user_id) DO UPDATE SET stamp = excluded.stamp;"
        )
        return [
            f"CREATE TRIGGER {ON_ASSIGNMENT}_ins AFTER INSERT ON {ASSIGNMENTS}"
            f" BEGIN {create_new} END",
            f"CREATE TRIGGER {ON_ASSIGNMENT}_upd AFTER UPDATE ON {ASSIGNMENTS}"
            f" BEGIN {move_old} {create_new} END",
            f"CREATE TRIGGER {ON_ASSIGNMENT}_del AFTER DELETE ON {ASSIGNMENTS}"
            f" BEGIN {move_old} END",
            f"CREATE TRIGGER {ON_REGION}_upd AFTER UPDATE ON {region_table}"
            " WHEN OLD.name IS NOT NEW.name OR OLD.slug IS NOT NEW.slug"
            f" BEGIN {_move_region_holders(v, 'NEW')} {_move_advisors(v)} END",
            f"CREATE TRIGGER {ON_REGION}_ins AFTER INSERT ON {region_table}"
            f" BEGIN {_move_advisors(v)} END",
            f"CREATE TRIGGER {ON_REGION}_del AFTER DELETE ON {region_table}"
            f" BEGIN {_move_advisors(v)} END",
            f"INSERT INTO {STAMPS} (user_id, stamp)"
            f" SELECT u.user_id, {v} FROM (SELECT DISTINCT user_id FROM {ASSIGNMENTS}) u",
        ]
    raise NotImplementedError(f"geen rolstempels voor database {vendor}")


def install(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for statement in _sql(connection.vendor, _region_table(apps)):
            cursor.execute(statement)


def uninstall(apps, schema_editor):
    connection = schema_editor.connection
    region_table = _region_table(apps)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER IF EXISTS {ON_ASSIGNMENT} ON {ASSIGNMENTS}")
            cursor.execute(f"DROP TRIGGER IF EXISTS {ON_REGION}_upd ON {region_table}")
            cursor.execute(f"DROP TRIGGER IF EXISTS {ON_REGION}_insdel ON {region_table}")
            cursor.execute(f"DROP FUNCTION IF EXISTS {ON_ASSIGNMENT}()")
            cursor.execute(f"DROP FUNCTION IF EXISTS {ON_REGION}()")
            cursor.execute(f"DROP SEQUENCE IF EXISTS {SEQUENCE}")
        else:
            for name in (f"{ON_ASSIGNMENT}_ins", f"{ON_ASSIGNMENT}_upd", f"{ON_ASSIGNMENT}_del"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            for name in (f"{ON_REGION}_upd", f"{ON_REGION}_ins", f"{ON_REGION}_del"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_cache_table"),
        migrations.swappable_dependency(settings.ZV_REGION_MODEL),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="RoleStamp",
            fields=[
                (
                    "user",
                    models.OneToOneField(
                        on_delete=models.deletion.CASCADE,
                        primary_key=True,
                        related_name="role_stamp",
                        serialize=False,
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                ("stamp", models.BigIntegerField()),
            ],
            options={"verbose_name": "rolstempel", "verbose_name_plural": "rolstempels"},
        ),
        migrations.RunPython(install, uninstall),
    ]
