import rules

from core import roles

#: The header's links that depend on a permission: (context name, permission).
HEADER_PERMISSIONS = (
    ("can_compare_regions", "checklist.view_comparison"),
    ("can_view_permissions", "core.view_permission_matrix"),
    ("can_view_reachability", "notifications.view_reachability"),
    ("can_inspect_persons", "dashboard.inspect_person"),
)


def _header_flags(user) -> dict[str, bool]:
    return {name: rules.has_perm(permission, user) for name, permission in HEADER_PERMISSIONS}


def portal(request):
    """The regions for the region switcher and the header links that depend on a role.

    The links are tested against the rule set only: asking ``user.has_perm`` (or ``perms`` in
    a template) falls through to Django's model backend whenever the rule says no, and that
    backend reads the user's and the group permissions: two queries on every page of a
    bestuurder, deelnemer or VNG advisor. The rules of these four permissions read the
    user's roles and beheer flags and nothing else, so their answers are kept with the roles
    (``core.roles.kept_with_roles``), with the flags in the name;
    tests/dashboard/test_header_flags.py checks them against the rules for every role."""
    from governance.selectors import regions_for_switcher

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"switcher_regions": [], **{name: False for name, _p in HEADER_PERMISSIONS}}
    flags = roles.kept_with_roles(
        user,
        ("header", user.is_active, user.is_staff, user.is_superuser),
        lambda: _header_flags(user),
    )
    return {"switcher_regions": regions_for_switcher(user), **flags}
