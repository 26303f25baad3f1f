def portal(request):
    """The regions for the region switcher, read once per request."""
    from governance.selectors import regions_for_switcher

    user = getattr(request, "user", None)
    regions = regions_for_switcher(user) if user is not None and user.is_authenticated else []
    return {"switcher_regions": regions}
