"""The change stamp per region (issue 22): every table is classified, every stamped table has
its triggers, and every write path moves the right domain of the right region and no other
region's — on SQLite and PostgreSQL alike (run with DATABASE_URL for the latter)."""

import importlib

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse
from simple_history.models import HistoricalChanges

from governance.exchange import dump_region_json, import_region
from governance.models import (
    Action,
    Body,
    Knelpunt,
    Meeting,
    Municipality,
    Region,
    RegionStamp,
    Theme,
)
from governance.services.register import partner_add
from governance.services.werkagenda import action_progress
from governance.stamp_tables import (
    EXTERNAL_STAMPED,
    NOT_REGIONAL,
    STAMPED,
    project_apps,
    stamped_tables,
)
from governance.stamps import DOMAINS, national_stamp, region_stamps, stamps_for_regions
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    BodyFactory,
    CaseReflectionFactory,
    DocumentFactory,
    KnelpuntFactory,
    MeetingFactory,
    MunicipalityFactory,
    OrganisationFactory,
    RegionFactory,
    SubRegionFactory,
    UserFactory,
    any_theme,
)
from tests.governance.exchange_data import ALL_PARTS

pytestmark = pytest.mark.django_db

migration_0009 = importlib.import_module("governance.migrations.0009_region_stamps")


# --- helpers ---------------------------------------------------------------------------------


def _stamps(*region_ids):
    return {region_id: region_stamps(region_id) for region_id in region_ids}


def _moved(before, after):
    """The (region id, domain) pairs whose stamp differs."""
    return {
        (region_id, domain)
        for region_id in before
        for domain in DOMAINS
        if before[region_id][domain] != after[region_id][domain]
    }


class _Watch:
    """``with _Watch(region, other) as w: ...`` then ``w.moved``; row 0 is always watched."""

    def __init__(self, *regions):
        self.ids = [0, *(r if isinstance(r, int) else r.pk for r in regions)]

    def __enter__(self):
        self.before = _stamps(*self.ids)
        return self

    def __exit__(self, *exc):
        self.moved = _moved(self.before, _stamps(*self.ids))
        return False


def _project_tables():
    tables = set()
    for label in project_apps():
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            meta = model._meta
            if meta.proxy or not meta.managed or issubclass(model, HistoricalChanges):
                continue
            tables.add(meta.db_table)
    return tables


def _trigger_sql():
    """``{table: [trigger or function SQL, ...]}`` of the stamp triggers in the database."""
    found = {}
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT tbl_name, name, sql FROM sqlite_master"
                " WHERE type = 'trigger' AND name LIKE 'zv_stamp_%'"
            )
            for table, name, sql in cursor.fetchall():
                found.setdefault(table, []).append((name, sql))
        else:
            # tgtype bits: 1 row, 2 before, 4 insert, 8 delete, 16 update.
            cursor.execute(
                "SELECT c.relname, t.tgname, t.tgtype, pg_get_functiondef(t.tgfoid)"
                " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                " WHERE NOT t.tgisinternal AND t.tgname LIKE 'zv_stamp_%%'"
            )
            for table, name, tgtype, sql in cursor.fetchall():
                found.setdefault(table, []).append((f"{name}:{tgtype & 31}", sql))
    return found


# --- coverage --------------------------------------------------------------------------------


def test_every_table_of_the_project_is_stamped_or_said_not_to_be_regional():
    tables = _project_tables()
    stamped = [table for table, _domain, _expr in STAMPED]
    assert len(stamped) == len(set(stamped)), "a table is stamped twice"
    assert not set(stamped) & set(NOT_REGIONAL), "a table is both stamped and not regional"
    unclassified = tables - set(stamped) - set(NOT_REGIONAL)
    assert not unclassified, (
        f"classify these tables in governance/stamp_tables.py: {sorted(unclassified)}"
    )
    stale = (set(stamped) | set(NOT_REGIONAL)) - tables
    assert not stale, f"no such table any more: {sorted(stale)}"
    assert all(domain in DOMAINS for _table, domain, _expr in STAMPED)
    assert all(reason.strip() for reason in NOT_REGIONAL.values())


def test_every_stamped_table_has_its_triggers_in_the_database():
    found = _trigger_sql()
    missing = []
    for table, (domain, _expr) in stamped_tables().items():
        triggers = found.get(table, [])
        if connection.vendor == "sqlite":
            names = {name for name, _sql in triggers}
            expected = {f"zv_stamp_{table}_{event}" for event in ("ins", "upd", "del")}
        else:
            names = {name for name, _sql in triggers}
            # AFTER (no 2), FOR EACH ROW (1), INSERT (4), DELETE (8), UPDATE (16).
            expected = {f"zv_stamp_{table}:29"}
        if names != expected:
            missing.append((table, sorted(names)))
            continue
        for _name, sql in triggers:
            assert f"SET {domain} = excluded.{domain}" in sql, (table, domain)
    assert not missing, f"stamped tables without their triggers (add a migration): {missing}"
    expected_tables = set(stamped_tables()) | set(EXTERNAL_STAMPED)
    assert set(found) <= expected_tables, "triggers on a table no longer stamped"


