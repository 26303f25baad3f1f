"""The change stamp per region (issue 22): the table, and the triggers that keep it.

Every write (INSERT, UPDATE, DELETE) to a table below sets one column of the region's row in
``governance_regionstamp`` to a fresh random positive 63-bit number, in the writing transaction.
Values never come back, also not after a rollback: on PostgreSQL the low 32 bits come from a
sequence (which no rollback resets) and the high 31 from random(); on SQLite the whole value is
random(). An UPDATE that moves a row to another region moves both regions' stamps.

The table list is FROZEN here (copied from ``governance/stamp_tables.py`` on the day this was
written): a migration must not import code that can change. A later migration that adds a
table to ``stamp_tables`` adds its triggers in the same way (copy ``_install_sql``);
``tests/governance/test_region_stamps.py`` fails until it does.

SQLite caution: when a later migration alters a stamped table, Django's SQLite schema editor may
rebuild the table (create, copy, drop, rename), which drops its triggers; that migration must
install them again. The test above sees the missing triggers.
"""

from django.db import migrations, models

# (table, column of governance_regionstamp, SQL for the region id of the row {row})
TABLES = (
    ("governance_region", "structuur", "{row}.id"),
    ("governance_framework", "structuur", "{row}.region_id"),
    ("governance_subregion", "structuur", "{row}.region_id"),
    ("governance_municipality", "structuur", "{row}.region_id"),
    ("governance_organisation", "structuur", "COALESCE({row}.region_id, 0)"),
    ("governance_regionpartner", "structuur", "{row}.region_id"),
    ("governance_person", "structuur", "{row}.region_id"),
    ("governance_theme", "structuur", "0"),
    ("governance_regiontheme", "structuur", "{row}.region_id"),
    ("governance_body", "structuur", "{row}.region_id"),
    (
        "governance_body_themes",
        "structuur",
        "(SELECT p.region_id FROM governance_body p WHERE p.id = {row}.body_id)",
    ),
    (
        "governance_mandate",
        "structuur",
        "(SELECT p.region_id FROM governance_body p WHERE p.id = {row}.body_id)",
    ),
    (
        "governance_membership",
        "structuur",
        "(SELECT p.region_id FROM governance_body p WHERE p.id = {row}.body_id)",
    ),
    (
        "governance_bodyrelation",
        "structuur",
        "(SELECT p.region_id FROM governance_body p WHERE p.id = {row}.source_id)",
    ),
    (
        "governance_costline",
        "structuur",
        "(SELECT p.region_id FROM governance_body p WHERE p.id = {row}.body_id)",
    ),
    ("governance_findinganswer", "structuur", "{row}.region_id"),
    ("core_roleassignment", "structuur", "COALESCE({row}.region_id, 0)"),
    ("governance_knelpunt", "werkagenda", "{row}.region_id"),
    ("governance_action", "werkagenda", "{row}.region_id"),
    (
        "governance_action_coalition",
        "werkagenda",
        "(SELECT p.region_id FROM governance_action p WHERE p.id = {row}.action_id)",
    ),
    (
        "governance_action_knelpunten",
        "werkagenda",
        "(SELECT p.region_id FROM governance_action p WHERE p.id = {row}.action_id)",
    ),
    (
        "governance_actionupdate",
        "voortgang",
        "(SELECT p.region_id FROM governance_action p WHERE p.id = {row}.action_id)",
    ),
    (
        "governance_meeting",
        "vergaderingen",
        "(SELECT p.region_id FROM governance_body p WHERE p.id = {row}.body_id)",
    ),
    (
        "governance_agendaitem",
        "vergaderingen",
        "(SELECT b.region_id FROM governance_meeting m JOIN governance_body b ON b.id = m.body_id WHERE m.id = {row}.meeting_id)",
    ),
    (
        "governance_document",
        "vergaderingen",
        "(SELECT b.region_id FROM governance_agendaitem a JOIN governance_meeting m ON m.id = a.meeting_id JOIN governance_body b ON b.id = m.body_id WHERE a.id = {row}.agenda_item_id)",
    ),
    (
        "governance_attendance",
        "vergaderingen",
        "(SELECT b.region_id FROM governance_meeting m JOIN governance_body b ON b.id = m.body_id WHERE m.id = {row}.meeting_id)",
    ),
    (
        "governance_agendachange",
        "vergaderingen",
        "(SELECT b.region_id FROM governance_meeting m JOIN governance_body b ON b.id = m.body_id WHERE m.id = {row}.meeting_id)",
    ),
    (
        "governance_minutes",
        "vergaderingen",
        "(SELECT b.region_id FROM governance_meeting m JOIN governance_body b ON b.id = m.body_id WHERE m.id = {row}.meeting_id)",
    ),
    (
        "governance_personalnote",
        "vergaderingen",
        "(SELECT b.region_id FROM governance_agendaitem a JOIN governance_meeting m ON m.id = a.meeting_id JOIN governance_body b ON b.id = m.body_id WHERE a.id = {row}.agenda_item_id)",
    ),
    ("checklist_framework", "checklist", "0"),
    ("checklist_itemgroup", "checklist", "0"),
    ("checklist_item", "checklist", "0"),
    ("checklist_assessment", "checklist", "{row}.region_id"),
    (
        "checklist_assessment_bodies",
        "checklist",
        "(SELECT p.region_id FROM checklist_assessment p WHERE p.id = {row}.assessment_id)",
    ),
    (
        "checklist_assessment_mandates",
        "checklist",
        "(SELECT p.region_id FROM checklist_assessment p WHERE p.id = {row}.assessment_id)",
    ),
    (
        "checklist_assessment_actions",
        "checklist",
        "(SELECT p.region_id FROM checklist_assessment p WHERE p.id = {row}.assessment_id)",
    ),
    ("checklist_assessmentproposal", "checklist", "{row}.region_id"),
    ("checklist_snapshot", "checklist", "{row}.region_id"),
    (
        "checklist_snapshotscore",
        "checklist",
        "(SELECT p.region_id FROM checklist_snapshot p WHERE p.id = {row}.snapshot_id)",
    ),
    ("casereflection_casereflection", "reflecties", "{row}.region_id"),
    (
        "casereflection_casereflection_themes",
        "reflecties",
        "(SELECT p.region_id FROM casereflection_casereflection p WHERE p.id = {row}.casereflection_id)",
    ),
    (
        "casereflection_casereflection_organisations",
        "reflecties",
        "(SELECT p.region_id FROM casereflection_casereflection p WHERE p.id = {row}.casereflection_id)",
    ),
    (
        "casereflection_casereflection_delegation",
        "reflecties",
        "(SELECT p.region_id FROM casereflection_casereflection p WHERE p.id = {row}.casereflection_id)",
    ),
    (
        "casereflection_conclusion",
        "reflecties",
        "(SELECT p.region_id FROM casereflection_casereflection p WHERE p.id = {row}.reflection_id)",
    ),
    (
        "casereflection_privacyexplanation",
        "reflecties",
        "(SELECT p.region_id FROM casereflection_casereflection p WHERE p.id = {row}.reflection_id)",
    ),
)

