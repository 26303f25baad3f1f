"""Role look-ups, cached per user object so a page asks the database once.

The cache lives on the user instance (``_zv_roles``); Django builds a new user object per
request, so it never outlives the request.
"""

from __future__ import annotations

from core.constants import Role

_ROLE_SQL: dict[str, str] = {}


def _role_rows(user) -> list[tuple]:
    """(role, region id, region name, region slug) of every role of ``user``, in one query.
    The region's name and slug come along: the header's region switcher needs them on every
    page (see ``role_regions``). Every page asks this, so it is one fixed statement built once
    per database vendor from the models' own table and column names: compiling the same ORM
    query (a join and a filter) on each request cost about 0.3 ms, a fifth of an empty page
    (docs/performance.md)."""
    from django.db import connections

    from core.models import RoleAssignment

    connection = connections[user._state.db or "default"]
    sql = _ROLE_SQL.get(connection.vendor)
    if sql is None:
        q = connection.ops.quote_name
        meta = RoleAssignment._meta
        region_field = meta.get_field("region")
        region_meta = region_field.related_model._meta
        sql = (
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
        _ROLE_SQL[connection.vendor] = sql
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk])
        return cursor.fetchall()


def _load(user) -> tuple[dict[int, frozenset[str]], bool]:
    cached = getattr(user, "_zv_roles", None)
    if cached is not None:
        return cached
    by_region: dict[int, set[str]] = {}
    names: dict[int, tuple[str, str]] = {}
    national = False
    if user is not None and user.is_authenticated and user.is_active:
        for role, region_id, name, slug in _role_rows(user):
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
