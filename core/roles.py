"""Role look-ups, cached per user object so a page asks the database once.

The cache lives on the user instance (``_zv_roles``); Django builds a new user object per
request, so it never outlives the request.
"""

from __future__ import annotations

from core.constants import Role


def _load(user) -> tuple[dict[int, frozenset[str]], bool]:
    cached = getattr(user, "_zv_roles", None)
    if cached is not None:
        return cached
    by_region: dict[int, set[str]] = {}
    names: dict[int, tuple[str, str]] = {}
    national = False
    if user is not None and user.is_authenticated and user.is_active:
        # order_by(): the model's default ordering (by username) would join auth_user on every
        # request for nothing. The region's name and slug come along in the same query: the
        # header's region switcher needs them on every page (see ``role_regions``).
        rows = user.role_assignments.order_by().values_list(
            "role", "region_id", "region__name", "region__slug"
        )
        for role, region_id, name, slug in rows:
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
