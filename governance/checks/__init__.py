"""Structure checks: rules over one region's governance structure (DESIGN.md §6).

Every rule looks at the structure *as it stands on one day* (default: today) and yields
findings, each with a severity and a link to the page where the secretary fixes it.

All data is read in a fixed number of queries (bodies, memberships, mandates, relations,
partners, municipalities) and evaluated in Python, so a region of 300 bodies costs the same
number of queries as a region of 3.

Definitions used throughout:

- A body is *active on a day* when it is not a proposal, was established on or before that day
  (or has no date of establishment) and is not dissolved on that day (``dissolved_on`` is the
  first day it no longer exists). A body with status *opgeheven* but without a date of
  dissolution is treated as no longer active.
- A membership, mandate or relation is *current on a day* when its period contains that day
  (start inclusive, end exclusive, open ends allowed).
- The *last 12 months* before a day run from the start of the same day a year earlier up to the
  end of that day — or up to now when the day is today: a meeting later today has not happened.

The package:

- :mod:`~governance.checks.base` — severities, :class:`Finding`, the catalogue of checks
  (``CHECKS``) and the helpers above (``body_active_on``, ``period_contains``,
  ``months_before``);
- :mod:`~governance.checks.structure` — loading a region's structure on a day (``_load``);
- the rules by subject: :mod:`~governance.checks.mandates`,
  :mod:`~governance.checks.representation`, :mod:`~governance.checks.lifecycle`,
  :mod:`~governance.checks.cycle`, :mod:`~governance.checks.evaluation` ("evalueren vóór");
- :mod:`~governance.checks.facts` — what a finding is about (``subject``) and the fingerprint
  of the facts behind it (``facts``), for answers to findings;
- :mod:`~governance.checks.run` — ``run_checks`` and ``findings_by_body``;
- :mod:`~governance.checks.window` — the *registered period* of a region (from ``registratie
  sinds``, else its first recorded meeting): rules that look back in time judge only that
  period, and say once per region what they cannot judge yet (``check_region``,
  ``pending_judgements``).

Callers import the module they need; this package re-exports nothing.
"""