DOMAINS = ("structuur", "werkagenda", "voortgang", "vergaderingen", "checklist", "reflecties")

SEQUENCE = "governance_regionstamp_seq"
PG_VALUE = f"((floor(random() * 2147483648)::bigint << 32) | (nextval('{SEQUENCE}') & 4294967295))"
SQLITE_VALUE = "(random() & 9223372036854775807)"


def _name(table):
    return f"zv_stamp_{table}"


def _pg_install(table, column, expr):
    old = expr.format(row="OLD")
    new = expr.format(row="NEW")

    def bump(var):
        return (
            f"INSERT INTO governance_regionstamp (region_id, {column})"
            f" VALUES ({var}, {PG_VALUE})"
            f" ON CONFLICT (region_id) DO UPDATE SET {column} = excluded.{column};"
        )

    return [
        f"""CREATE FUNCTION {_name(table)}() RETURNS trigger LANGUAGE plpgsql AS $body$
DECLARE
    old_region bigint;
    new_region bigint;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        old_region := {old};
    END IF;
    IF TG_OP <> 'DELETE' THEN
        new_region := {new};
    END IF;
    IF old_region IS NOT NULL THEN
        {bump("old_region")}
    END IF;
    IF new_region IS NOT NULL AND new_region IS DISTINCT FROM old_region THEN
        {bump("new_region")}
    END IF;
    RETURN NULL;
END
$body$""",
        f"CREATE TRIGGER {_name(table)} AFTER INSERT OR UPDATE OR DELETE ON {table}"
        f" FOR EACH ROW EXECUTE FUNCTION {_name(table)}()",
    ]


