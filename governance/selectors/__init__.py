"""Reads of the governance app for views, dashboards and reports.

``register`` covers the structure; ``werkagenda`` the board and table of actions, ``actions`` the
action page, ``knelpunten`` the knelpunten; ``meetings`` meetings."""

from governance.selectors.register import (  # noqa: F401
    BodyFilterForm,
    HistoryEntry,
    OrganisationFilterForm,
    PersonFilterForm,
    _count_per_region,
    _current_memberships,
    _findings_for,
    _history_of,
    _is_current,
    _label,
    attach_region,
    body_detail,
    body_history,
    body_list,
    open_periods_of_body,
    organisation_list,
    person_list,
    region_list,
    region_overview,
    region_partners,
    regions_for_switcher,
)
