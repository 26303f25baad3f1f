"""Role look-ups, cached per user object so a page asks the database at most once.

The cache lives on the user instance (``_zv_roles``); Django builds a new user object per
request, so it never outlives the request.

The rows themselves are also kept per process under (database, user, role stamp) when the
user was loaded with their stamp (``accounts.backends.ModelBackend``, every signed-in
request): the stamp moves in the transaction of every write to the user's roles and of every
rename of a region they hold one in (``core.models.RoleStamp``), so a kept row list is never
stale and a page needs no query for the roles. A user loaded otherwise (tests, the digest,
the permission matrix) reads them with one query, as before.
"""

from __future__ import annotations

from collections.abc import Hashable

from core import statements
from core.constants import Role

#: (database alias, user id, role stamp, name) -> a value of ``kept_with_roles``. Bounded:
#: emptied when full (a key is only ever read again by the same user with the same stamp).
_KEPT: dict[tuple, object] = {}
KEPT_LIMIT = 20_000
_NOT_LOADED = object()


def _loaded_stamp(user):
    """The user's role stamp when it was read with the user (``None``: they have no row, as
    nobody who has never held a role), ``_NOT_LOADED`` when it was not."""
    from core.models import RoleStamp

    relation = RoleStamp.user.field.remote_field
    if not relation.is_cached(user):
        return _NOT_LOADED
    row = relation.get_cached_value(user)
    return None if row is None else row.stamp


def _role_rows(user) -> list[tuple]:
    """(role, region id, region name, region slug) of every role of ``user``, in one query.
    The region's name and slug come along: the header's region switcher needs them on every
    page (see ``role_regions``). A fixed statement (``core.statements``): compiling the same
    ORM query (a join and a filter) on each request cost about 0.3 ms."""
    from django.db import connections

    connection = connections[user._state.db or "default"]
    return statements.fetch(connection, "core.roles", _role_sql, [user.pk])


def _role_sql(connection) -> str:
    from core.models import RoleAssignment

    q = connection.ops.quote_name
    meta = RoleAssignment._meta
    region_field = meta.get_field("region")
    region_meta = region_field.related_model._meta
    return (
        "SELECT a.{role}, a.{region_id}, r.{name}, r.{slug} FROM {assignments} a "
        "LEFT OUTER JOIN {regions} r ON r.{pk} = a.{region_id} WHERE a.{user_id} = %s"
    ).format(
        role=q(meta.get_field("role").column),
        region_id=q(region_field.column),
        name=q(region_meta.get_field("name").column),
        slug=q(region_meta.get_field("slug").column),
        assignments=q(meta.db_table),
        regions=q(region_meta.db_table),
        pk=q(region_meta.pk.column),
        user_id=q(meta.get_field("user").column),
    )


def _in_own_transaction(connection) -> bool:
    """Inside a transaction the code opened (not only the one a test case opens around a
    test). Such a transaction may have written roles after the user (and their stamp) was
    loaded, and may still roll back: rows it reads must not be kept under that stamp."""
    if not connection.in_atomic_block and connection.get_autocommit():
        return False
    blocks = connection.atomic_blocks
    return not (blocks and all(getattr(block, "_from_testcase", False) for block in blocks))


def forget_kept() -> None:
    """Empty what ``kept_with_roles`` keeps (tests: ids start again after a rollback)."""
    _KEPT.clear()


def kept_with_roles(user, name: Hashable, compute):
    """``compute()``, kept in this process under (user, role stamp, ``name``) when the user
    was loaded with their role stamp, outside a transaction of the code's own; computed
    every time otherwise. Only for values that depend on nothing but what moves the role
    stamp (``core.models.RoleStamp``): the user's roles, the names and slugs of the regions
    they hold one in, and for a VNG advisor the list of regions."""
    from django.db import connections

    stamp = _loaded_stamp(user)
    alias = user._state.db or "default"
    if stamp is _NOT_LOADED or _in_own_transaction(connections[alias]):
        return compute()
    key = (alias, user.pk, stamp, name)
    value = _KEPT.get(key, _NOT_LOADED)
    if value is _NOT_LOADED:
        value = compute()
        if len(_KEPT) >= KEPT_LIMIT:
            _KEPT.clear()
        _KEPT[key] = value
    return value


def _kept_role_rows(user) -> list[tuple]:
    """``_role_rows``, without a query when the user came with their role stamp."""
    return kept_with_roles(user, "roles", lambda: _role_rows(user))


def _load(user) -> tuple[dict[int, frozenset[str]], bool]:
    cached = getattr(user, "_zv_roles", None)
    if cached is not None:
        return cached
    by_region: dict[int, set[str]] = {}
    names: dict[int, tuple[str, str]] = {}
    national = False
    if user is not None and user.is_authenticated and user.is_active:
        for role, region_id, name, slug in _kept_role_rows(user):
            if role == Role.VNG_ADVISOR:
                national = True
            elif region_id is not None:
                by_region.setdefault(region_id, set()).add(role)
                names[region_id] = (name, slug)
    result = ({k: frozenset(v) for k, v in by_region.items()}, national)
    if user is not None:
        user._zv_roles = result
        user._zv_role_regions = names
    return result


def role_regions(user) -> list[tuple[int, str, str]]:
    """(id, name, slug) of the regions in which the user holds a role, by name: read in the
    same query as the roles themselves."""
    _load(user)
    names = getattr(user, "_zv_role_regions", None)
    if names is None:  # roles given in memory (the permission matrix, the digest)
        return []
    return sorted(((rid, n, s) for rid, (n, s) in names.items()), key=lambda r: (r[1], r[0]))


def set_roles_for_matrix(user, by_region: dict[int, set[str]], national: bool) -> None:
    """Give an in-memory user fixed roles (used by the permission matrix page)."""
    user._zv_roles = ({k: frozenset(v) for k, v in by_region.items()}, national)


def roles_by_region(user) -> dict[int, frozenset[str]]:
    """The user's regional roles, by region id (the national role is not included)."""
    return _load(user)[0]


def roles_in(user, region_id: int | None) -> frozenset[str]:
    if region_id is None:
        return frozenset()
    return _load(user)[0].get(region_id, frozenset())


def is_vng_advisor(user) -> bool:
    return _load(user)[1]


def is_staff(user) -> bool:
    return bool(user is not None and user.is_authenticated and (user.is_staff or user.is_superuser))


def reads_all_regions(user) -> bool:
    """VNG advisors and functioneel beheerders read every region."""
    return is_staff(user) or is_vng_advisor(user)


def visible_region_ids(user) -> set[int] | None:
    """Region ids the user may read; ``None`` means every region."""
    if user is None or not user.is_authenticated:
        return set()
    if reads_all_regions(user):
        return None
    return set(_load(user)[0].keys())


def region_ids_with_role(user, *roles: str) -> set[int]:
    return {rid for rid, rs in _load(user)[0].items() if rs.intersection(roles)}
