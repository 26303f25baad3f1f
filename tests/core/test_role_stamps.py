"""The role stamp per user (core.RoleStamp, core migration 0003), the backend that reads it with
the user (accounts.backends) and the roles kept under it (core.roles.kept_with_roles).

The promise: whatever writes a user's roles, the region names they see or (for a VNG
advisor) the list of regions, the stamp moves in that transaction, so the roles and the
header kept under the old stamp are never served again."""

from __future__ import annotations

import importlib

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.backends import BACKEND, DJANGO_MODEL_BACKEND, ModelBackend
from core import roles
from core.models import RoleAssignment, RoleStamp
from governance.models import Region
from tests.factories import RegionFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("core.migrations.0003_role_stamps")


def stamp(user) -> int | None:
    return RoleStamp.objects.filter(user=user).values_list("stamp", flat=True).first()


def fresh(user):
    """The user as a signed-in request loads them: with their role stamp."""
    return ModelBackend().get_user(user.pk)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


# --- the triggers ------------------------------------------------------------------------------


def _triggers() -> dict[str, set[str]]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT tbl_name, name FROM sqlite_master"
                " WHERE type = 'trigger' AND name LIKE 'zv\\_rolestamp\\_%' ESCAPE '\\'"
            )
        else:
            cursor.execute(
                "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                " WHERE NOT t.tgisinternal AND t.tgname LIKE 'zv\\_rolestamp\\_%%'"
            )
        found: dict[str, set[str]] = {}
        for table, name in cursor.fetchall():
            found.setdefault(table, set()).add(name)
    return found


def test_the_triggers_are_in_the_database():
    region_table = Region._meta.db_table
    if connection.vendor == "sqlite":
        expected = {
            "core_roleassignment": {f"zv_rolestamp_assignment_{e}" for e in ("ins", "upd", "del")},
            region_table: {f"zv_rolestamp_region_{e}" for e in ("ins", "upd", "del")},
        }
    else:
        expected = {
            "core_roleassignment": {"zv_rolestamp_assignment"},
            region_table: {"zv_rolestamp_region_upd", "zv_rolestamp_region_insdel"},
        }
    assert _triggers() == expected


# --- what moves a user's stamp -----------------------------------------------------------------


def test_a_user_without_roles_has_no_row_and_the_first_role_creates_it(region):
    user = UserFactory()
    assert stamp(user) is None
    RoleFactory(user=user, region=region, role="bestuurder")
    assert stamp(user) is not None and stamp(user) >= 0


def test_every_write_to_the_roles_moves_the_stamp(region, other_region):
    user, other = UserFactory(), UserFactory()
    role = RoleFactory(user=user, region=region, role="bestuurder")
    RoleFactory(user=other, region=region, role="participant")
    seen = [stamp(user)]

    def moved():
        seen.append(stamp(user))
        return seen[-1] != seen[-2]

    role.role = "secretary"
    role.save()
    assert moved()
    RoleAssignment.objects.filter(pk=role.pk).update(region=other_region)
    assert moved()
    RoleAssignment.objects.bulk_create(
        [RoleAssignment(user=user, region=region, role="participant")]
    )
    assert moved()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_roleassignment SET role = 'bestuurder' WHERE id = %s", [role.pk]
        )
    assert moved()
    RoleAssignment.objects.filter(user=user, role="participant").delete()
    assert moved()
    role.delete()
    assert moved()
    assert len(set(seen)) == len(seen), "a stamp value came back"


def test_a_role_moved_to_another_user_moves_both(region):
    first, second = UserFactory(), UserFactory()
    RoleFactory(user=second, region=region, role="participant")
    role = RoleFactory(user=first, region=region, role="bestuurder")
    before = stamp(first), stamp(second)
    RoleAssignment.objects.filter(pk=role.pk).update(user=second)
    assert stamp(first) != before[0] and stamp(second) != before[1]