def test_the_migration_installs_what_the_classification_says():
    """0009 froze the list of its day; a table added to stamp_tables since then needs a later
    migration (the test above sees its triggers missing)."""
    frozen = {table: (domain, expr) for table, domain, expr in migration_0009.TABLES}
    assert frozen.items() <= stamped_tables().items()
    assert tuple(migration_0009.DOMAINS) == DOMAINS


# --- the read API ----------------------------------------------------------------------------


def test_read_api_is_one_query_each(region, other_region, django_assert_num_queries):
    with django_assert_num_queries(1):
        one = region_stamps(region.pk)
    with django_assert_num_queries(1):
        many = stamps_for_regions([region.pk, other_region.pk, 987654])
    with django_assert_num_queries(1):
        national_stamp("structuur", "checklist")
    assert set(one) == set(DOMAINS) and one["structuur"] > 0
    assert many[region.pk] == one
    assert many[987654] == dict.fromkeys(DOMAINS, 0)


def test_a_new_region_writes_its_row_and_a_stamp_is_positive(db):
    region = RegionFactory()
    assert RegionStamp.objects.filter(region_id=region.pk).exists()
    assert 0 < region_stamps(region.pk)["structuur"] < 2**63


def test_national_stamp_moves_with_any_region_and_only_for_its_domains(region, other_region):
    structure, werkagenda = national_stamp("structuur"), national_stamp("werkagenda")
    KnelpuntFactory(region=other_region)
    assert national_stamp("werkagenda") != werkagenda
    assert national_stamp("structuur") == structure
    with pytest.raises(ValueError):
        national_stamp("onbekend")


# --- write paths -----------------------------------------------------------------------------


def test_a_service_moves_its_domain(region, other_region):
    action = ActionFactory(region=region)
    user = UserFactory()
    with _Watch(region, other_region) as w:
        action_progress(
            action=action,
            text="Gesprek gevoerd",
            due_date=action.due_date,
            seen_version=action.version,
            user=user,
        )
    assert w.moved == {(region.pk, "voortgang")}  # a note alone: the action is unchanged

    organisation = OrganisationFactory(region=region)
    with _Watch(region, other_region) as w:
        partner_add(region=region, organisation=organisation, user=user)
    assert w.moved == {(region.pk, "structuur")}


def test_the_admin_moves_the_stamp(client, region, other_region):
    municipality = MunicipalityFactory(region=region)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:governance_municipality_change", args=[municipality.pk])
    form = client.get(url).context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            value = ""
        data[name] = value
    data["name"] = "Nieuwe naam"

    with _Watch(region, other_region) as w:
        response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Municipality.objects.get(pk=municipality.pk).name == "Nieuwe naam"
    assert w.moved == {(region.pk, "structuur")}


def test_the_region_import_moves_the_new_regions_stamps_and_no_other(used_region, user):
    other = RegionFactory()
    data = dump_region_json(used_region, ALL_PARTS)
    with _Watch(used_region, other) as w:
        result = import_region(data=data, user=user, slug="kopie")
    new = region_stamps(result.region.pk)
    assert all(new[domain] for domain in ("structuur", "werkagenda", "vergaderingen"))
    assert not {(rid, d) for rid, d in w.moved if rid in (used_region.pk, other.pk)}


def test_queryset_update_bulk_create_and_bulk_update(region, other_region):
    knelpunt = KnelpuntFactory(region=region)
    with _Watch(region, other_region) as w:
        Knelpunt.objects.filter(pk=knelpunt.pk).update(title="Anders")
    assert w.moved == {(region.pk, "werkagenda")}

    theme = any_theme()
    with _Watch(region, other_region) as w:
        Knelpunt.objects.bulk_create(
            [Knelpunt(region=other_region, theme=theme, title=f"K{i}") for i in range(3)]
        )
    assert w.moved == {(other_region.pk, "werkagenda")}

    body = BodyFactory(region=region)
    body.name = "Hernoemd"
    with _Watch(region, other_region) as w:
        Body.objects.bulk_update([body], ["name"])
    assert w.moved == {(region.pk, "structuur")}


