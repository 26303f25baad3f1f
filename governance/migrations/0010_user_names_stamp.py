"""Pages show users' names (authors in the history, the header, role lists) and depend on their
beheer flags, so a change to those columns of ``auth_user`` moves the national row's
``structuur`` stamp — which every page key holds (docs/architecture.md, "What is kept between
requests"). Only when one of those columns really changes: signing in (``last_login``) or a new
password moves nothing. Inserting or deleting a user moves it too."""

from django.db import migrations

SEQUENCE = "governance_regionstamp_seq"
PG_VALUE = f"((floor(random() * 2147483648)::bigint << 32) | (nextval('{SEQUENCE}') & 4294967295))"
SQLITE_VALUE = "(random() & 9223372036854775807)"
COLUMNS = ("username", "first_name", "last_name", "email", "is_active", "is_staff", "is_superuser")
NAME = "zv_stamp_auth_user"


def _bump(value):
    return (
        f"INSERT INTO governance_regionstamp (region_id, structuur) VALUES (0, {value})"
        f" ON CONFLICT (region_id) DO UPDATE SET structuur = excluded.structuur;"
    )


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        if vendor == "postgresql":
            changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in COLUMNS)
            cursor.execute(
                f"CREATE FUNCTION {NAME}() RETURNS trigger LANGUAGE plpgsql AS $body$"
                f" BEGIN {_bump(PG_VALUE)} RETURN NULL; END $body$"
            )
            cursor.execute(
                f"CREATE TRIGGER {NAME}_upd AFTER UPDATE ON auth_user FOR EACH ROW"
                f" WHEN ({changed}) EXECUTE FUNCTION {NAME}()"
            )
            cursor.execute(
                f"CREATE TRIGGER {NAME}_insdel AFTER INSERT OR DELETE ON auth_user"
                f" FOR EACH ROW EXECUTE FUNCTION {NAME}()"
            )
        elif vendor == "sqlite":
            changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in COLUMNS)
            bump = _bump(SQLITE_VALUE).replace("VALUES (0,", "SELECT 0,").replace(
                ") ON CONFLICT", " WHERE true ON CONFLICT"
            )
            cursor.execute(
                f"CREATE TRIGGER {NAME}_upd AFTER UPDATE ON auth_user WHEN {changed}"
                f" BEGIN {bump} END"
            )
            for event in ("INSERT", "DELETE"):
                cursor.execute(
                    f"CREATE TRIGGER {NAME}_{event[:3].lower()} AFTER {event} ON auth_user"
                    f" BEGIN {bump} END"
                )
        else:
            raise NotImplementedError(f"geen wijzigingsstempels voor database {vendor}")


def uninstall(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER IF EXISTS {NAME}_upd ON auth_user")
            cursor.execute(f"DROP TRIGGER IF EXISTS {NAME}_insdel ON auth_user")
            cursor.execute(f"DROP FUNCTION IF EXISTS {NAME}()")
        else:
            for suffix in ("upd", "ins", "del"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {NAME}_{suffix}")


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0009_region_stamps"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