def test_renaming_a_region_moves_its_role_holders_and_every_advisor(region, other_region):
    holder = RoleFactory(region=region, role="bestuurder").user
    elsewhere = RoleFactory(region=other_region, role="bestuurder").user
    advisor = RoleFactory(region=None, role="vng_advisor").user
    before = {u.pk: stamp(u) for u in (holder, elsewhere, advisor)}

    Region.objects.filter(pk=region.pk).update(code="VR99")
    assert {u.pk: stamp(u) for u in (holder, elsewhere, advisor)} == before

    region.name = "Hernoemde regio"
    region.save()
    after = {u.pk: stamp(u) for u in (holder, elsewhere, advisor)}
    assert after[holder.pk] != before[holder.pk]
    assert after[advisor.pk] != before[advisor.pk]
    assert after[elsewhere.pk] == before[elsewhere.pk]

    Region.objects.filter(pk=region.pk).update(slug="hernoemd")
    assert stamp(holder) != after[holder.pk] and stamp(advisor) != after[advisor.pk]


def test_a_new_or_deleted_region_moves_every_advisor_and_no_one_else(region):
    advisor = RoleFactory(region=None, role="vng_advisor").user
    holder = RoleFactory(region=region, role="bestuurder").user
    before = stamp(advisor), stamp(holder)
    new = RegionFactory()
    assert stamp(advisor) != before[0] and stamp(holder) == before[1]
    middle = stamp(advisor)
    new.delete()
    assert stamp(advisor) != middle and stamp(holder) == before[1]


@pytest.mark.django_db(transaction=True)
def test_deleting_a_user_with_roles_leaves_no_row_behind():
    region = RegionFactory()
    user = UserFactory()
    RoleFactory(user=user, region=region, role="secretary")
    RoleFactory(user=user, region=RegionFactory(), role="bestuurder")
    user.delete()  # commits: a row the triggers made for a deleted user would fail here
    assert not RoleStamp.objects.exists()
    assert not RoleAssignment.objects.exists()


def test_a_rolled_back_write_leaves_the_stamp_and_its_value_never_returns(region):
    user = UserFactory()
    RoleFactory(user=user, region=region, role="bestuurder")
    before = stamp(user)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleFactory(user=user, region=None, role="participant")  # no region: refused
    assert stamp(user) == before
    values = set()
    for _ in range(20):
        try:
            with transaction.atomic():
                RoleFactory(user=user, region=region, role="participant")
                values.add(stamp(user))
                raise RuntimeError
        except RuntimeError:
            pass
    assert stamp(user) == before and before not in values and len(values) == 20


@pytest.mark.django_db(transaction=True)
def test_the_migration_runs_backwards_and_forwards_and_gives_every_role_holder_a_row():
    from django.core.management import call_command

    holder = RoleFactory(region=RegionFactory(), role="secretary").user
    nobody = UserFactory()
    call_command("migrate", "core", "0002_cache_table", verbosity=0)
    try:
        assert "core_rolestamp" not in connection.introspection.table_names()
        assert not _triggers()
    finally:
        call_command("migrate", verbosity=0)
    assert stamp(holder) is not None and stamp(nobody) is None
    test_the_triggers_are_in_the_database()


# --- the backend -------------------------------------------------------------------------------


def test_the_backend_loads_the_same_user_as_the_orm_with_the_stamp(region):
    user = UserFactory(email="iemand@example.org", is_staff=True)
    RoleFactory(user=user, region=region, role="secretary")
    get_user_model().objects.filter(pk=user.pk).update(last_login="2026-11-30T09:15:00+01:00")
    loaded, expected = fresh(user), get_user_model().objects.get(pk=user.pk)
    for field in get_user_model()._meta.concrete_fields:
        assert getattr(loaded, field.attname) == getattr(expected, field.attname), field.name
    assert loaded._state.db == "default" and not loaded._state.adding
    assert roles._loaded_stamp(loaded) == stamp(user)
    assert roles._loaded_stamp(fresh(UserFactory())) is None
    assert roles._loaded_stamp(expected) is roles._NOT_LOADED


@pytest.mark.parametrize(
    "user_id",
    ["999999", "abc", "", None, "1; DROP TABLE auth_user", "1.5", str(2**63), "-1", 2**70],
)
def test_the_backend_answers_none_for_an_unknown_or_malformed_id(user_id):
    assert ModelBackend().get_user(user_id) is None


def test_the_backend_answers_none_for_an_inactive_user():
    user = UserFactory(is_active=False)
    assert ModelBackend().get_user(user.pk) is None