def _pg_uninstall(table):
    return [
        f"DROP TRIGGER IF EXISTS {_name(table)} ON {table}",
        f"DROP FUNCTION IF EXISTS {_name(table)}()",
    ]


def _sqlite_install(table, column, expr):
    def trigger(event, regions):
        return (
            f"CREATE TRIGGER {_name(table)}_{event[:3].lower()} AFTER {event} ON {table} BEGIN"
            f" INSERT INTO governance_regionstamp (region_id, {column})"
            f" SELECT r, {SQLITE_VALUE} FROM ({regions}) WHERE r IS NOT NULL"
            f" ON CONFLICT (region_id) DO UPDATE SET {column} = excluded.{column};"
            f" END"
        )

    old = f"SELECT {expr.format(row='OLD')} AS r"
    new = f"SELECT {expr.format(row='NEW')} AS r"
    return [
        trigger("INSERT", new),
        # UNION, not UNION ALL: a row that stays in its region moves the stamp once.
        trigger("UPDATE", f"{old} UNION {new}"),
        trigger("DELETE", old),
    ]


def _sqlite_uninstall(table):
    return [f"DROP TRIGGER IF EXISTS {_name(table)}_{event}" for event in ("ins", "upd", "del")]


def _install_sql(vendor, tables):
    if vendor == "postgresql":
        return [sql for table, column, expr in tables for sql in _pg_install(table, column, expr)]
    if vendor == "sqlite":
        return [
            sql for table, column, expr in tables for sql in _sqlite_install(table, column, expr)
        ]
    raise NotImplementedError(f"geen wijzigingsstempels voor database {vendor}")


def _uninstall_sql(vendor, tables):
    if vendor == "postgresql":
        return [sql for table, _column, _expr in tables for sql in _pg_uninstall(table)]
    return [sql for table, _column, _expr in tables for sql in _sqlite_uninstall(table)]


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        if vendor == "postgresql":
            # Owned by the table: dropped with it (the reverse migration, a restore that drops
            # the tables before loading a backup).
            cursor.execute(
                f"CREATE SEQUENCE IF NOT EXISTS {SEQUENCE}"
                " OWNED BY governance_regionstamp.region_id"
            )
            value = PG_VALUE
        else:
            value = SQLITE_VALUE
        for sql in _install_sql(vendor, TABLES):
            cursor.execute(sql)
        # Backfill: a row for every region and the national row 0, each column a fresh value
        # (not 0, so that a cache filled before an earlier install can never match).
        columns = ", ".join(DOMAINS)
        values = ", ".join([value] * len(DOMAINS))
        cursor.execute(
            f"INSERT INTO governance_regionstamp (region_id, {columns})"
            f" SELECT r, {values} FROM (SELECT id AS r FROM governance_region UNION SELECT 0) s"
            f" WHERE true ON CONFLICT (region_id) DO NOTHING"
        )


def uninstall(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        for sql in _uninstall_sql(vendor, TABLES):
            cursor.execute(sql)
        if vendor == "postgresql":
            cursor.execute(f"DROP SEQUENCE IF EXISTS {SEQUENCE}")


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0008_evaluate_before"),
        # Triggers go on tables of these apps too.
        ("core", "0001_initial"),
        ("checklist", "0003_snapshot_frozen_by_name"),
        ("casereflection", "0001_reflections"),
    ]

    operations = [
        migrations.CreateModel(
            name="RegionStamp",
            fields=[
                ("region_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("structuur", models.BigIntegerField(db_default=0, default=0)),
                ("werkagenda", models.BigIntegerField(db_default=0, default=0)),
                ("voortgang", models.BigIntegerField(db_default=0, default=0)),
                ("vergaderingen", models.BigIntegerField(db_default=0, default=0)),
                ("checklist", models.BigIntegerField(db_default=0, default=0)),
                ("reflecties", models.BigIntegerField(db_default=0, default=0)),
            ],
            options={
                "verbose_name": "wijzigingsstempel",
                "verbose_name_plural": "wijzigingsstempels",
                "db_table": "governance_regionstamp",
            },
        ),
        migrations.RunPython(install, uninstall),
    ]
