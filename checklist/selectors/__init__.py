"""Reads of the checklist for views, dashboards and reports, split by subject
(``comparison``: the national comparison and a region's benchmark)."""
