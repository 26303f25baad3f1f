import rules


def portal(request):
    """The regions for the region switcher, read once per request, and the header links that
    depend on a national role (tested against the rule set only: Django's model backend would
    cost two queries on every page)."""
    from governance.selectors import regions_for_switcher

    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    return {
        "switcher_regions": regions_for_switcher(user) if signed_in else [],
        "can_compare_regions": signed_in and rules.has_perm("checklist.view_comparison", user),
    }
