import rules


def portal(request):
    """The regions for the region switcher, read once per request, and the header links that
    depend on a role. They are tested against the rule set only: asking ``user.has_perm`` (or
    ``perms`` in a template) falls through to Django's model backend whenever the rule says
    no, and that backend reads the user's and the group permissions: two queries on every page
    of a bestuurder, deelnemer or VNG advisor."""
    from governance.selectors import regions_for_switcher

    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    return {
        "switcher_regions": regions_for_switcher(user) if signed_in else [],
        "can_compare_regions": signed_in and rules.has_perm("checklist.view_comparison", user),
        "can_view_permissions": signed_in and rules.has_perm("core.view_permission_matrix", user),
        "can_view_reachability": signed_in
        and rules.has_perm("notifications.view_reachability", user),
        "can_inspect_persons": signed_in and rules.has_perm("dashboard.inspect_person", user),
    }