def test_a_session_from_before_keeps_its_user_and_moves_to_the_backend(bestuurder):
    client = Client()
    client.force_login(bestuurder, backend=DJANGO_MODEL_BACKEND)
    response = client.get("/toegankelijkheid/")
    assert response.status_code == 200
    assert response.context["user"] == bestuurder
    assert client.session[BACKEND_SESSION_KEY] == BACKEND
    assert client.get("/").status_code == 200


# --- the roles kept under the stamp ------------------------------------------------------------


def test_a_signed_in_page_reads_no_roles_once_they_are_kept(bestuurder, vng_advisor):
    """(Not with django_assert_num_queries: tests/conftest.py makes that start cold.)"""
    for user in (bestuurder, vng_advisor):
        client = signed_in(user)
        with CaptureQueriesContext(connection) as first:
            client.get("/toegankelijkheid/")
        with CaptureQueriesContext(connection) as second:
            response = client.get("/toegankelijkheid/")
        assert response.status_code == 200
        # the session, the user with their stamp; the first also read the roles (and the
        # advisor's switcher, every region)
        assert len(second) == 2, [q["sql"] for q in second.captured_queries]
        assert len(first) == (3 if user == bestuurder else 4)


def test_a_removed_role_is_gone_on_the_next_request(region, secretary):
    client = signed_in(secretary)
    url = f"/regio/{region.slug}/"
    assert client.get(url).status_code == 200
    RoleAssignment.objects.filter(user=secretary).delete()
    assert client.get(url).status_code in (403, 404)
    RoleFactory(user=secretary, region=region, role="participant")
    assert client.get(url).status_code == 200


def test_the_switcher_shows_a_renamed_region_and_a_new_one_for_an_advisor(region, other_region):
    holder = UserFactory()
    RoleFactory(user=holder, region=region, role="bestuurder")
    RoleFactory(user=holder, region=other_region, role="bestuurder")
    advisor = RoleFactory(region=None, role="vng_advisor").user
    holder_client, advisor_client = signed_in(holder), signed_in(advisor)
    for client in (holder_client, advisor_client):
        assert "Testregio" in client.get("/toegankelijkheid/").content.decode()

    region.name = "Regio Nieuwe Naam"
    region.save()
    RegionFactory(name="Regio Erbij")
    holder_page = holder_client.get("/toegankelijkheid/").content.decode()
    advisor_page = advisor_client.get("/toegankelijkheid/").content.decode()
    assert "Regio Nieuwe Naam" in holder_page and "Testregio" not in holder_page
    assert "Regio Erbij" not in holder_page
    assert "Regio Nieuwe Naam" in advisor_page and "Regio Erbij" in advisor_page


def test_roles_read_inside_a_transaction_of_the_code_are_not_kept(region):
    """A transaction that wrote roles may roll back: what it read of them must not be kept
    under the stamp the user was loaded with."""
    user = UserFactory()
    RoleFactory(user=user, region=region, role="participant")
    loaded = fresh(user)
    with pytest.raises(RuntimeError), transaction.atomic():
        RoleFactory(user=user, region=region, role="secretary")
        assert roles.roles_in(loaded, region.pk) == {"participant", "secretary"}
        raise RuntimeError
    assert roles.roles_in(fresh(user), region.pk) == {"participant"}


def test_kept_values_are_per_user_stamp_and_name(region):
    user = UserFactory()
    RoleFactory(user=user, region=region, role="participant")
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert roles.kept_with_roles(fresh(user), "proef", compute) == 1
    assert roles.kept_with_roles(fresh(user), "proef", compute) == 1
    assert roles.kept_with_roles(fresh(user), "ander", compute) == 2
    RoleFactory(user=user, region=region, role="bestuurder")
    assert roles.kept_with_roles(fresh(user), "proef", compute) == 3
    # a user loaded without the stamp is computed every time
    plain = get_user_model().objects.get(pk=user.pk)
    assert roles.kept_with_roles(plain, "proef", compute) == 4
    assert roles.kept_with_roles(plain, "proef", compute) == 5


def test_the_migration_freezes_the_advisor_role_name():
    from core.constants import Role

    assert migration.VNG_ADVISOR == Role.VNG_ADVISOR
