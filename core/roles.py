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
    national = False
    if user is not None and user.is_authenticated and user.is_active:
        # order_by(): the model's default ordering (by username) would join auth_user on every
        # request for nothing.
        for role, region_id in user.role_assignments.order_by().values_list("role", "region_id"):
            if role == Role.VNG_ADVISOR:
                national = True
            elif region_id is not None:
                by_region.setdefault(region_id, set()).add(role)
    result = ({k: frozenset(v) for k, v in by_region.items()}, national)
    if user is not None:
        user._zv_roles = result
    return result


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