def test_an_update_that_moves_a_row_to_another_region_moves_both(region, other_region):
    municipality = MunicipalityFactory(region=region, sub_region=None)
    with _Watch(region, other_region) as w:
        Municipality.objects.filter(pk=municipality.pk).update(region=other_region)
    assert w.moved == {(region.pk, "structuur"), (other_region.pk, "structuur")}


def test_delete_moves_the_stamp_and_the_row_outlives_the_region(region, other_region):
    meeting = MeetingFactory(body=BodyFactory(region=region))
    DocumentFactory(agenda_item=AgendaItemFactory(meeting=meeting))
    with _Watch(region, other_region) as w:
        Meeting.objects.get(pk=meeting.pk).delete()
    assert w.moved == {(region.pk, "vergaderingen")}

    gone = RegionFactory()
    gone_id = gone.pk
    BodyFactory(region=gone)
    SubRegionFactory(region=gone)
    with _Watch(gone_id, other_region) as w:
        Region.objects.get(pk=gone_id).delete()
    assert w.moved == {(gone_id, "structuur")}
    assert RegionStamp.objects.filter(region_id=gone_id).exists()


def test_raw_sql_moves_the_stamp(region, other_region):
    body = BodyFactory(region=region)
    with _Watch(region, other_region) as w, connection.cursor() as cursor:
        cursor.execute("UPDATE governance_body SET name = %s WHERE id = %s", ["Rauw", body.pk])
    assert w.moved == {(region.pk, "structuur")}


def test_m2m_add_moves_the_stamp(region, other_region):
    body = BodyFactory(region=region)
    theme = any_theme()
    with _Watch(region, other_region) as w:
        body.themes.add(theme)
    assert w.moved == {(region.pk, "structuur")}

    action = ActionFactory(region=region)
    organisation = OrganisationFactory(region=region)
    with _Watch(region, other_region) as w:
        action.coalition.add(organisation)
    assert w.moved == {(region.pk, "werkagenda")}

    reflection = CaseReflectionFactory(region=region, sub_region=SubRegionFactory(region=region))
    with _Watch(region, other_region) as w:
        reflection.themes.add(theme)
    assert w.moved == {(region.pk, "reflecties")}


def test_reference_data_moves_the_national_row(region):
    with _Watch(region) as w:
        Theme.objects.create(name="Nieuw landelijk thema")
    assert w.moved == {(0, "structuur")}

    with _Watch(region) as w:
        OrganisationFactory(region=None)
    assert w.moved == {(0, "structuur")}


# --- rollback --------------------------------------------------------------------------------


class _Boom(Exception):
    pass


def test_a_rolled_back_write_leaves_the_stamp_and_its_value_never_returns(region):
    before = region_stamps(region.pk)
    with pytest.raises(_Boom), transaction.atomic():
        KnelpuntFactory(region=region)
        inside = region_stamps(region.pk)
        assert inside["werkagenda"] != before["werkagenda"]
        raise _Boom
    assert region_stamps(region.pk) == before

    KnelpuntFactory(region=region)
    after = region_stamps(region.pk)["werkagenda"]
    assert after not in (before["werkagenda"], inside["werkagenda"])


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_leaves_the_stamp():
    region = RegionFactory()
    before = region_stamps(region.pk)
    with pytest.raises(_Boom), transaction.atomic():
        Action.objects.create(region=region, title="Weg", theme=any_theme())
        inside = region_stamps(region.pk)
        raise _Boom
    assert region_stamps(region.pk) == before
    Action.objects.create(region=region, title="Blijft", theme=any_theme())
    assert region_stamps(region.pk)["werkagenda"] not in (
        before["werkagenda"],
        inside["werkagenda"],
    )


# --- the migration ---------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_runs_backwards_and_forwards():
    region = RegionFactory()
    call_command("migrate", "governance", "0008_evaluate_before", verbosity=0)
    try:
        assert "governance_regionstamp" not in connection.introspection.table_names()
        assert not _trigger_sql()
        # Without the triggers a write costs nothing extra and fails nowhere.
        Knelpunt.objects.create(region=region, theme=any_theme(), title="Zonder stempel")
    finally:
        call_command("migrate", verbosity=0)
    assert set(_trigger_sql()) == set(stamped_tables()) | set(EXTERNAL_STAMPED)
    backfilled = region_stamps(region.pk)
    assert all(backfilled[domain] > 0 for domain in DOMAINS)
    assert all(region_stamps(0)[domain] > 0 for domain in DOMAINS)
    Knelpunt.objects.create(region=region, theme=any_theme(), title="Met stempel")
    assert region_stamps(region.pk)["werkagenda"] != backfilled["werkagenda"]
