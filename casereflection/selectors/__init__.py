"""Reads of the case reflections: the overview and its CSV, the rotation planner, the
reflection page, its history, and the look-ups of the views.

**Case text.** A reader without ``casereflection.view_case_text`` (a vng_advisor, the
functioneel beheerder) never receives the case text: reflections are read for them with
``.only(*PUBLIC_FIELDS)`` and the hidden attributes are then set to "" (``hide_case_text``),
so that a template or a ``__str__`` that touches ``title`` finds nothing and cannot trigger a
lazy load of the deferred column. ``HIDDEN_FIELDS`` are the fields of
``constants.CASE_TEXT_FIELDS`` plus the three notes, which describe the case as well.

**Query shapes.** Every function reads in a fixed number of queries, however many reflections,
conclusions and actions a region has; the shape is in each docstring. A region holds about four
reflections a year, so the overview reads all of the region's reflections once and filters
them in Python: the page, the summary per sub-region and the year choices come from the same
rows.

The package, by page:

- :mod:`~casereflection.selectors.access` — who reads the case text; ``get_reflection``,
  ``get_conclusion``;
- :mod:`~casereflection.selectors.overview` — the overview and its CSV;
- :mod:`~casereflection.selectors.planner` — the rotation planner;
- :mod:`~casereflection.selectors.detail` — the reflection page;
- :mod:`~casereflection.selectors.history` — its history;
- :mod:`~casereflection.selectors.conclusions` — the follow-up of conclusions and the
  choices of the conclusion form.

Callers import the module they need; this package re-exports nothing.
"""
