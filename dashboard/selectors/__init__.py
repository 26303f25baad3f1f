"""Reads for the cross-app dashboards: home, the bestuurder's meeting preparation, calendar links.

Every function states its query shape; none grows with the amount of data (only with the
number of regions a user holds a role in, which is one or two).

The package, by page: :mod:`~dashboard.selectors.home`, :mod:`~dashboard.selectors.preparation`
(with :mod:`~dashboard.selectors.changes`, what changed in a region since a moment),
:mod:`~dashboard.selectors.calendar`; their building blocks are in
:mod:`~dashboard.selectors.common`. Callers import the module they need; this package
re-exports nothing.
"""
